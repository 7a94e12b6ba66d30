#pragma once
// The Parts panel: one row per displayed shape (its `.named()` name or
// "shape N") with a visibility check box and a colour swatch, and a
// transparency slider for the selected part; Isolate shows one part alone,
// Show All brings the others back. Visibility and transparency survive
// reloads for parts whose name stays.

#include <map>
#include <string>
#include <vector>

#include <QWidget>

#include "model_job.hpp"

class QListWidget;
class QSlider;

namespace lazycad::viewer {

class PartsPanel : public QWidget {
    Q_OBJECT
public:
    explicit PartsPanel(QWidget* parent = nullptr);

    /// List the parts of the last run, keeping the visibility of known names.
    void set_parts(const std::vector<ShownShape>& parts);
    /// One flag per part, in display order.
    std::vector<bool> visibility() const;
    /// One transparency per part (0 opaque .. 1 invisible), in display order.
    std::vector<double> transparency() const;
    /// Set part `index`'s transparency as its slider does (tests too).
    void set_transparency(std::size_t index, double value);
    /// Show or hide part `index` as its check box does (tests too).
    void set_visible(std::size_t index, bool visible);
    /// Show only part `index`.
    void isolate(std::size_t index);
    void show_all();

signals:
    void visibility_changed();
    void transparency_changed();

private:
    QListWidget* m_list = nullptr;
    QSlider* m_slider = nullptr;
    std::vector<std::string> m_hidden; ///< names of hidden parts, kept across runs
    std::map<std::string, double> m_transparency; ///< by part name, kept across runs
};

} // namespace lazycad::viewer
