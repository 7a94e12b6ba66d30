#include "parts_panel.hpp"

#include <algorithm>

#include <QHBoxLayout>
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
