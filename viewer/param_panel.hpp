#pragma once
// The Parameters panel (OpenSCAD's Customizer): one typed editor per param()
// of the script (a number spin box, a text field, or the ISO thread sizes for
// a string whose default is one), with its default and a reset button. Editing a value asks the
// window to re-run the loaded script with it (no recompile).

#include <map>
#include <string>
#include <vector>

#include <QWidget>

#include "lazycad/model.hpp"

class QGridLayout;
class QLabel;

namespace lazycad::viewer {

class ParamPanel : public QWidget {
    Q_OBJECT
public:
    explicit ParamPanel(QWidget* parent = nullptr);

    /// Show the parameters of the last run. Rebuilds the editors only when the
    /// set of names, types or defaults changed, so focus and typing survive.
    void set_params(const std::vector<ParamInfo>& params);

    /// Drive the editor of `name` as a user would (tests): false if unknown.
    bool edit(const std::string& name, const std::string& value);
    /// Press the reset button of `name` (tests): false if unknown.
    bool reset(const std::string& name);

signals:
    /// A value was entered; `value` is the text for `-D name=value`.
    void edited(const std::string& name, const std::string& value);
    /// "Reset to default" was pressed.
    void reset_requested(const std::string& name);

private:
    struct Row {
        ParamInfo info;
        QWidget* editor = nullptr;
        QWidget* reset = nullptr;
    };
    void set_value(Row& row, const std::string& value);

    QGridLayout* m_grid = nullptr;
    QLabel* m_empty = nullptr;
    std::vector<Row> m_rows;
};

/// Spin box step for a number parameter whose default is `value`: a tenth of
/// its order of magnitude (20 → 1, 5 → 0.1, 0 → 1).
double param_step(double value);

} // namespace lazycad::viewer
