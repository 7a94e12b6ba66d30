#include "main_window.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>

#include <QAction>
#include <QActionGroup>
#include <QProcess>
#include <QSettings>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QScrollArea>
#include <QSlider>
#include <QVBoxLayout>
#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFontMetrics>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStatusBar>
#include <QTreeWidget>

#include <Standard_Failure.hxx>
#include <TopExp.hxx>
#include <TopTools_IndexedMapOfShape.hxx>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "lazycad/export.hpp"
#include "param_panel.hpp"
#include "pick_info.hpp"
#include "parts_panel.hpp"
#include "runner.hpp"
#include "view_widget.hpp"

namespace lazycad::viewer {

namespace {

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

/// The lazy tree's columns.
enum TreeColumn { col_node, col_cache, col_time, col_line };

/// Editors save in bursts (write, rename, chmod): one run per burst.
constexpr int debounce_ms = 40;
/// Progress events are throttled so a 10 000-node model does not flood the GUI.
constexpr std::int64_t progress_interval_ms = 50;

QString stats_text(const JobResult& r) {
    const Stats& s = r.stats;
    return QString::fromStdString(fmt::format(
        "{} shape(s) · {} nodes: {} computed, {} from disk, {} from memory · script {} {:.0f} ms · "
        "eval {:.0f} ms (meshing {} shape(s): {:.0f} ms)",
        r.shapes.size(), s.nodes, s.computed, s.disk_hits, s.memory_hits,
        r.script_from_cache ? "cached" : "compiled", r.compile_ms, r.eval_ms, r.meshed, r.mesh_ms));
}

} // namespace

MainWindow::MainWindow(ViewerOptions options) : m_options(std::move(options)) {
    setWindowTitle(QString("lazycad — %1").arg(QFileInfo(QString::fromStdString(m_options.model)).fileName()));
    m_view = new ViewWidget(this);
    if (auto v = parse_view(m_options.view)) m_view->set_initial_view(*v);
    setCentralWidget(m_view);
    build_docks();
    build_menus();
    build_status_bar();

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(debounce_ms);
    connect(&m_debounce, &QTimer::timeout, this, [this] { run_now(); });
    // The picture of a run is on screen once Qt has swapped the frame.
    connect(m_view, &QOpenGLWidget::frameSwapped, this, [this] {
        if (m_awaiting_picture) after_picture();
    });
    watch_model();
    m_progress_tick.setInterval(200);
    connect(&m_progress_tick, &QTimer::timeout, this, [this] { update_progress_text(); });

    if (interactive()) {
        QSettings settings;
        restoreGeometry(settings.value("window/geometry").toByteArray());
        restoreState(settings.value("window/state").toByteArray());
        // The model opened last comes first in File › Open Recent.
        QStringList recent = settings.value("recent").toStringList();
        const QString path = QFileInfo(QString::fromStdString(m_options.model)).absoluteFilePath();
        recent.removeAll(path);
        recent.prepend(path);
        while (recent.size() > 10) recent.removeLast();
        settings.setValue("recent", recent);
        settings.setValue("last_model", path);
        fill_recent_menu();
    }

    if (m_options.exit_after_ms > 0)
        QTimer::singleShot(m_options.exit_after_ms, this, [] { QApplication::exit(3); });
    if (!interactive() || m_options.width > 0 || QSettings().value("window/geometry").isNull())
        resize(m_options.width > 0 ? m_options.width : 1300, m_options.height > 0 ? m_options.height : 850);
}

void MainWindow::run_now() {
    if (m_running || m_exporting) {
        // The running evaluation is for a stale script or value: stop it and rerun.
        m_pending = true;
        m_cancel = true;
    } else {
        start_run();
    }
}

bool MainWindow::interactive() const { return m_options.screenshot.empty() && m_options.status_file.empty(); }

void MainWindow::save_settings() {
    if (!interactive()) return;
    QSettings settings;
    settings.setValue("window/geometry", saveGeometry());
    settings.setValue("window/state", saveState());
}

void MainWindow::open_in_new_window(const QString& path) {
    // A window per model, as OpenSCAD does: this one keeps its model, camera
    // and panel values; the new one starts with the same cache options.
    QStringList args{"view", path};
    if (!m_options.cache.enabled) args << "--no-cache";
    else if (!m_options.cache.dir.empty()) args << "--cache-dir" << QString::fromStdString(m_options.cache.dir);
    if (m_options.jobs > 0) args << "--jobs" << QString::number(m_options.jobs);
    if (!QProcess::startDetached(QCoreApplication::applicationFilePath(), args))
        statusBar()->showMessage("Could not start a viewer for " + path, 6000);
}

void MainWindow::fill_recent_menu() {
    if (!m_recent_menu) return;
    m_recent_menu->clear();
    const QStringList recent = QSettings().value("recent").toStringList();
    for (const QString& path : recent)
        if (QFileInfo::exists(path))
            m_recent_menu->addAction(QFileInfo(path).fileName() + "  —  " + QFileInfo(path).path(), this,
                                     [this, path] { open_in_new_window(path); });
    m_recent_menu->setEnabled(!m_recent_menu->isEmpty());
}

void MainWindow::update_progress_text() {
    if (!m_running) return;
    const double seconds = double(m_run_clock.elapsed()) / 1000.0;
    const Progress& p = m_last_progress;
    // One line: what runs now, how far, how long (no second label to split it).
    QString count = p.total > 0 ? QString("  %1/%2").arg(p.done).arg(p.total) : QString();
    QString elapsed = QString("  %1 s").arg(seconds, 0, 'f', 1);
    // The operation is elided to fit, so the count and the time always show.
    const QFontMetrics metrics(m_progress->font());
    const int room = m_progress->width() - metrics.horizontalAdvance(count + elapsed) - 16;
    QString what = metrics.elidedText(QString::fromStdString(m_phase), Qt::ElideRight, std::max(room, 40));
    m_progress->setFormat(what + count + elapsed);
}

MainWindow::~MainWindow() {
    save_settings();
    m_cancel = true;
    m_node_cancel = true;
    if (m_worker.joinable()) m_worker.join();
    if (m_node_thread.joinable()) m_node_thread.join();
    if (m_measure_thread.joinable()) m_measure_thread.join();
    if (m_export_thread.joinable()) m_export_thread.join();
    if (m_lines_thread.joinable()) m_lines_thread.join();
}

void MainWindow::start() { start_run(); }

void MainWindow::build_docks() {
    m_problems = new QPlainTextEdit(this);
    m_problems->setReadOnly(true);
    m_problems->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_problems->setPlaceholderText("No problems.");
    m_problems_dock = new QDockWidget("Problems", this);
    m_problems_dock->setObjectName("problems");
    m_problems_dock->setWidget(m_problems);
    // Always shown, so a typo does not resize the 3D view under the user.
    addDockWidget(Qt::BottomDockWidgetArea, m_problems_dock);

    m_tree = new QTreeWidget(this);
    m_tree->setHeaderLabels({"Node", "Cache", "Time", "Line"});
    m_tree->header()->setSectionResizeMode(col_node, QHeaderView::Stretch);
    m_tree->header()->setStretchLastSection(false);
    m_tree->setUniformRowHeights(true);
    // Sized to their contents once per tree shown (fit_tree_columns), not on
    // every change: ResizeToContents re-measures every row each time a cell
    // changes, which made the live tree quadratic and blocked the GUI thread
    // (Cancel and Ctrl+Q waited for the end of the run) on an 800-node model.
    for (int c : {col_cache, col_time, col_line}) m_tree->header()->setSectionResizeMode(c, QHeaderView::Interactive);
    m_tree->headerItem()->setToolTip(col_time, "Compute time of the nodes computed since the viewer started");
    m_tree->setToolTip("Select a node to see its shape over the model; double-click for its script line "
                       "(opened in $VISUAL or $EDITOR when set).");
    auto* tree_dock = new QDockWidget("Lazy tree", this);
    tree_dock->setObjectName("tree");
    tree_dock->setWidget(m_tree);
    addDockWidget(Qt::RightDockWidgetArea, tree_dock);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (item) show_node(item->data(0, Qt::UserRole).toInt());
    });
    connect(m_tree, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item) { open_row_location(item); });

    m_params = new ParamPanel(this);
    auto* params_scroll = new QScrollArea(this);
    params_scroll->setWidget(m_params);
    params_scroll->setWidgetResizable(true);
    params_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // the editors stretch instead
    auto* params_dock = new QDockWidget("Parameters", this);
    params_dock->setObjectName("parameters");
    params_dock->setWidget(params_scroll);
    addDockWidget(Qt::LeftDockWidgetArea, params_dock);
    connect(m_params, &ParamPanel::edited, this, [this](const std::string& name, const std::string& value) {
        m_edits[name] = value;
        if (m_change_ms == 0) m_change_ms = now_ms();
        // The loaded script runs again (no compile), at once: an entered
        // value comes one at a time (no keyboard tracking), unlike a save.
        if (!m_debounce.isActive()) run_now();
    });
    connect(m_params, &ParamPanel::reset_requested, this, [this](const std::string& name) {
        m_edits.erase(name);
        if (m_change_ms == 0) m_change_ms = now_ms();
        if (!m_debounce.isActive()) run_now();
    });

    m_parts = new PartsPanel(this);
    auto* parts_dock = new QDockWidget("Parts", this);
    parts_dock->setObjectName("parts");
    parts_dock->setWidget(m_parts);
    addDockWidget(Qt::LeftDockWidgetArea, parts_dock);
    connect(m_parts, &PartsPanel::transparency_changed, this, [this] {
        m_view->set_transparency(m_parts->transparency());
        if (m_step_pending) await_picture();
    });
    connect(m_parts, &PartsPanel::visibility_changed, this, [this] {
        m_view->set_visibility(m_parts->visibility());
        apply_section(); // the bounds changed
    });

    QDockWidget* inspect_dock = build_inspect_dock();
    // Tabs on the right, so the 3D view keeps most of the window.
    tabifyDockWidget(tree_dock, inspect_dock);
    tree_dock->raise();
    resizeDocks({tree_dock}, {460}, Qt::Horizontal);
    resizeDocks({params_dock}, {230}, Qt::Horizontal);
    resizeDocks({m_problems_dock}, {110}, Qt::Vertical);
}

