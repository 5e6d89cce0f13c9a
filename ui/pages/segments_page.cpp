#include "ui/pages/segments_page.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

#include "app/bridge/segment_browser.h"
#include "ui/empty_state_widget.h"
#include "ui/models/segment_models.h"
#include "ui/resources.h"

namespace partita::ui {

namespace {

QTableView* makeTable(QWidget* parent, const QString& name) {
  auto* view = new QTableView(parent);
  view->setObjectName(name);
  view->setSelectionBehavior(QAbstractItemView::SelectRows);
  view->setSelectionMode(QAbstractItemView::SingleSelection);
  view->setWordWrap(false);
  view->verticalHeader()->hide();
  view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
  view->horizontalHeader()->setStretchLastSection(true);
  return view;
}

}  // namespace

SegmentsPage::SegmentsPage(const QList<QAction*>& clusterActions, QWidget* parent)
    : Page(parent),
      m_browser(new app::SegmentBrowser(this)),
      m_partitionModel(new LogPartitionTreeModel(this)),
      m_segmentModel(new SegmentTableModel(this)),
      m_offsetIndexModel(new SegmentIndexModel(SegmentIndexModel::Kind::OffsetIndex, this)),
      m_timeIndexModel(new SegmentIndexModel(SegmentIndexModel::Kind::TimeIndex, this)),
      m_batchModel(new BatchTableModel(this)),
      m_openAction(new QAction(this)),
      m_stack(new QStackedWidget(this)),
      m_emptyState(new EmptyStateWidget(icon(QStringLiteral("nav-segments")), this)) {
  setObjectName(QStringLiteral("segmentsPage"));
  m_openAction->setObjectName(QStringLiteral("openDataDirectoryAction"));
  for (QAction* action : clusterActions) m_emptyState->addAction(action);
  m_emptyState->addAction(m_openAction);
  m_stack->addWidget(m_emptyState);
  m_stack->addWidget(buildBrowser());
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_stack);

  connect(m_openAction, &QAction::triggered, this, &SegmentsPage::chooseDataDirectory);
  connect(m_browser, &app::SegmentBrowser::scanned, this, [this](quint64 id, const app::LogDirScan& scan) {
    if (id != m_scanId) return;
    m_scanId = 0;
    m_partitionModel->setScan(scan);
    // Internal topics (__consumer_offsets: 50 partitions per broker) stay folded unless they are all there is.
    const app::LogPartitionInfo* first = scan.partitions.isEmpty() ? nullptr : &scan.partitions.front();
    for (const auto& p : scan.partitions) {
      if (!p.topic.startsWith(QLatin1String("__"))) {
        first = &p;
        break;
      }
    }
    const bool onlyInternal = first == nullptr || first->topic.startsWith(QLatin1String("__"));
    for (int row = 0; row < m_partitionModel->rowCount(); ++row) {
      const QModelIndex topic = m_partitionModel->index(row, 0);
      m_tree->setExpanded(topic, onlyInternal || !topic.data().toString().startsWith(QLatin1String("__")));
    }
    m_errorLabel->setText(scan.errors.join(QLatin1Char('\n')));
    m_errorLabel->setVisible(!scan.errors.isEmpty());
    if (scan.partitions.isEmpty() && scan.errors.isEmpty()) {
      m_errorLabel->setText(tr("No partition directories (topic-partition) with segment files were found here."));
      m_errorLabel->setVisible(true);
    }
    // Keep the selection across reloads; otherwise start at the first partition; with none, show nothing.
    if (!selectPartition(m_selectedTopic, m_selectedPartition)) {
      if (first != nullptr) selectPartition(first->topic, first->partition);
      else clearPartition();
    }
    emit scanned();
  });
  connect(m_browser, &app::SegmentBrowser::indexesLoaded, this, [this](quint64 id, const app::SegmentIndexes& indexes) {
    if (id != m_indexId) return;
    m_indexId = 0;
    m_offsetIndexModel->setIndexes(indexes);
    m_timeIndexModel->setIndexes(indexes);
    m_tabs->setTabText(OffsetIndexTab, tr("Offset index (%1)").arg(indexes.offsetEntries.size()));
    m_tabs->setTabText(TimeIndexTab, tr("Time index (%1)").arg(indexes.timeEntries.size()));
    emit indexesLoaded();
  });
  connect(m_browser, &app::SegmentBrowser::batchesLoaded, this, [this](quint64 id, const app::SegmentBatchPage& page) {
    if (id != m_batchId) return;
    m_batchId = 0;
    m_batchModel->setPage(page);
    updateBatchControls();
    emit batchesLoaded();
  });
  connect(m_browser, &app::SegmentBrowser::requestFailed, this, [this](quint64 id, const QString& error) {
    if (id == m_scanId) {
      m_scanId = 0;
      m_partitionModel->setScan({});
      clearPartition();
    }
    if (id == m_indexId || id == m_batchId) clearSegmentDetails();
    if (id == m_indexId) m_indexId = 0;
    if (id == m_batchId) m_batchId = 0;
    m_errorLabel->setText(error);
    m_errorLabel->setVisible(true);
    updateBatchControls();
    emit requestFailed(error);
  });
  retranslateUi();
  showDirs({});
}

