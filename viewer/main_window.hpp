#pragma once
// The viewer window: the 3D view, the reload loop and its worker thread, the
// problems panel, the lazy tree, progress and statistics.
//
// One run = compile + run the script + evaluate + mesh, on a worker thread
// (model_job.hpp). The GUI thread only receives the JobResult and displays it;
// a failed run leaves the last good model on screen.

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <QElapsedTimer>
#include <QFileSystemWatcher>
#include <QMainWindow>
#include <QTimer>

#include "model_job.hpp"
#include "options.hpp"

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;
class QDockWidget;
class QComboBox;
class QSlider;
class QMenu;
class QAction;
class QCheckBox;

namespace lazycad::viewer {

class ViewWidget;
class ParamPanel;
class PartsPanel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(ViewerOptions options);
    ~MainWindow() override;

    /// Start the first run (call once the window is shown).
    void start();

private:
    void build_menus();
    void build_docks();
    void build_status_bar();
    void watch_model();
    /// Watch `path` (the model or a file it includes) and its folder.
    void watch_file(const QString& path);
    /// A change seen on a watched file itself (`file_event`) or in a folder.
    void on_watch_event(bool file_event);

    /// A change or a Reload: debounced, then run (or queued behind the current run).
    void request_run();
    void start_run();
    /// Start a run, or cancel the running one and queue a new one.
    void run_now();
    /// `finished`: the nodes done since the last report, with their compute times.
    void on_progress(const Progress& p, const std::vector<std::pair<NodeKey, double>>& finished);
    void on_result(JobResult result);
    /// The run's picture is on screen: screenshot, status line, exit checks.
    void after_picture();

    void show_tree(const std::vector<TreeRow>& rows);
    void show_tree_lines();
    void set_row_line(QTreeWidgetItem* item, const std::string& where);
    /// A row's cache and time columns, from its state and m_compute_ms.
    void mark_row(QTreeWidgetItem* item, const QString& state, const NodeKey& key);
    /// "memory", "disk", "missing", or "computed" (by the current run).
    QString state_text(CacheState state, const NodeKey& key) const;
    /// The tree's small columns sized to their contents.
    void fit_tree_columns();
    /// The tree's item for row `row` of the last tree shown, or null.
    QTreeWidgetItem* tree_item(int row) const;
    /// Double-click on a row: its script line into the Problems panel, and
    /// into $VISUAL or $EDITOR (`EDITOR +LINE FILE`, detached) when one is set.
    void open_row_location(QTreeWidgetItem* item);
    /// A tree row was selected: evaluate its node in the background, overlay it.
    void show_node(int row);
    /// Minimum distance between the two last picked entities, in the background.
    void measure(const std::vector<TopoDS_Shape>& picked);
    void apply_section();
    /// The next --test-step, if any (after a picture).
    void next_test_step();
    /// Redraw for a change that is not a run (visibility, section, overlay),
    /// then report it like a run's picture.
    void await_picture();
    QDockWidget* build_inspect_dock();
    /// Open `path` in a new viewer window (File › Open, recent files).
    void open_in_new_window(const QString& path);
    void fill_recent_menu();
    /// The progress bar's text: phase or operation, nodes done, elapsed time.
    void update_progress_text();
    /// Layout and recent files are remembered for interactive sessions only,
    /// not for tests and screenshots.
    bool interactive() const;
    /// Window layout into QSettings (interactive sessions).
    void save_settings();
    /// Ask for a file name, then export_to().
    void export_as(const QString& extension);
    /// Write the last good model on a background thread; `done` gets the error
    /// text (empty on success) back on the GUI thread.
    void export_to(const std::string& path, std::function<void(const std::string&)> done);
    /// Status line, exit checks, and the run queued behind this one.
    void finish_run();
    void save_screenshot_dialog();
    bool save_image(const QString& path);
    void write_status_line();