QDockWidget* MainWindow::build_inspect_dock() {
    auto* box = new QWidget(this);
    auto* layout = new QVBoxLayout(box);

    auto* measure_group = new QGroupBox("Measure", box);
    auto* measure_form = new QFormLayout(measure_group);
    m_pick_mode = new QComboBox(measure_group);
    m_pick_mode->addItems({"Off", "Faces", "Edges", "Vertices", "Parts"});
    measure_form->addRow("Pick", m_pick_mode);
    m_measure_label = new QLabel("Pick two entities (Shift+click adds the second).", measure_group);
    m_measure_label->setWordWrap(true);
    m_measure_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    measure_form->addRow(m_measure_label);
    connect(m_pick_mode, &QComboBox::currentIndexChanged, this, [this](int i) {
        static const TopAbs_ShapeEnum modes[] = {TopAbs_SHAPE, TopAbs_FACE, TopAbs_EDGE, TopAbs_VERTEX, TopAbs_SHAPE};
        m_view->set_pick_mode(modes[i]);
    });
    connect(m_view, &ViewWidget::selection_changed, this, [this] {
        std::vector<TopoDS_Shape> picked = m_view->picked();
        if (picked.empty()) {
            m_measure_label->setText("Pick an entity for its properties, two for their distance (Shift+click adds).");
            return;
        }
        if (picked.size() == 1) {
            // Properties of one entity: quick for a face or an edge; a whole
            // part's volume is computed by OCCT, so off the GUI thread too.
            if (m_measure_thread.joinable()) m_measure_thread.join();
            m_measure_thread = std::thread([this, s = picked[0]] {
                QString text = QString::fromStdString(describe_pick(s));
                QMetaObject::invokeMethod(this, [this, text] { m_measure_label->setText(text); },
                                          Qt::QueuedConnection);
            });
            return;
        }
        measure({picked[picked.size() - 2], picked.back()});
    });

    auto* section_group = new QGroupBox("Section", box);
    auto* section_form = new QFormLayout(section_group);
    m_section_axis = new QComboBox(section_group);
    m_section_axis->addItems({"Off", "X", "Y", "Z"});
    m_section_slider = new QSlider(Qt::Horizontal, section_group);
    m_section_slider->setRange(0, 1000);
    m_section_slider->setValue(500);
    m_section_flip = new QCheckBox("Flip", section_group);
    section_form->addRow("Plane", m_section_axis);
    section_form->addRow("Position", m_section_slider);
    section_form->addRow(m_section_flip);
    connect(m_section_axis, &QComboBox::currentIndexChanged, this, [this] { apply_section(); });
    connect(m_section_slider, &QSlider::valueChanged, this, [this] { apply_section(); });
    connect(m_section_flip, &QCheckBox::toggled, this, [this] { apply_section(); });

    layout->addWidget(measure_group);
    layout->addWidget(section_group);
    layout->addStretch(1);
    auto* dock = new QDockWidget("Measure, Section", this);
    dock->setObjectName("inspect");
    dock->setWidget(box);
    addDockWidget(Qt::RightDockWidgetArea, dock);
    return dock;
}