SegmentsPage::~SegmentsPage() = default;

QWidget* SegmentsPage::buildBrowser() {
  auto* browser = new QWidget(this);
  m_dirsLabel = new QLabel(browser);
  m_dirsLabel->setObjectName(QStringLiteral("segmentsDirsLabel"));
  m_dirsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_dirsLabel->setWordWrap(true);
  m_openButton = new QPushButton(browser);
  m_openButton->setObjectName(QStringLiteral("segmentsOpenButton"));
  m_localButton = new QPushButton(browser);
  m_localButton->setObjectName(QStringLiteral("segmentsLocalButton"));
  m_reloadButton = new QPushButton(browser);
  m_reloadButton->setObjectName(QStringLiteral("segmentsReloadButton"));
  m_reloadButton->setShortcut(QKeySequence::Refresh);
  m_errorLabel = new QLabel(browser);
  m_errorLabel->setObjectName(QStringLiteral("segmentsErrorLabel"));
  m_errorLabel->setStyleSheet(QStringLiteral("color: #c62828;"));
  m_errorLabel->setWordWrap(true);
  m_errorLabel->hide();

  m_tree = new QTreeView(browser);
  m_tree->setObjectName(QStringLiteral("segmentsPartitionTree"));
  m_tree->setModel(m_partitionModel);
  m_tree->setUniformRowHeights(true);
  m_tree->header()->setStretchLastSection(false);
  m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
  m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  m_tree->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
  m_segments = makeTable(browser, QStringLiteral("segmentsTable"));
  m_segments->setModel(m_segmentModel);
  m_segments->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_offsetIndexView = makeTable(browser, QStringLiteral("segmentsOffsetIndexView"));
  m_offsetIndexView->setModel(m_offsetIndexModel);
  m_offsetIndexView->setColumnWidth(0, 200);
  m_timeIndexView = makeTable(browser, QStringLiteral("segmentsTimeIndexView"));
  m_timeIndexView->setModel(m_timeIndexModel);
  m_timeIndexView->setColumnWidth(0, 340);
  m_batchView = makeTable(browser, QStringLiteral("segmentsBatchView"));
  m_batchView->setModel(m_batchModel);
  m_batchView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_batchLabel = new QLabel(browser);
  m_batchLabel->setObjectName(QStringLiteral("segmentsBatchLabel"));
  m_previousBatches = new QPushButton(browser);
  m_previousBatches->setObjectName(QStringLiteral("segmentsPreviousBatches"));
  m_nextBatches = new QPushButton(browser);
  m_nextBatches->setObjectName(QStringLiteral("segmentsNextBatches"));

  auto* batchPane = new QWidget(browser);
  auto* batchBar = new QHBoxLayout;
  batchBar->addWidget(m_batchLabel, 1);
  batchBar->addWidget(m_previousBatches);
  batchBar->addWidget(m_nextBatches);
  auto* batchLayout = new QVBoxLayout(batchPane);
  batchLayout->setContentsMargins(0, 4, 0, 0);
  batchLayout->addLayout(batchBar);
  batchLayout->addWidget(m_batchView);
  m_tabs = new QTabWidget(browser);
  m_tabs->setObjectName(QStringLiteral("segmentsTabs"));
  m_tabs->addTab(m_offsetIndexView, QString());
  m_tabs->addTab(m_timeIndexView, QString());
  m_tabs->addTab(batchPane, QString());
  m_tabs->setCurrentIndex(BatchesTab);

  auto* right = new QSplitter(Qt::Vertical, browser);
  right->addWidget(m_segments);
  right->addWidget(m_tabs);
  right->setStretchFactor(0, 1);
  right->setStretchFactor(1, 2);
  auto* split = new QSplitter(Qt::Horizontal, browser);
  split->setObjectName(QStringLiteral("segmentsSplitter"));
  split->addWidget(m_tree);
  split->addWidget(right);
  // The tree needs room for "Partition 12 · broker-3" beside its contents and size columns.
  split->setStretchFactor(0, 1);
  split->setStretchFactor(1, 2);
  split->setSizes({440, 640});

  auto* top = new QHBoxLayout;
  top->addWidget(m_dirsLabel, 1);
  top->addWidget(m_localButton);
  top->addWidget(m_openButton);
  top->addWidget(m_reloadButton);
  auto* layout = new QVBoxLayout(browser);
  layout->addLayout(top);
  layout->addWidget(m_errorLabel);
  layout->addWidget(split, 1);

  connect(m_openButton, &QPushButton::clicked, this, &SegmentsPage::chooseDataDirectory);
  connect(m_localButton, &QPushButton::clicked, this, [this] { openDataDirectory(QString()); });
  connect(m_reloadButton, &QPushButton::clicked, this, &SegmentsPage::reload);
  connect(m_previousBatches, &QPushButton::clicked, this, &SegmentsPage::previousBatches);
  connect(m_nextBatches, &QPushButton::clicked, this, &SegmentsPage::nextBatches);
  connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &SegmentsPage::onPartitionSelected);
  connect(m_segments->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &SegmentsPage::onSegmentSelected);
  return browser;
}