    ViewerOptions m_options;
    ViewWidget* m_view = nullptr;
    QPlainTextEdit* m_problems = nullptr;
    QDockWidget* m_problems_dock = nullptr;
    QTreeWidget* m_tree = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_cancel_button = nullptr;
    QLabel* m_stats_label = nullptr;
    ParamPanel* m_params = nullptr;
    PartsPanel* m_parts = nullptr;
    QLabel* m_measure_label = nullptr;
    QComboBox* m_pick_mode = nullptr;
    QComboBox* m_section_axis = nullptr;
    QSlider* m_section_slider = nullptr;
    QCheckBox* m_section_flip = nullptr;

    /// Parameter values entered in the panel; kept across source reloads.
    std::map<std::string, std::string> m_edits;
    /// The loaded script, reused while only parameters change.
    std::optional<script::CompiledScript> m_compiled;
    bool m_source_changed = true;
    std::vector<TreeRow> m_tree_rows;
    /// The rows of each node (a shared subtree appears more than once).
    std::map<NodeKey, std::vector<QTreeWidgetItem*>> m_tree_items;
    std::vector<QTreeWidgetItem*> m_row_items; ///< one per row of m_tree_rows
    /// Compute time of each node computed in this process (a memory hit
    /// later still shows what it cost).
    std::map<NodeKey, double> m_compute_ms;
    std::set<NodeKey> m_run_computed; ///< nodes the current run computed
    int m_live_marks = 0; ///< rows marked computed while the run went on (tests)

    std::thread m_node_thread;
    std::thread m_lines_thread; ///< resolves the tree's script lines
    int m_tree_generation = 0;  ///< which tree m_lines_thread's answer is for
    int m_lines_shown = 0;      ///< the tree generation whose lines are shown
    bool m_lines_step_pending = false; ///< a "lines" test step waits for them
    std::atomic<bool> m_node_cancel{false};
    int m_node_request = 0;
    std::string m_overlay_text;
    std::string m_overlay_location;
    double m_overlay_volume = -1;
    std::thread m_measure_thread;
    std::optional<double> m_distance, m_angle;
    QMenu* m_recent_menu = nullptr;
    QAction* m_quit_action = nullptr;
    std::vector<QAction*> m_style_actions; ///< View > Shaded with Edges, Shaded, Wireframe
    QElapsedTimer m_run_clock;
    QTimer m_progress_tick;
    std::string m_phase; ///< what runs now: "compiling m.cpp", "running m.cpp", an operation, ...
    Progress m_last_progress;
    std::size_t m_next_step = 0;
    bool m_step_pending = false; ///< a test step waits for its picture

    QFileSystemWatcher m_watcher;
    QTimer m_debounce;
    /// Each watched file (the model and the local headers its last compile
    /// read, CompiledScript::sources) with its mtime and size, mixed.
    std::map<QString, std::int64_t> m_stamps;

    std::thread m_worker;
    std::atomic<bool> m_cancel{false};
    std::atomic<std::int64_t> m_last_progress_ms{0};
    bool m_running = false;
    bool m_pending = false;
    bool m_cancel_armed = false; ///< --cancel-after-ms fires once

    std::thread m_export_thread;
    bool m_exporting = false;
    bool m_export_requested = false;              ///< --export runs once
    std::optional<std::string> m_export_result;   ///< its error text, for the status line

    std::vector<Displayed> m_last_good; ///< what Export writes

    // The run being shown, for the status line.
    int m_run_index = 0;
    int m_runs_shown = 0;
    std::int64_t m_change_ms = 0;     ///< first change not yet picked up by a run
    std::int64_t m_run_change_ms = 0; ///< the change that started the shown run
    std::int64_t m_started_ms = 0, m_result_ms = 0;
    double m_display_ms = 0; ///< the GUI's share: the result into AIS, panels and tree
    JobResult m_result;
    bool m_awaiting_picture = false;
    QString m_screenshot_written;
};

} // namespace lazycad::viewer