void MainWindow::apply_section() {
    m_view->set_section(m_section_axis->currentIndex() - 1, m_section_slider->value() / 1000.0,
                        m_section_flip->isChecked());
}

void MainWindow::measure(const std::vector<TopoDS_Shape>& picked) {
    m_measure_label->setText("Measuring…");
    if (m_measure_thread.joinable()) m_measure_thread.join();
    // BRepExtrema can take a while on curved faces: not on the GUI thread.
    m_measure_thread = std::thread([this, a = picked.at(0), b = picked.at(1)] {
        PairMeasure m = measure_pair(a, b);
        std::optional<double> distance = m.distance, angle = m.angle;
        QString text = QString::fromStdString(describe_pick(a) + "\n" + describe_pick(b) + "\n\n" + m.text);
        QMetaObject::invokeMethod(
            this,
            [this, distance, angle, text] {
                m_distance = distance;
                m_angle = angle;
                m_measure_label->setText(text);
                if (m_step_pending) await_picture();
            },
            Qt::QueuedConnection);
    });
}

void MainWindow::show_node(int row) {
    if (row < 0 || std::size_t(row) >= m_tree_rows.size()) return;
    const Shape shape = m_tree_rows[std::size_t(row)].shape;
    const int request = ++m_node_request;
    m_node_cancel = true;
    if (m_node_thread.joinable()) m_node_thread.join();
    m_node_cancel = false;
    statusBar()->showMessage(QString::fromStdString("Evaluating " + shape.operation() + "…"));
    const std::string text = m_tree_rows[std::size_t(row)].text;
    m_node_thread = std::thread([this, shape, request, text, cache = m_options.cache, jobs = m_options.jobs] {
        NodeShape node;
        std::string error;
        try {
            node = evaluate_node(shape, cache, jobs, &m_node_cancel);
        } catch (const Error& e) {
            error = script::describe(e);
        } catch (const std::exception& e) {
            error = e.what();
        }
        QMetaObject::invokeMethod(
            this,
            [this, node, error, request, text] {
                if (request != m_node_request) return; // another row was selected since
                statusBar()->clearMessage();
                if (QTreeWidgetItem* item = m_tree->currentItem(); item && !node.location.empty())
                    set_row_line(item, node.location);
                if (!error.empty()) {
                    statusBar()->showMessage(QString::fromStdString("This node failed: " + error), 8000);
                    m_overlay_text.clear();
                    m_overlay_volume = -1;
                    m_view->show_overlay({});
                } else {
                    m_overlay_text = text;
                    m_overlay_volume = node.volume;
                    m_overlay_location = node.location;
                    statusBar()->showMessage(QString::fromStdString(
                        text + (node.location.empty() ? "" : "  —  " + node.location)));
                    m_view->show_overlay(node.shape);
                }
                if (m_step_pending) await_picture();
            },
            Qt::QueuedConnection);
    });
}

void MainWindow::await_picture() {
    m_step_pending = false;
    m_awaiting_picture = true;
    m_view->update();
    const int shown = m_runs_shown;
    QTimer::singleShot(3000, this, [this, shown] {
        if (m_awaiting_picture && m_runs_shown == shown) after_picture();
    });
}