QString SegmentsPage::title() const { return tr("Segments"); }

void SegmentsPage::retranslateUi() {
  m_emptyState->setTitle(tr("No segments to show"));
  m_emptyState->setDescription(
      tr("The log segments of each partition appear here: base offsets, sizes, timestamps, index entries and a batch dump like kafka-dump-log. Start a local cluster, or open any Kafka data directory from disk (read-only)."));
  m_openAction->setText(tr("Open Data Directory…"));
  m_openButton->setText(tr("Open Data Directory…"));
  m_localButton->setText(tr("Local Cluster"));
  m_localButton->setToolTip(tr("Show the data directories of the local cluster's brokers"));
  m_reloadButton->setText(tr("Reload"));
  m_tabs->setTabText(OffsetIndexTab, tr("Offset index"));
  m_tabs->setTabText(TimeIndexTab, tr("Time index"));
  m_tabs->setTabText(BatchesTab, tr("Batches"));
  m_previousBatches->setText(tr("◀ Previous"));
  m_nextBatches->setText(tr("Next ▶"));
  showDirs(m_shownDirs);
  updateBatchControls();
}

void SegmentsPage::setLocalLogDirs(const QStringList& dirs) {
  m_localDirs = dirs;
  if (m_openedDir.isEmpty()) showDirs(m_localDirs);
  m_localButton->setVisible(!m_localDirs.isEmpty() && !m_openedDir.isEmpty());
}

void SegmentsPage::openDataDirectory(const QString& dir) {
  m_openedDir = dir;
  showDirs(dir.isEmpty() ? m_localDirs : QStringList{dir});
  m_localButton->setVisible(!m_localDirs.isEmpty() && !m_openedDir.isEmpty());
}

void SegmentsPage::chooseDataDirectory() {
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Kafka Data Directory"), m_openedDir);
  if (!dir.isEmpty()) openDataDirectory(dir);
}

void SegmentsPage::showDirs(const QStringList& dirs) {
  const bool changed = dirs != m_shownDirs;
  m_shownDirs = dirs;
  m_stack->setCurrentIndex(dirs.isEmpty() ? 0 : 1);
  QStringList shown;
  for (const QString& d : dirs) shown << QDir::toNativeSeparators(d);
  m_dirsLabel->setText(m_openedDir.isEmpty() ? tr("Local cluster data: %1 (read-only)").arg(shown.join(QStringLiteral(", ")))
                                             : tr("Opened from disk: %1 (read-only)").arg(shown.join(QStringLiteral(", "))));
  if (changed) reload();
}

void SegmentsPage::clearSegmentDetails() {
  m_segmentPath.clear();
  m_batchStarts.clear();
  m_offsetIndexModel->setIndexes({});
  m_timeIndexModel->setIndexes({});
  m_batchModel->setPage({});
  m_tabs->setTabText(OffsetIndexTab, tr("Offset index"));
  m_tabs->setTabText(TimeIndexTab, tr("Time index"));
  updateBatchControls();
}

void SegmentsPage::clearPartition() {
  m_selectedTopic.clear();
  m_selectedPartition = -1;
  m_segmentModel->setSegments({});
  clearSegmentDetails();
}

