#include "param_panel.hpp"

#include <algorithm>
#include <cmath>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QToolButton>

#include "lazycad/error.hpp"
#include "lazycad/thread.hpp"

namespace lazycad::viewer {

namespace {

bool is_thread_size(const std::string& text) {
    try {
        iso_size(text);
        return true;
    } catch (const Error&) {
        return false;
    }
}

} // namespace

double param_step(double value) {
    if (value == 0 || !std::isfinite(value)) return 1;
    return std::pow(10.0, std::floor(std::log10(std::fabs(value))) - 1);
}

ParamPanel::ParamPanel(QWidget* parent) : QWidget(parent) {
    m_grid = new QGridLayout(this);
    m_grid->setColumnStretch(1, 1);
    m_empty = new QLabel("The script has no param().", this);
    m_empty->setEnabled(false);
    m_grid->addWidget(m_empty, 0, 0, 1, 3);
    m_grid->setRowStretch(1, 1);
}

void ParamPanel::set_params(const std::vector<ParamInfo>& params) {
    bool same = params.size() == m_rows.size();
    for (std::size_t i = 0; same && i < params.size(); ++i)
        same = params[i].name == m_rows[i].info.name && params[i].is_string == m_rows[i].info.is_string &&
               params[i].default_value == m_rows[i].info.default_value;
    if (!same) {
        for (Row& row : m_rows) {
            delete row.editor;
            delete row.reset;
        }
        // The name labels are the remaining children of the grid's rows.
        while (QLayoutItem* item = m_grid->takeAt(0)) {
            if (item->widget() != m_empty) delete item->widget();
            delete item;
        }
        m_rows.clear();
        m_grid->addWidget(m_empty, 0, 0, 1, 3);
        m_empty->setVisible(params.empty());
        int line = 1;
        for (const ParamInfo& p : params) {
            Row row;
            row.info = p;
            auto* label = new QLabel(QString::fromStdString(p.name), this);
            label->setToolTip(QString::fromStdString("default " + p.default_value));
            const std::string name = p.name;
            if (p.is_string && is_thread_size(p.default_value)) {
                // A thread size: the ISO 261 coarse sizes to choose from,
                // still editable for a fine one ("M10x1.25").
                auto* combo = new QComboBox(this);
                combo->setEditable(true);
                for (const ThreadSize& t : iso_coarse_sizes()) combo->addItem(QString::fromStdString(t.name));
                combo->setInsertPolicy(QComboBox::NoInsert);
                connect(combo, &QComboBox::textActivated, this, [this, name](const QString& text) {
                    emit edited(name, text.toStdString());
                });
                row.editor = combo;
            } else if (p.is_string) {
                auto* field = new QLineEdit(this);
                connect(field, &QLineEdit::editingFinished, this, [this, field, name] {
                    if (!field->isModified()) return;
                    field->setModified(false);
                    emit edited(name, field->text().toStdString());
                });
                row.editor = field;
            } else {
                auto* spin = new QDoubleSpinBox(this);
                double d = 0;
                try {
                    d = std::stod(p.default_value);
                } catch (...) {
                }
                spin->setRange(-1e9, 1e9);
                // As many decimals as the default shows, at least two (20 → 20.00).
                auto dot = p.default_value.find('.');
                int shown = dot == std::string::npos ? 0 : int(p.default_value.size() - dot - 1);
                spin->setDecimals(std::clamp(shown, 2, 6));
                spin->setSingleStep(param_step(d));
                // One run per entered value, not one per keystroke.
                spin->setKeyboardTracking(false);
                connect(spin, &QDoubleSpinBox::valueChanged, this, [this, name](double v) {
                    emit edited(name, QString::number(v, 'g', 12).toStdString());
                });
                row.editor = spin;
            }
            row.editor->setToolTip(label->toolTip());
            auto* reset = new QToolButton(this);
            reset->setText("↺");
            reset->setToolTip("Reset to default (" + QString::fromStdString(p.default_value) + ")");
            connect(reset, &QToolButton::clicked, this, [this, name] { emit reset_requested(name); });
            row.reset = reset;
            m_grid->addWidget(label, line, 0);
            m_grid->addWidget(row.editor, line, 1);
            m_grid->addWidget(reset, line, 2);
            ++line;
            m_rows.push_back(row);
        }
        m_grid->setRowStretch(line, 1);
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
        m_rows[i].info.value = params[i].value;
        set_value(m_rows[i], params[i].value);
    }
}

void ParamPanel::set_value(Row& row, const std::string& value) {
    // Shown, not entered: no edited() signal.
    if (auto* combo = qobject_cast<QComboBox*>(row.editor)) {
        QSignalBlocker block(combo);
        combo->setCurrentText(QString::fromStdString(value));
    } else if (auto* field = qobject_cast<QLineEdit*>(row.editor)) {
        if (!field->hasFocus() || !field->isModified()) {
            QSignalBlocker block(field);
            field->setText(QString::fromStdString(value));
        }
    } else if (auto* spin = qobject_cast<QDoubleSpinBox*>(row.editor)) {
        QSignalBlocker block(spin);
        try {
            spin->setValue(std::stod(value));
        } catch (...) {
        }
    }
    row.reset->setEnabled(value != row.info.default_value);
    QFont f = row.editor->font();
    f.setBold(value != row.info.default_value); // changed values stand out
    row.editor->setFont(f);
}

bool ParamPanel::edit(const std::string& name, const std::string& value) {
    for (Row& row : m_rows) {
        if (row.info.name != name) continue;
        if (auto* combo = qobject_cast<QComboBox*>(row.editor)) {
            combo->setCurrentText(QString::fromStdString(value));
            emit combo->textActivated(combo->currentText());
        } else if (auto* field = qobject_cast<QLineEdit*>(row.editor)) {
            field->setText(QString::fromStdString(value));
            field->setModified(true);
            emit field->editingFinished();
        } else if (auto* spin = qobject_cast<QDoubleSpinBox*>(row.editor)) {
            spin->setValue(std::stod(value));
        }
        return true;
    }
    return false;
}

bool ParamPanel::reset(const std::string& name) {
    for (Row& row : m_rows)
        if (row.info.name == name) {
            static_cast<QToolButton*>(row.reset)->click();
            return true;
        }
    return false;
}

} // namespace lazycad::viewer