void MainWindow::next_test_step() {
    if (m_next_step >= m_options.test_steps.size()) return;
    const std::string step = m_options.test_steps[m_next_step++];
    m_step_pending = true;
    std::istringstream in(step);
    std::string verb;
    in >> verb;
    bool ok = true;
    if (verb == "param") {
        std::string assignment;
        in >> assignment;
        auto eq = assignment.find('=');
        ok = eq != std::string::npos && m_params->edit(assignment.substr(0, eq), assignment.substr(eq + 1));
    } else if (verb == "reset") {
        std::string name;
        in >> name;
        ok = m_params->reset(name);
    } else if (verb == "hide" || verb == "isolate") {
        std::size_t n = 0;
        in >> n;
        ok = n >= 1;
        if (ok && verb == "hide") m_parts->set_visible(n - 1, false);
        else if (ok) m_parts->isolate(n - 1);
        if (ok) await_picture();
    } else if (verb == "quit-after-ms") {
        // Ctrl+Q's action, N ms from now; the next step starts at once (the
        // test makes it a long run, which the quit must not wait for).
        int ms = 0;
        in >> ms;
        QTimer::singleShot(ms, m_quit_action, &QAction::trigger);
        m_step_pending = false;
        QTimer::singleShot(0, this, [this] { next_test_step(); });
    } else if (verb == "style") {
        std::string name;
        in >> name;
        ok = false;
        for (QAction* a : m_style_actions)
            if (a->data().toString().toStdString() == name) {
                a->trigger();
                ok = true;
            }
        if (ok) await_picture();
    } else if (verb == "wait") {
        m_step_pending = false; // the next picture comes from a save by the test
    } else if (verb == "transparency") {
        std::size_t n = 0;
        double t = 0;
        in >> n >> t;
        ok = n >= 1;
        if (ok) m_parts->set_transparency(n - 1, t); // its signal waits for the picture
    } else if (verb == "show-all") {
        m_parts->show_all();
        await_picture();
    } else if (verb == "tree") {
        int row = -1;
        in >> row;
        QTreeWidgetItem* item = tree_item(row);
        ok = item != nullptr;
        if (ok) m_tree->setCurrentItem(item);
    } else if (verb == "lines") {
        // Once the tree's script lines are shown (then a status line).
        if (m_lines_shown == m_tree_generation) await_picture();
        else m_lines_step_pending = true;
    } else if (verb == "open-line") {
        // A double-click on the row, as a user would.
        int row = -1;
        in >> row;
        QTreeWidgetItem* item = tree_item(row);
        ok = item != nullptr;
        if (ok) {
            emit m_tree->itemDoubleClicked(item, col_node);
            await_picture();
        }
    } else if (verb == "measure-faces") {
        int i = 0, j = 0;
        in >> i >> j;
        ok = !m_view->scene().shown().empty() && !m_view->scene().shown()[0].IsNull();
        if (ok) {
            TopTools_IndexedMapOfShape faces;
            TopExp::MapShapes(m_view->scene().shown()[0]->Shape(), TopAbs_FACE, faces);
            ok = i >= 1 && j >= 1 && i <= faces.Extent() && j <= faces.Extent();
            if (ok) measure({faces(i), faces(j)});
        }
    } else if (verb == "section") {
        std::string axis, flip;
        double fraction = 0.5;
        in >> axis >> fraction >> flip;
        int index = axis == "x" ? 1 : axis == "y" ? 2 : axis == "z" ? 3 : 0;
        m_section_slider->setValue(int(fraction * 1000));
        m_section_flip->setChecked(flip == "flip");
        m_section_axis->setCurrentIndex(index);
        apply_section();
        await_picture();
    } else {
        ok = false;
    }
    if (!ok) {
        fmt::print(stderr, "lazycad-view: test step '{}' does not apply\n", step);
        QApplication::exit(4);
    }
}

void MainWindow::build_menus() {
    QMenu* file = menuBar()->addMenu("&File");
    file->addAction("&Open…", this, [this] {
        QString dir = QFileInfo(QString::fromStdString(m_options.model)).absolutePath();
        QString path = QFileDialog::getOpenFileName(this, "Open model", dir, "Model scripts (*.cpp)");
        if (!path.isEmpty()) open_in_new_window(path);
    })->setShortcut(QKeySequence::Open);
    m_recent_menu = file->addMenu("Open &Recent");
    fill_recent_menu();
    QAction* reload = file->addAction("&Reload", this, [this] { request_run(); });
    reload->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence("Ctrl+R")});
    file->addSeparator();
    file->addAction("Export &STEP…", this, [this] { export_as("step"); });
    file->addAction("Export S&TL…", this, [this] { export_as("stl"); });
    file->addAction("Export &BREP…", this, [this] { export_as("brep"); });
    file->addAction("Export &GLB…", this, [this] { export_as("glb"); });
    file->addAction("Save Screens&hot…", this, [this] { save_screenshot_dialog(); })
        ->setShortcut(QKeySequence("Ctrl+Shift+S"));
    file->addSeparator();
    m_quit_action = file->addAction("&Quit", this, [this] {
        // At once, even during a long evaluation: cancel it and leave. An
        // OCCT algorithm without a progress range may not stop soon; the
        // cache writes by renaming, so leaving mid-write loses nothing.
        m_cancel = true;
        m_node_cancel = true;
        if (m_running) {
            save_settings();
            script::remove_private_objects();
            std::_Exit(0);
        }
        QApplication::quit();
    });
    m_quit_action->setShortcut(QKeySequence::Quit);

    QMenu* view = menuBar()->addMenu("&View");
    view->addAction("&Fit All", this, [this] { m_view->fit_all(); })->setShortcut(QKeySequence("F"));
    view->addSeparator();
    view->addAction("&Iso", this, [this] { m_view->set_standard_view(StandardView::iso); })
        ->setShortcut(QKeySequence("0"));
    view->addAction("F&ront", this, [this] { m_view->set_standard_view(StandardView::front); })
        ->setShortcut(QKeySequence("1"));
    view->addAction("&Top", this, [this] { m_view->set_standard_view(StandardView::top); })
        ->setShortcut(QKeySequence("2"));
    view->addAction("R&ight", this, [this] { m_view->set_standard_view(StandardView::right); })
        ->setShortcut(QKeySequence("3"));
    view->addSeparator();
    auto* styles = new QActionGroup(this);
    const std::pair<const char*, DisplayStyle> style_names[] = {{"Shaded with &Edges", DisplayStyle::shaded_with_edges},
                                                                {"&Shaded", DisplayStyle::shaded},
                                                                {"&Wireframe", DisplayStyle::wireframe}};
    for (const auto& [label, style] : style_names) {
        QAction* a = view->addAction(label, this, [this, style = style] { m_view->set_style(style); });
        a->setCheckable(true);
        a->setChecked(style == DisplayStyle::shaded_with_edges);
        a->setData(style == DisplayStyle::shaded_with_edges ? "edges"
                   : style == DisplayStyle::shaded          ? "shaded"
                                                            : "wireframe");
        styles->addAction(a);
        m_style_actions.push_back(a);
    }
    QAction* perspective = view->addAction("&Perspective", this, [this](bool on) { m_view->set_perspective(on); });
    perspective->setCheckable(true);
    perspective->setShortcut(QKeySequence("P"));
    view->addSeparator();
    for (QDockWidget* dock : findChildren<QDockWidget*>()) view->addAction(dock->toggleViewAction());
}