void SegmentsPage::reload() {
  if (m_shownDirs.isEmpty()) {
    m_partitionModel->setScan({});
    clearPartition();
    return;
  }
  m_errorLabel->hide();
  m_scanId = m_browser->scan(m_shownDirs);
}

bool SegmentsPage::selectPartition(const QString& topic, int partition) {
  const QModelIndex index = m_partitionModel->indexOfPartition(topic, partition);
  if (!index.isValid()) return false;
  if (m_tree->currentIndex() == index) {
    onPartitionSelected();  // a reload: same row, new segments
  } else {
    m_tree->setCurrentIndex(index);  // currentChanged -> onPartitionSelected
  }
  return true;
}

bool SegmentsPage::selectSegment(int row) {
  if (m_segmentModel->segmentAt(row) == nullptr) return false;
  const QModelIndex index = m_segmentModel->index(row, 0);
  if (m_segments->currentIndex().row() == row) {
    onSegmentSelected();
  } else {
    m_segments->setCurrentIndex(index);  // currentRowChanged -> onSegmentSelected
  }
  return true;
}

void SegmentsPage::onPartitionSelected() {
  const app::LogPartitionInfo* p = m_partitionModel->partitionAt(m_tree->currentIndex());
  if (p == nullptr) {  // a topic row, or nothing
    clearPartition();
    return;
  }
  const bool samePartition = p->topic == m_selectedTopic && p->partition == m_selectedPartition;
  const QString previousSegment = m_segmentPath;
  if (!samePartition) clearSegmentDetails();
  m_selectedTopic = p->topic;
  m_selectedPartition = p->partition;
  m_segmentModel->setSegments(p->segments);
  // Reselect the same segment after a reload, else the active (newest) one.
  int row = static_cast<int>(p->segments.size()) - 1;
  for (qsizetype i = 0; samePartition && i < p->segments.size(); ++i) {
    if (p->segments[i].logPath == previousSegment) row = static_cast<int>(i);
  }
  m_segmentPath.clear();
  if (row >= 0) selectSegment(row);
}

void SegmentsPage::onSegmentSelected() {
  const app::SegmentFileInfo* s = m_segmentModel->segmentAt(m_segments->currentIndex().row());
  if (s == nullptr) {
    clearSegmentDetails();
    return;
  }
  if (s->logPath == m_segmentPath) return;
  clearSegmentDetails();
  m_segmentPath = s->logPath;
  m_indexId = m_browser->loadIndexes(m_segmentPath);
  m_batchId = m_browser->loadBatches(m_segmentPath, 0);
  updateBatchControls();
}

void SegmentsPage::nextBatches() {
  const app::SegmentBatchPage& page = m_batchModel->page();
  if (m_batchId != 0 || page.atEnd || page.logPath != m_segmentPath) return;
  m_batchStarts.push_back(page.startPosition);
  m_batchId = m_browser->loadBatches(m_segmentPath, page.nextPosition);
  updateBatchControls();
}

void SegmentsPage::previousBatches() {
  if (m_batchId != 0 || m_batchStarts.isEmpty()) return;
  m_batchId = m_browser->loadBatches(m_segmentPath, m_batchStarts.takeLast());
  updateBatchControls();
}

void SegmentsPage::updateBatchControls() {
  const app::SegmentBatchPage& page = m_batchModel->page();
  const bool idle = m_batchId == 0;
  m_previousBatches->setEnabled(idle && !m_batchStarts.isEmpty());
  m_nextBatches->setEnabled(idle && !page.logPath.isEmpty() && !page.atEnd);
  if (page.logPath.isEmpty() || page.batches.isEmpty()) {
    m_batchLabel->setText(page.logPath.isEmpty() ? QString() : tr("No batches in this segment."));
    return;
  }
  qint64 segmentSize = 0;
  if (const app::SegmentFileInfo* s = m_segmentModel->segmentAt(m_segments->currentIndex().row())) segmentSize = s->sizeBytes;
  QString text = tr("Offsets %1–%2 (page %3), bytes %4–%5 of %6")
                     .arg(page.batches.front().baseOffset)
                     .arg(page.batches.back().lastOffset)
                     .arg(m_batchStarts.size() + 1)
                     .arg(page.startPosition)
                     .arg(page.nextPosition)
                     .arg(segmentSize);
  if (page.invalidTailBytes > 0) text += QStringLiteral(" · ") + tr("%1 invalid bytes at the end").arg(page.invalidTailBytes);
  m_batchLabel->setText(text);
}

}  // namespace partita::ui
