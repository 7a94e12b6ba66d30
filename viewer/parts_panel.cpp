#include "parts_panel.hpp"

#include <algorithm>

#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QListWidget>
#include <QPixmap>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace lazycad::viewer {

PartsPanel::PartsPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    m_list = new QListWidget(this);
    m_list->setToolTip("Check box: visibility. Double-click: isolate.");
    layout->addWidget(m_list);
    auto* buttons = new QHBoxLayout();
    auto* isolate_button = new QPushButton("Isolate", this);
    auto* all_button = new QPushButton("Show All", this);
    buttons->addWidget(isolate_button);
    buttons->addWidget(all_button);
    layout->addLayout(buttons);
    auto* slider_row = new QHBoxLayout();
    slider_row->addWidget(new QLabel("Transparency", this));
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setRange(0, 90); // percent; 100 would be hiding, which the check box does
    m_slider->setEnabled(false);
    slider_row->addWidget(m_slider);
    layout->addLayout(slider_row);
    connect(m_slider, &QSlider::valueChanged, this, [this](int percent) {
        if (m_list->currentRow() >= 0) set_transparency(std::size_t(m_list->currentRow()), percent / 100.0);
    });
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        m_slider->setEnabled(row >= 0);
        if (row < 0) return;
        QSignalBlocker block(m_slider);
        auto it = m_transparency.find(m_list->item(row)->text().toStdString());
        m_slider->setValue(it == m_transparency.end() ? 0 : int(it->second * 100 + 0.5));
    });
    connect(isolate_button, &QPushButton::clicked, this, [this] {
        if (m_list->currentRow() >= 0) isolate(std::size_t(m_list->currentRow()));
    });
    connect(all_button, &QPushButton::clicked, this, [this] { show_all(); });
    connect(m_list, &QListWidget::itemDoubleClicked, this,
            [this](QListWidgetItem* item) { isolate(std::size_t(m_list->row(item))); });
    connect(m_list, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
        const std::string name = item->text().toStdString();
        std::erase(m_hidden, name);
        if (item->checkState() != Qt::Checked) m_hidden.push_back(name);
        emit visibility_changed();
    });
}

void PartsPanel::set_parts(const std::vector<ShownShape>& parts) {
    QSignalBlocker block(m_list);
    const int current = m_list->currentRow();
    m_list->clear();
    for (const ShownShape& part : parts) {
        QPixmap swatch(14, 14);
        swatch.fill(QColor::fromRgbF(float(part.color.r), float(part.color.g), float(part.color.b)));
        auto* item = new QListWidgetItem(QIcon(swatch), QString::fromStdString(part.name), m_list);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        bool hidden = std::find(m_hidden.begin(), m_hidden.end(), part.name) != m_hidden.end();
        item->setCheckState(hidden ? Qt::Unchecked : Qt::Checked);
    }
    if (current >= 0 && current < m_list->count()) m_list->setCurrentRow(current);
}

std::vector<bool> PartsPanel::visibility() const {
    std::vector<bool> out;
    for (int i = 0; i < m_list->count(); ++i) out.push_back(m_list->item(i)->checkState() == Qt::Checked);
    return out;
}

std::vector<double> PartsPanel::transparency() const {
    std::vector<double> out;
    for (int i = 0; i < m_list->count(); ++i) {
        auto it = m_transparency.find(m_list->item(i)->text().toStdString());
        out.push_back(it == m_transparency.end() ? 0.0 : it->second);
    }
    return out;
}

void PartsPanel::set_transparency(std::size_t index, double value) {
    if (index >= std::size_t(m_list->count())) return;
    m_transparency[m_list->item(int(index))->text().toStdString()] = value;
    if (int(index) == m_list->currentRow()) {
        QSignalBlocker block(m_slider);
        m_slider->setValue(int(value * 100 + 0.5));
    }
    emit transparency_changed();
}

void PartsPanel::set_visible(std::size_t index, bool visible) {
    if (index >= std::size_t(m_list->count())) return;
    m_list->item(int(index))->setCheckState(visible ? Qt::Checked : Qt::Unchecked);
}

void PartsPanel::isolate(std::size_t index) {
    {
        QSignalBlocker block(m_list);
        m_hidden.clear();
        for (int i = 0; i < m_list->count(); ++i) {
            QListWidgetItem* item = m_list->item(i);
            bool shown = std::size_t(i) == index;
            item->setCheckState(shown ? Qt::Checked : Qt::Unchecked);
            if (!shown) m_hidden.push_back(item->text().toStdString());
        }
    }
    emit visibility_changed();
}

void PartsPanel::show_all() {
    {
        QSignalBlocker block(m_list);
        m_hidden.clear();
        for (int i = 0; i < m_list->count(); ++i) m_list->item(i)->setCheckState(Qt::Checked);
    }
    emit visibility_changed();
}

} // namespace lazycad::viewer