void MainWindow::build_status_bar() {
    m_stats_label = new QLabel(this);
    statusBar()->addWidget(m_stats_label, 1);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(320);
    m_progress->setTextVisible(true);
    m_progress->hide();
    m_cancel_button = new QPushButton("Cancel", this);
    m_cancel_button->hide();
    connect(m_cancel_button, &QPushButton::clicked, this, [this] {
        m_cancel = true;
        m_cancel_button->setEnabled(false);
    });
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel_button);
}

// --- hot reload -------------------------------------------------------------------

namespace {
std::int64_t stamp_of(const QFileInfo& info) {
    return info.lastModified().toMSecsSinceEpoch() ^ (info.size() << 40);
}
} // namespace

void MainWindow::watch_model() {
    watch_file(QFileInfo(QString::fromStdString(m_options.model)).absoluteFilePath());
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, [this] { on_watch_event(true); });
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] { on_watch_event(false); });
}

void MainWindow::watch_file(const QString& path) {
    if (m_stamps.count(path)) return;
    QFileInfo info(path);
    m_watcher.addPath(path);
    // Editors often save by writing a new file and renaming it over the old
    // one: the watch on the file dies with it, the folder's watch notices.
    m_watcher.addPath(info.absolutePath());
    m_stamps[path] = stamp_of(info);
}

void MainWindow::on_watch_event(bool file_event) {
    bool changed = false;
    for (auto& [path, last] : m_stamps) {
        QFileInfo info(path);
        if (!info.exists()) continue; // mid-replace; the folder event that follows brings it back
        bool replaced = false;
        if (!m_watcher.files().contains(path)) replaced = m_watcher.addPath(path);
        const std::int64_t stamp = stamp_of(info);
        // Other files in the folders (screenshots, editor backups) change too:
        // for a folder event only a replaced file or a new stamp is a change.
        changed = changed || replaced || stamp != last;
        last = stamp;
    }
    if (file_event || changed) request_run();
}

void MainWindow::request_run() {
    m_source_changed = true;
    if (m_change_ms == 0) m_change_ms = now_ms();
    m_debounce.start();
}

void MainWindow::start_run() {
    if (m_running || m_exporting) {
        m_pending = true;
        return;
    }
    m_running = true;
    m_pending = false;
    m_cancel = false;
    ++m_run_index;
    m_started_ms = now_ms();
    // Changes seen from now on belong to the next run.
    m_run_change_ms = m_change_ms;
    m_change_ms = 0;
    m_progress->setRange(0, 0); // busy until the evaluation reports
    m_last_progress = Progress{};
    m_run_clock.start();
    m_progress_tick.start();
    m_progress->show();
    m_cancel_button->setEnabled(true);
    m_cancel_button->show();

    JobRequest request;
    request.model = m_options.model;
    request.overrides = m_options.overrides;
    request.edits = m_edits;
    // Only a parameter changed since the last good compile: run that object again.
    if (!m_source_changed) request.compiled = m_compiled;
    m_source_changed = false;
    // What runs first; the worker then says what runs (script::RunRequest::on_phase).
    m_phase = (request.compiled ? "running " : "compiling ") + request.model.filename().string();
    update_progress_text();
    request.cache = m_options.cache;
    request.jobs = m_options.jobs;
    request.measure = !m_options.status_file.empty();
    request.previous = m_last_good;
    m_run_computed.clear();
    m_live_marks = 0;
    // The tree is shown as soon as the script has run, and fills in as nodes finish.
    request.on_tree = [this, run = m_run_index](std::vector<TreeRow> rows) {
        QMetaObject::invokeMethod(
            this,
            [this, run, rows = std::move(rows)] {
                if (m_running && run == m_run_index) show_tree(rows);
            },
            Qt::QueuedConnection);
    };
    request.on_phase = [this, run = m_run_index](const std::string& phase) {
        QMetaObject::invokeMethod(
            this,
            [this, run, phase] {
                if (!m_running || run != m_run_index) return;
                m_phase = phase;
                update_progress_text();
            },
            Qt::QueuedConnection);
    };
    if (m_worker.joinable()) m_worker.join();
    m_worker = std::thread([this, request] {
        // The nodes finished since the last report; progress calls are serialised.
        auto finished = std::make_shared<std::vector<std::pair<NodeKey, double>>>();
        auto progress = [this, finished](const Progress& p) {
            if (p.finished) finished->emplace_back(p.key, p.compute_ms);
            std::int64_t t = now_ms();
            if (p.done < p.total && t - m_last_progress_ms.load() < progress_interval_ms) return;
            m_last_progress_ms = t;
            QMetaObject::invokeMethod(
                this, [this, p, batch = std::move(*finished)] { on_progress(p, batch); }, Qt::QueuedConnection);
            finished->clear();
        };
        JobResult result = run_model_job(request, progress, &m_cancel);
        QMetaObject::invokeMethod(
            this, [this, r = std::move(result)]() mutable { on_result(std::move(r)); },
            Qt::QueuedConnection);
    });
}

void MainWindow::on_progress(const Progress& p, const std::vector<std::pair<NodeKey, double>>& finished) {
    if (!m_running) return;
    for (const auto& [key, ms] : finished) {
        m_compute_ms[key] = ms;
        m_run_computed.insert(key);
        if (auto it = m_tree_items.find(key); it != m_tree_items.end())
            for (QTreeWidgetItem* item : it->second) {
                mark_row(item, "computed", key);
                ++m_live_marks;
            }
    }
    if (!p.finished)
        if (auto it = m_tree_items.find(p.key); it != m_tree_items.end())
            for (QTreeWidgetItem* item : it->second) mark_row(item, "computing", p.key);
    if (m_options.cancel_after_ms > 0 && !m_cancel_armed) {
        m_cancel_armed = true;
        QTimer::singleShot(m_options.cancel_after_ms, m_cancel_button, &QPushButton::click);
    }
    m_progress->setRange(0, int(p.total));
    m_progress->setValue(int(p.done));
    m_last_progress = p;
    // The operation that started last (a mesh node is the viewer's meshing).
    const std::string op = p.operation == "viewer_mesh" ? "meshing" : p.operation;
    if (!p.finished || m_phase.empty()) m_phase = op.empty() ? "evaluating" : op;
    update_progress_text();
}

