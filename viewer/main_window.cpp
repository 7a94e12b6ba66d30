#include "main_window.hpp"

#include <chrono>
#include <fstream>

#include <QAction>
#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStatusBar>
#include <QTreeWidget>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "lazycad/export.hpp"
#include "view_widget.hpp"

namespace lazycad::viewer {

namespace {

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

/// Editors save in bursts (write, rename, chmod): one run per burst.
constexpr int debounce_ms = 40;
/// Progress events are throttled so a 10 000-node model does not flood the GUI.
constexpr std::int64_t progress_interval_ms = 50;

QString stats_text(const JobResult& r) {
    const Stats& s = r.stats;
    return QString::fromStdString(fmt::format(
        "{} shape(s) · {} nodes: {} computed, {} from disk, {} from memory · script {} {:.0f} ms · "
        "eval {:.0f} ms · mesh {:.0f} ms",
        r.shapes.size(), s.nodes, s.computed, s.disk_hits, s.memory_hits,
        r.script_from_cache ? "cached" : "compiled", r.compile_ms, r.eval_ms, r.mesh_ms));
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
    connect(&m_debounce, &QTimer::timeout, this, [this] {
        if (m_running || m_exporting) {
            // The running evaluation is for a stale script: stop it and rerun.
            m_pending = true;
            m_cancel = true;
        } else {
            start_run();
        }
    });
    // The picture of a run is on screen once Qt has swapped the frame.
    connect(m_view, &QOpenGLWidget::frameSwapped, this, [this] {
        if (m_awaiting_picture) after_picture();
    });
    watch_model();

    if (m_options.exit_after_ms > 0)
        QTimer::singleShot(m_options.exit_after_ms, this, [] { QApplication::exit(3); });
    resize(m_options.width > 0 ? m_options.width : 1200, m_options.height > 0 ? m_options.height : 850);
}

MainWindow::~MainWindow() {
    m_cancel = true;
    if (m_worker.joinable()) m_worker.join();
    if (m_export_thread.joinable()) m_export_thread.join();
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
    m_tree->setHeaderLabels({"Node", "Cache"});
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setStretchLastSection(false);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    auto* tree_dock = new QDockWidget("Lazy tree", this);
    tree_dock->setObjectName("tree");
    tree_dock->setWidget(m_tree);
    addDockWidget(Qt::RightDockWidgetArea, tree_dock);
    resizeDocks({tree_dock}, {420}, Qt::Horizontal);
    resizeDocks({m_problems_dock}, {110}, Qt::Vertical);
}

void MainWindow::build_menus() {
    QMenu* file = menuBar()->addMenu("&File");
    QAction* reload = file->addAction("&Reload", this, [this] { request_run(); });
    reload->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence("Ctrl+R")});
    file->addSeparator();
    file->addAction("Export &STEP…", this, [this] { export_as("step"); });
    file->addAction("Export S&TL…", this, [this] { export_as("stl"); });
    file->addAction("Export &BREP…", this, [this] { export_as("brep"); });
    file->addAction("Save Screens&hot…", this, [this] { save_screenshot_dialog(); })
        ->setShortcut(QKeySequence("Ctrl+Shift+S"));
    file->addSeparator();
    file->addAction("&Quit", qApp, &QApplication::quit)->setShortcut(QKeySequence::Quit);

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
    m_progress->setFormat("compiling…");
    m_progress->show();
    m_cancel_button->setEnabled(true);
    m_cancel_button->show();
    statusBar()->showMessage("Running the script…");

    JobRequest request;
    request.model = m_options.model;
    request.overrides = m_options.overrides;
    request.cache = m_options.cache;
    request.jobs = m_options.jobs;
    request.measure = !m_options.status_file.empty();
    request.previous = m_last_good;
    if (m_worker.joinable()) m_worker.join();
    m_worker = std::thread([this, request] {
        auto progress = [this](const Progress& p) {
            std::int64_t t = now_ms();
            if (p.done < p.total && t - m_last_progress_ms.load() < progress_interval_ms) return;
            m_last_progress_ms = t;
            QMetaObject::invokeMethod(this, [this, p] { on_progress(p); }, Qt::QueuedConnection);
        };
        JobResult result = run_model_job(request, progress, &m_cancel);
        QMetaObject::invokeMethod(
            this, [this, r = std::move(result)]() mutable { on_result(std::move(r)); },
            Qt::QueuedConnection);
    });
}

void MainWindow::on_progress(const Progress& p) {
    if (!m_running) return;
    if (m_options.cancel_after_ms > 0 && !m_cancel_armed) {
        m_cancel_armed = true;
        QTimer::singleShot(m_options.cancel_after_ms, m_cancel_button, &QPushButton::click);
    }
    m_progress->setRange(0, int(p.total));
    m_progress->setValue(int(p.done));
    m_progress->setFormat(QString("%1/%2  %3").arg(p.done).arg(p.total).arg(QString::fromStdString(p.operation)));
}

void MainWindow::on_result(JobResult result) {
    if (m_worker.joinable()) m_worker.join();
    m_running = false;
    m_result_ms = now_ms();
    m_progress->hide();
    m_cancel_button->hide();
    statusBar()->clearMessage();

    // Saving a header the script includes reloads too.
    for (const std::string& source : result.sources) watch_file(QString::fromStdString(source));
    if (result.ok) {
        m_view->show_shapes(result.shapes);
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
        if (save_image(QString::fromStdString(m_options.screenshot)))
            m_screenshot_written = QString::fromStdString(m_options.screenshot);
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
    j["total_ms"] = r.total_ms;
    j["changed_ms"] = m_run_change_ms;
    j["started_ms"] = m_started_ms;
    j["result_ms"] = m_result_ms;
    j["picture_ms"] = now_ms();
    j["screenshot"] = m_screenshot_written.toStdString();
    if (m_export_result) {
        j["exported"] = m_options.export_path;
        j["export_error"] = *m_export_result;
    }
    std::ofstream out(m_options.status_file, std::ios::app);
    out << j.dump() << std::endl;
}

// --- the lazy tree ---------------------------------------------------------------------

void MainWindow::show_tree(const std::vector<TreeRow>& rows) {
    m_tree->clear();
    std::vector<QTreeWidgetItem*> parents;
    for (const TreeRow& row : rows) {
        parents.resize(std::size_t(row.depth));
        QString state = row.state == CacheState::memory ? "memory"
                        : row.state == CacheState::disk ? "disk"
                                                        : "missing";
        QStringList cols{QString::fromStdString(row.text) + (row.repeated ? "  (shown above)" : ""), state};
        QTreeWidgetItem* item = parents.empty() ? new QTreeWidgetItem(m_tree, cols)
                                                : new QTreeWidgetItem(parents.back(), cols);
        item->setForeground(1, row.state == CacheState::memory ? QColor(20, 130, 40)
                               : row.state == CacheState::disk ? QColor(30, 80, 190)
                                                               : QColor(130, 130, 130));
        item->setToolTip(0, cols[0]);
        parents.push_back(item);
    }
    m_tree->expandToDepth(2);
}

// --- export and screenshots -------------------------------------------------------------

void MainWindow::export_as(const QString& extension) {
    if (m_last_good.empty()) {
        statusBar()->showMessage("Nothing to export yet.", 4000);
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
    m_export_thread = std::thread([this, shapes = m_last_good, path, done = std::move(done),
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
