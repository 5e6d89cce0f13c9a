// The log segments page: the segment files of every partition in Kafka data dirs on this computer (the
// local cluster's broker dirs via setLocalLogDirs(), or any data dir opened with "Open data directory…"),
// read-only. A topic/partition tree selects a partition; its segments table shows base offset, size,
// first/last timestamp, index entry counts and the active segment; tabs show the selected segment's offset
// index, time index and a paged batch dump (kafka-dump-log's fields). All reading happens in the
// SegmentBrowser's worker thread; models hold only what is shown (one page of batches).
//
// Until it has a dir it shows an empty state. Ownership: owned by the main window's page stack; the actions
// passed in are owned by the main window and outlive the page. Owns its SegmentBrowser. GUI thread only.
#pragma once

#include <QList>
#include <QStringList>

#include "app/bridge/segment_types.h"
#include "ui/pages/page.h"

class QAction;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QTreeView;

namespace partita::app {
class SegmentBrowser;
}

namespace partita::ui {

class BatchTableModel;
class EmptyStateWidget;
class LogPartitionTreeModel;
class SegmentIndexModel;
class SegmentTableModel;

class SegmentsPage : public Page {
  Q_OBJECT

 public:
  enum Tab { OffsetIndexTab, TimeIndexTab, BatchesTab };

  // `clusterActions`: "Start local cluster…" and "Connect to cluster…", shown as buttons.
  explicit SegmentsPage(const QList<QAction*>& clusterActions, QWidget* parent = nullptr);
  ~SegmentsPage() override;

  QString title() const override;

  // The log dirs of the local cluster's brokers; empty when none runs. Shown unless the user opened a dir.
  void setLocalLogDirs(const QStringList& dirs);
  // Shows a data dir (or a partition dir) opened from disk; an empty string goes back to the local dirs.
  void openDataDirectory(const QString& dir);
  QStringList shownDirs() const { return m_shownDirs; }
  void reload();

  // Selects a partition in the tree (loads its segments) and a segment in the table (loads its tabs).
  bool selectPartition(const QString& topic, int partition);
  bool selectSegment(int row);
  void nextBatches();
  void previousBatches();

  LogPartitionTreeModel* partitionModel() const { return m_partitionModel; }
  SegmentTableModel* segmentModel() const { return m_segmentModel; }
  SegmentIndexModel* offsetIndexModel() const { return m_offsetIndexModel; }
  SegmentIndexModel* timeIndexModel() const { return m_timeIndexModel; }
  BatchTableModel* batchModel() const { return m_batchModel; }
  QTabWidget* tabs() const { return m_tabs; }
  bool isBusy() const { return m_scanId != 0 || m_indexId != 0 || m_batchId != 0; }

 signals:
  void scanned();
  void indexesLoaded();
  void batchesLoaded();
  void requestFailed(const QString& error);

 protected:
  void retranslateUi() override;

 private:
  QWidget* buildBrowser();
  void showDirs(const QStringList& dirs);
  void onPartitionSelected();
  void onSegmentSelected();
  void chooseDataDirectory();
  void updateBatchControls();
  // What the page shows of one segment (indexes, batches) or of one partition (its segments too) is cleared the
  // moment the selection moves or a load fails, so that nothing of the previous segment is shown as this one's.
  void clearSegmentDetails();
  void clearPartition();

  app::SegmentBrowser* m_browser;
  LogPartitionTreeModel* m_partitionModel;
  SegmentTableModel* m_segmentModel;
  SegmentIndexModel* m_offsetIndexModel;
  SegmentIndexModel* m_timeIndexModel;
  BatchTableModel* m_batchModel;
  QStringList m_localDirs;
  QString m_openedDir;
  QStringList m_shownDirs;
  QString m_segmentPath;
  QList<qint64> m_batchStarts;  // start positions of the batch pages before the current one
  quint64 m_scanId = 0;
  quint64 m_indexId = 0;
  quint64 m_batchId = 0;
  QString m_selectedTopic;
  int m_selectedPartition = -1;

  QAction* m_openAction;
  QStackedWidget* m_stack;
  EmptyStateWidget* m_emptyState;
  QLabel* m_dirsLabel;
  QPushButton* m_openButton;
  QPushButton* m_localButton;
  QPushButton* m_reloadButton;
  QTreeView* m_tree;
  QTableView* m_segments;
  QTabWidget* m_tabs;
  QTableView* m_offsetIndexView;
  QTableView* m_timeIndexView;
  QTableView* m_batchView;
  QLabel* m_batchLabel;
  QPushButton* m_previousBatches;
  QPushButton* m_nextBatches;
  QLabel* m_errorLabel;
};

}  // namespace partita::ui