void MainWindow::on_result(JobResult result) {
    QElapsedTimer display_clock;
    display_clock.start();
    if (m_worker.joinable()) m_worker.join();
    m_running = false;
    m_progress_tick.stop();
    m_result_ms = now_ms();
    m_progress->hide();
    m_cancel_button->hide();
    statusBar()->clearMessage();

    // Saving a header the script includes reloads too.
    for (const std::string& source : result.sources) watch_file(QString::fromStdString(source));
    // A cancelled run that was to recompile leaves that to the next one.
    if (result.cancelled && !result.compiled) m_source_changed = true;
    if (result.compiled) m_compiled = result.compiled;
    for (const std::string& name : result.dropped_edits) m_edits.erase(name);
    if (result.ok) {
        m_view->show_overlay({}); // the selected tree row is gone with the old tree
        m_overlay_text.clear();
        m_overlay_location.clear();
        m_overlay_volume = -1;
        m_view->show_shapes(result.shapes);
        m_parts->set_parts(result.shapes);
        m_view->set_visibility(m_parts->visibility());
        m_view->set_transparency(m_parts->transparency());
        apply_section();
        m_params->set_params(result.params);
        m_last_good = result.displayed;
        m_problems->clear();
        m_stats_label->setText(stats_text(result));
        show_tree(result.tree);
    } else if (result.cancelled) {
        m_stats_label->setText("Evaluation cancelled; showing the last good model.");
    } else {
        // The last good model stays on screen; the panel says what went wrong.
        m_problems->setPlainText(QString::fromStdString(result.error));
        m_problems_dock->show(); // in case the user closed it
        m_problems_dock->raise();
        m_stats_label->setText(result.compile_error ? "The script did not compile; showing the last good model."
                                                    : "The model failed; showing the last good model.");
    }
    if (m_options.verbose)
        fmt::print(stderr, "lazycad-view: run {}: {} ({:.0f} ms)\n", m_run_index,
                   result.ok ? "ok" : result.error, result.total_ms);
    m_result = std::move(result);

    // A cancelled run was superseded by a newer save: go straight to it.
    if (m_result.cancelled && m_pending) {
        if (m_change_ms == 0) m_change_ms = m_run_change_ms;
        start_run();
        return;
    }
    m_display_ms = double(display_clock.nsecsElapsed()) / 1e6;
    m_awaiting_picture = true;
    m_view->update();
    // A hidden or minimised window swaps no frames: do not wait forever.
    const int run = m_run_index;
    QTimer::singleShot(3000, this, [this, run] {
        if (m_awaiting_picture && m_run_index == run) after_picture();
    });
}

void MainWindow::after_picture() {
    m_awaiting_picture = false;
    ++m_runs_shown;
    m_screenshot_written.clear();
    if (!m_options.screenshot.empty() && (m_result.ok || m_options.keep_running)) {
        // "{n}" in the name numbers the pictures, so that a test stepping
        // through widgets reads picture N while N + 1 is being drawn.
        QString path = QString::fromStdString(m_options.screenshot).replace("{n}", QString::number(m_runs_shown));
        if (save_image(path)) m_screenshot_written = path;
        if (!m_options.window_screenshot.empty())
            grab().save(QString::fromStdString(m_options.window_screenshot), "PNG");
    }
    m_export_result.reset();
    if (!m_options.export_path.empty() && m_result.ok && !m_export_requested) {
        // The --export hook goes through the menu's export path; the run's
        // status line waits for it so a test can read the file at once.
        m_export_requested = true;
        export_to(m_options.export_path, [this](const std::string& error) {
            m_export_result = error;
            finish_run();
        });
        return;
    }
    finish_run();
}

void MainWindow::finish_run() {
    write_status_line();
    if (!m_options.screenshot.empty() && !m_options.keep_running) {
        QApplication::exit(m_result.ok ? 0 : 1);
        return;
    }
    if (m_options.exit_after_runs > 0 && m_runs_shown >= m_options.exit_after_runs) {
        QApplication::exit(0);
        return;
    }
    if (m_pending) start_run();
    else QTimer::singleShot(0, this, [this] { next_test_step(); });
}

void MainWindow::write_status_line() {
    if (m_options.status_file.empty()) return;
    nlohmann::json j;
    const JobResult& r = m_result;
    j["run"] = m_run_index;
    j["ok"] = r.ok;
    j["cancelled"] = r.cancelled;
    j["compile_error"] = r.compile_error;
    j["error"] = r.error;
    j["problems_panel"] = m_problems->toPlainText().toStdString();
    j["shapes"] = r.shapes.size();
    std::vector<double> volumes;
    for (const ShownShape& s : r.shapes) volumes.push_back(s.volume);
    j["volumes"] = volumes;
    j["nodes"] = r.stats.nodes;
    j["computed"] = r.stats.computed;
    j["memory_hits"] = r.stats.memory_hits;
    j["disk_hits"] = r.stats.disk_hits;
    j["script_from_cache"] = r.script_from_cache;
    j["compile_ms"] = r.compile_ms;
    j["eval_ms"] = r.eval_ms;
    j["mesh_ms"] = r.mesh_ms;
    j["meshed"] = r.meshed;
    j["total_ms"] = r.total_ms;
    j["script_ms"] = r.script_ms;
    j["evaluate_ms"] = r.evaluate_ms;
    j["tree_ms"] = r.tree_ms;
    j["measure_ms"] = r.measure_ms;
    j["stats_compute_ms"] = r.stats.compute_ms; // summed over the evaluator's threads
    j["stats_check_ms"] = r.stats.check_ms;
    j["display_ms"] = m_display_ms;
    j["changed_ms"] = m_run_change_ms;
    j["started_ms"] = m_started_ms;
    j["result_ms"] = m_result_ms;
    j["picture_ms"] = now_ms();
    j["screenshot"] = m_screenshot_written.toStdString();
    j["compiles"] = script::compile_calls();
    nlohmann::json params = nlohmann::json::object();
    for (const ParamInfo& p : r.params) params[p.name] = p.value;
    j["params"] = params;
    j["visible"] = m_parts->visibility();
    j["transparency"] = m_parts->transparency();
    j["overlay"] = m_overlay_text;
    j["overlay_volume"] = m_overlay_volume;
    j["overlay_line"] = m_overlay_location;
    j["distance"] = m_distance ? nlohmann::json(*m_distance) : nlohmann::json();
    j["angle"] = m_angle ? nlohmann::json(*m_angle) : nlohmann::json();
    j["measure_panel"] = m_measure_label->text().toStdString();
    j["section_axis"] = m_section_axis->currentIndex() == 0 ? "" : m_section_axis->currentText().toStdString();
    j["step"] = m_next_step;
    // The lazy tree as the dock shows it (first rows): node, cache, time, line.
    nlohmann::json tree = nlohmann::json::array();
    for (QTreeWidgetItemIterator it(m_tree); *it && tree.size() < 50; ++it)
        tree.push_back({(*it)->text(col_node).toStdString(), (*it)->text(col_cache).toStdString(),
                        (*it)->text(col_time).toStdString(), (*it)->text(col_line).toStdString()});
    j["tree"] = tree;
    j["tree_live_marks"] = m_live_marks;
    if (m_export_result) {
        j["exported"] = m_options.export_path;
        j["export_error"] = *m_export_result;
    }
    std::ofstream out(m_options.status_file, std::ios::app);
    out << j.dump() << std::endl;
}

// --- the lazy tree ---------------------------------------------------------------------

void MainWindow::show_tree(const std::vector<TreeRow>& rows) {
    bool same = rows.size() == m_row_items.size();
    for (std::size_t i = 0; same && i < rows.size(); ++i)
        same = rows[i].depth == m_tree_rows[i].depth && rows[i].shape.key() == m_tree_rows[i].shape.key();
    if (same) {
        // The tree shown while the run went on, now final: update its rows in
        // place (no new items on the GUI thread; what is expanded stays).
        m_tree_rows = rows;
        m_tree->blockSignals(true);
        m_tree->setCurrentItem(nullptr);
        m_tree->blockSignals(false);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const NodeKey& key = rows[i].shape.key();
            mark_row(m_row_items[i], state_text(rows[i].state, key), key);
        }
        fit_tree_columns();
        return;
    }
    m_tree->blockSignals(true);
    m_tree->clear();
    m_tree->blockSignals(false);
    m_tree_rows = rows;
    m_tree_items.clear();
    m_row_items.clear();
    std::vector<QTreeWidgetItem*> parents;
    int index = 0;
    for (const TreeRow& row : rows) {
        parents.resize(std::size_t(row.depth));
        const NodeKey& key = row.shape.key();
        QString state = row.folded && row.state == CacheState::missing ? "folded" : state_text(row.state, key);
        QStringList cols{QString::fromStdString(row.text) + (row.repeated ? "  (shown above)" : "")};
        QTreeWidgetItem* item = parents.empty() ? new QTreeWidgetItem(m_tree, cols)
                                                : new QTreeWidgetItem(parents.back(), cols);
        mark_row(item, state, key);
        item->setToolTip(col_node, cols[0]);
        item->setData(col_node, Qt::UserRole, index++);
        m_tree_items[key].push_back(item);
        m_row_items.push_back(item);
        parents.push_back(item);
    }
    m_tree->expandToDepth(2);
    fit_tree_columns();
    show_tree_lines();
}

void MainWindow::show_tree_lines() {
    // Nodes record a return address only; addr2line turns them into script
    // lines, once per script for the whole tree, away from the GUI thread.
    const int generation = ++m_tree_generation;
    std::vector<std::uintptr_t> origins;
    for (const TreeRow& row : m_tree_rows) origins.push_back(row.shape.origin());
    if (m_lines_thread.joinable()) m_lines_thread.join();
    m_lines_thread = std::thread([this, generation, origins = std::move(origins)] {
        std::vector<std::string> where = script::script_locations(origins);
        QMetaObject::invokeMethod(
            this,
            [this, generation, where = std::move(where)] {
                if (generation != m_tree_generation) return; // a newer tree is shown
                for (std::size_t i = 0; i < where.size() && i < m_row_items.size(); ++i)
                    if (!where[i].empty()) set_row_line(m_row_items[i], where[i]);
                m_tree->resizeColumnToContents(col_line);
                m_lines_shown = generation;
                if (m_lines_step_pending) {
                    m_lines_step_pending = false;
                    await_picture();
                }
            },
            Qt::QueuedConnection);
    });
}

void MainWindow::fit_tree_columns() {
    for (int c : {col_cache, col_time, col_line}) m_tree->resizeColumnToContents(c);
    // Room for the widest state a live update may write.
    const int computing = m_tree->fontMetrics().horizontalAdvance("computing") + 16;
    if (m_tree->columnWidth(col_cache) < computing) m_tree->setColumnWidth(col_cache, computing);
}

QTreeWidgetItem* MainWindow::tree_item(int row) const {
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it)
        if ((*it)->data(col_node, Qt::UserRole).toInt() == row) return *it;
    return nullptr;
}

QString MainWindow::state_text(CacheState state, const NodeKey& key) const {
    if (state == CacheState::disk) return "disk";
    if (state == CacheState::missing) return "missing";
    return m_run_computed.count(key) ? "computed" : "memory"; // "computed": by the run that made this tree
}

void MainWindow::mark_row(QTreeWidgetItem* item, const QString& state, const NodeKey& key) {
    item->setText(col_cache, state);
    item->setForeground(col_cache, state == "memory" || state == "computed" ? QColor(20, 130, 40)
                                   : state == "disk"                        ? QColor(30, 80, 190)
                                   : state == "computing"                   ? QColor(190, 110, 20)
                                                                            : QColor(130, 130, 130));
    auto it = m_compute_ms.find(key);
    if (it == m_compute_ms.end()) return;
    const double ms = it->second;
    item->setText(col_time, ms < 1 ? QString("<1 ms")
                            : ms < 1000 ? QString("%1 ms").arg(ms, 0, 'f', 0)
                                        : QString("%1 s").arg(ms / 1000, 0, 'f', 1));
    item->setTextAlignment(col_time, Qt::AlignRight | Qt::AlignVCenter);
}

void MainWindow::set_row_line(QTreeWidgetItem* item, const std::string& where) {
    // The file's name and the line in the column (the whole path would take
    // the tree's width), the path in the tooltip and for the editor.
    const QString full = QString::fromStdString(where);
    const int colon = int(full.lastIndexOf(':'));
    item->setText(col_line, colon > 0 ? QFileInfo(full.left(colon)).fileName() + full.mid(colon) : full);
    item->setToolTip(col_line, full);
    item->setData(col_line, Qt::UserRole, full);
}

void MainWindow::open_row_location(QTreeWidgetItem* item) {
    const int row = item->data(col_node, Qt::UserRole).toInt();
    QString where = item->data(col_line, Qt::UserRole).toString();
    if (where.isEmpty() && row >= 0 && std::size_t(row) < m_tree_rows.size()) {
        // One addr2line per call site, remembered: quick enough for a double-click.
        where = QString::fromStdString(script::script_location(m_tree_rows[std::size_t(row)].shape.origin()));
        if (!where.isEmpty()) set_row_line(item, where.toStdString());
    }
    // Where the script made this node, as a compiler would say it.
    m_problems->appendPlainText((where.isEmpty() ? QString("(script line not known)") : where) +
                                ": note: " + item->text(col_node));
    m_problems_dock->show();
    m_problems_dock->raise();
    const int colon = int(where.lastIndexOf(':'));
    bool is_number = false;
    const int line = colon > 0 ? where.mid(colon + 1).toInt(&is_number) : 0;
    QString editor = qEnvironmentVariable("VISUAL");
    if (editor.isEmpty()) editor = qEnvironmentVariable("EDITOR");
    QStringList args = QProcess::splitCommand(editor);
    if (!is_number || args.isEmpty()) return;
    // `vi +12 file`, understood by vi, emacs, nano, gedit, kate, code -g aside.
    const QString program = args.takeFirst();
    args << QString("+%1").arg(line) << QFileInfo(where.left(colon)).absoluteFilePath();
    if (!QProcess::startDetached(program, args))
        statusBar()->showMessage("Could not start the editor " + program, 6000);
}

// --- export and screenshots -------------------------------------------------------------

void MainWindow::export_as(const QString& extension) {
    if (m_last_good.empty()) {
        statusBar()->showMessage("Nothing to export yet.", 4000);
        return;
    }
    const std::vector<bool> visible = m_parts->visibility();
    if (std::find(visible.begin(), visible.end(), true) == visible.end()) {
        statusBar()->showMessage("No visible part to export (Parts panel).", 4000);
        return;
    }
    if (m_exporting || m_running) {
        statusBar()->showMessage("Busy; try again when the run has finished.", 4000);
        return;
    }
    QFileInfo model(QString::fromStdString(m_options.model));
    QString suggestion = model.absoluteDir().filePath(model.completeBaseName() + "." + extension);
    QString path = QFileDialog::getSaveFileName(this, "Export " + extension.toUpper(), suggestion,
                                                extension.toUpper() + " (*." + extension + ")");
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += "." + extension;
    export_to(path.toStdString(), {});
}

void MainWindow::export_to(const std::string& path, std::function<void(const std::string&)> done) {
    m_exporting = true;
    statusBar()->showMessage(QString::fromStdString("Exporting " + path + "…"));
    if (m_export_thread.joinable()) m_export_thread.join();
    // Writing STEP or meshing STL can take a while: not on the GUI thread.
    // The visible parts: isolate one in the Parts panel to export it alone.
    std::vector<Displayed> shapes;
    const std::vector<bool> visible = m_parts->visibility();
    for (std::size_t i = 0; i < m_last_good.size(); ++i)
        if (i >= visible.size() || visible[i]) shapes.push_back(m_last_good[i]);
    m_export_thread = std::thread([this, shapes, path, done = std::move(done),
                                   cache = m_options.cache, jobs = m_options.jobs] {
        std::string error;
        try {
            ExportOptions o;
            o.eval.cache = cache;
            o.eval.jobs = jobs;
            export_file(shapes, path, o);
        } catch (const std::exception& e) {
            error = e.what();
        }
        QMetaObject::invokeMethod(
            this,
            [this, error, path, done] {
                if (m_export_thread.joinable()) m_export_thread.join();
                m_exporting = false;
                statusBar()->showMessage(error.empty() ? QString::fromStdString("Wrote " + path)
                                                       : QString::fromStdString("Export failed: " + error),
                                         8000);
                if (done) done(error);
                else if (m_pending) start_run();
            },
            Qt::QueuedConnection);
    });
}

void MainWindow::save_screenshot_dialog() {
    QFileInfo model(QString::fromStdString(m_options.model));
    QString path = QFileDialog::getSaveFileName(this, "Save Screenshot",
                                                model.absoluteDir().filePath(model.completeBaseName() + ".png"),
                                                "PNG (*.png)");
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += ".png";
    statusBar()->showMessage(save_image(path) ? "Saved " + path : "Could not write " + path, 6000);
}

bool MainWindow::save_image(const QString& path) {
    QImage image = m_view->grabFramebuffer();
    // Written aside and renamed, so a reader never sees half a PNG.
    QString tmp = path + ".part.png";
    if (image.isNull() || !image.save(tmp, "PNG")) return false;
    QFile::remove(path);
    return QFile::rename(tmp, path);
}

} // namespace lazycad::viewer
