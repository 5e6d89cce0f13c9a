#include "ui/pages/messages_page.h"

#include <algorithm>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QDateTimeEdit>
#include <QFile>
#include <QFileDialog>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QShowEvent>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QProgressBar>
#include <QTimer>
#include <QVBoxLayout>

#include "app/bridge/authorization_error.h"
#include "app/bridge/message_browser.h"
#include "app/bridge/schema_catalog.h"
#include "ui/dialogs/local_schema_dialog.h"
#include "ui/dialogs/produce_dialog.h"
#include "ui/empty_state_widget.h"
#include "ui/models/group_format.h"
#include "ui/models/message_table_model.h"
#include "ui/resources.h"
#include "ui/widgets/isolation_combo.h"
#include "ui/widgets/message_detail_view.h"
#include "ui/widgets/message_format.h"

namespace partita::ui {

MessagesPage::MessagesPage(const QList<QAction*>& clusterActions, QWidget* parent)
    : Page(parent),
      m_browser(new app::MessageBrowser(this)),
      m_model(new MessageTableModel(this)),
      m_stack(new QStackedWidget(this)),
      m_emptyState(new EmptyStateWidget(icon(QStringLiteral("nav-messages")), this)) {
  setObjectName(QStringLiteral("messagesPage"));
  m_tailTimer = new QTimer(this);
  m_tailTimer->setInterval(1000);
  connect(m_tailTimer, &QTimer::timeout, this, &MessagesPage::pollTail);
  for (QAction* action : clusterActions) m_emptyState->addAction(action);
  m_stack->addWidget(m_emptyState);
  m_stack->addWidget(buildBrowser());
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_stack);

  connect(m_browser, &app::MessageBrowser::topicsReady, this, [this](quint64 id, const QList<app::TopicSummary>& topics) {
    if (id != m_topicsId) return;
    m_topicsId = 0;
    m_topics = topics;
    const QString current = m_topicCombo->currentText();
    const QSignalBlocker block(m_topicCombo);
    m_topicCombo->clear();
    int firstOrdinary = -1;  // never pre-select an internal topic such as __consumer_offsets
    for (const auto& t : topics) {
      m_topicCombo->addItem(t.name);
      if (firstOrdinary < 0 && !t.internal && !t.name.startsWith(QLatin1String("__"))) firstOrdinary = m_topicCombo->count() - 1;
    }
    const int index = m_topicCombo->findText(current);
    m_topicCombo->setCurrentIndex(index >= 0 ? index : std::max(firstOrdinary, 0));
    onTopicChanged();
    if (m_page.topic.isEmpty()) {
      setStatus(topics.isEmpty() ? tr("The cluster has no topics yet.")
                                 : tr("Choose a topic, its partitions and where to start, then press Open."),
                false);
    }
    emit topicsLoaded();
  });
  connect(m_browser, &app::MessageBrowser::searchProgress, this, [this](quint64 id, qint64 scanned, int matches) {
    if (id != m_pendingId) return;
    setStatus(tr("Searching… %1 scanned, %2 found").arg(formatCount(scanned)).arg(matches), false);
    emit searchProgressed(scanned, matches);
  });
  connect(m_browser, &app::MessageBrowser::pageReady, this, [this](quint64 id, const app::MessagePage& page) {
    if (id != 0 && id == m_tailId) {
      m_tailId = 0;
      onTailPage(page);
      return;
    }
    if (id != m_pendingId) return;  // an answer to a request the user has moved on from
    m_pendingId = 0;
    m_searching = false;
    m_searchProgress->hide();
    m_cancelSearchButton->hide();
    m_page = page;
    m_model->setRows(page.rows, m_query.topic);
    m_detail->setRow(std::nullopt);
    // At the end of the log, started from the latest: the newest message is at the bottom, show it.
    if (m_query.start == app::MessageStart::Latest && !page.hasNext) m_table->scrollToBottom();
    describePage();
    updateButtons();
    emit pageLoaded();
  });
  connect(m_browser, &app::MessageBrowser::produced, this, [this](quint64 id, const app::ProduceOutcome& o) {
    if (id == m_produceId) m_produceId = 0;
    setStatus(o.offset >= 0 ? tr("Produced to %1, partition %2, at offset %3.").arg(o.topic).arg(o.partition).arg(o.offset)
                            : tr("Sent to %1, partition %2 (acks=0: no offset reported).").arg(o.topic).arg(o.partition),
              false);
    emit produced(o);
  });
  connect(m_browser, &app::MessageBrowser::requestFailed, this, [this](quint64 id, const QString& error) {
    if (id == m_tailId) {  // a failed tail read is retried at the next tick; the status says why
      m_tailId = 0;
      setStatus(error, true);
      return;
    }
    if (id == m_pendingId) {
      m_pendingId = 0;
      m_searching = false;
      m_searchProgress->hide();
      m_cancelSearchButton->hide();
    }
    if (id == m_topicsId) m_topicsId = 0;
    if (id == m_produceId) m_produceId = 0;
    setStatus(error, true);
    updateButtons();
    emit requestFailed(error);
  });
  retranslateUi();
  updateButtons();
}

MessagesPage::~MessagesPage() = default;

QWidget* MessagesPage::buildBrowser() {
  auto* browser = new QWidget(this);
  m_topicLabel = new QLabel(browser);
  m_topicCombo = new QComboBox(browser);
  m_topicCombo->setObjectName(QStringLiteral("messagesTopicCombo"));
  m_topicCombo->setMinimumContentsLength(12);
  m_topicCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  // Searchable: type any part of a topic name (thousands of topics do not fit a drop-down).
  m_topicCombo->setEditable(true);
  m_topicCombo->setInsertPolicy(QComboBox::NoInsert);
  m_topicCombo->completer()->setCompletionMode(QCompleter::PopupCompletion);
  m_topicCombo->completer()->setFilterMode(Qt::MatchContains);
  m_topicCombo->completer()->setCaseSensitivity(Qt::CaseInsensitive);
  m_topicLabel->setBuddy(m_topicCombo);
  m_partitionCombo = new QComboBox(browser);
  m_partitionCombo->setObjectName(QStringLiteral("messagesPartitionCombo"));
  m_startLabel = new QLabel(browser);
  m_startCombo = new QComboBox(browser);
  m_startCombo->setObjectName(QStringLiteral("messagesStartCombo"));
  m_startCombo->addItems({QString(), QString(), QString(), QString()});
  m_startCombo->setCurrentIndex(static_cast<int>(app::MessageStart::Latest));
  m_startLabel->setBuddy(m_startCombo);
  m_offsetEdit = new QLineEdit(browser);
  m_offsetEdit->setObjectName(QStringLiteral("messagesOffsetEdit"));
  m_offsetEdit->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("\\d{1,18}")), m_offsetEdit));
  m_offsetEdit->setText(QStringLiteral("0"));
  m_offsetEdit->setMaximumWidth(140);
  m_dateTimeEdit = new QDateTimeEdit(QDateTime::currentDateTime().addSecs(-3600), browser);
  m_dateTimeEdit->setObjectName(QStringLiteral("messagesDateTimeEdit"));
  m_dateTimeEdit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
  m_dateTimeEdit->setCalendarPopup(true);
  // Presets next to the date: the usual "since when" questions, and an epoch-ms value pasted from a log.
  auto* presets = new QToolButton(browser);
  presets->setObjectName(QStringLiteral("messagesTimePresets"));
  presets->setPopupMode(QToolButton::InstantPopup);
  presets->setMenu(new QMenu(presets));
  connect(presets->menu(), &QMenu::aboutToShow, presets, [this, presets] {
    QMenu* menu = presets->menu();
    menu->clear();
    const QDateTime now = QDateTime::currentDateTime();
    menu->addAction(tr("Last 15 minutes"), this, [this, now] { m_dateTimeEdit->setDateTime(now.addSecs(-15 * 60)); });
    menu->addAction(tr("Last hour"), this, [this, now] { m_dateTimeEdit->setDateTime(now.addSecs(-3600)); });
    menu->addAction(tr("Today (since 00:00)"), this,
                    [this, now] { m_dateTimeEdit->setDateTime(QDateTime(now.date(), QTime(0, 0))); });
    menu->addAction(tr("Epoch milliseconds…"), this, [this] {
      bool ok = false;
      const QString text = QInputDialog::getText(this, tr("Start at a Timestamp"),
                                                 tr("Milliseconds since 1970-01-01 UTC (Kafka record timestamps):"),
                                                 QLineEdit::Normal,
                                                 QString::number(m_dateTimeEdit->dateTime().toMSecsSinceEpoch()), &ok)
                               .trimmed();
      if (!ok) return;
      bool number = false;
      const qint64 ms = text.toLongLong(&number);
      if (!number || ms < 0) {
        setStatus(tr("%1 is not a number of milliseconds.").arg(text), true);
        return;
      }
      m_dateTimeEdit->setDateTime(QDateTime::fromMSecsSinceEpoch(ms));
    });
  });
  connect(m_dateTimeEdit, &QDateTimeEdit::dateTimeChanged, m_dateTimeEdit, [this](const QDateTime& t) {
    m_dateTimeEdit->setToolTip(tr("Epoch milliseconds: %1").arg(t.toMSecsSinceEpoch()));
  });
  m_openButton = new QPushButton(browser);
  m_openButton->setObjectName(QStringLiteral("messagesOpenButton"));
  m_openButton->setDefault(true);
  m_previousButton = new QPushButton(browser);
  m_previousButton->setObjectName(QStringLiteral("messagesPreviousButton"));
  m_previousButton->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
  m_nextButton = new QPushButton(browser);
  m_nextButton->setObjectName(QStringLiteral("messagesNextButton"));
  m_nextButton->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Right));
  m_produceButton = new QPushButton(browser);
  m_produceButton->setObjectName(QStringLiteral("messagesProduceButton"));
  m_localSchemaButton = new QPushButton(browser);
  m_localSchemaButton->setObjectName(QStringLiteral("messagesLocalSchemaButton"));

  m_filterField = new QComboBox(browser);
  m_filterField->setObjectName(QStringLiteral("messagesFilterField"));
  m_filterField->addItems({QString(), QString(), QString(), QString()});
  m_keyPartitionerCombo = new QComboBox(browser);
  m_keyPartitionerCombo->setObjectName(QStringLiteral("messagesKeyPartitionerCombo"));
  m_keyPartitionerCombo->addItems({QString(), QString(), QString()});  // in app::KeyPartitioner's order
  m_keyPartitionerCombo->setVisible(false);
  m_filterEdit = new QLineEdit(browser);
  m_filterEdit->setObjectName(QStringLiteral("messagesFilterEdit"));
  m_filterEdit->setClearButtonEnabled(true);
  m_exportButton = new QToolButton(browser);
  m_exportButton->setObjectName(QStringLiteral("messagesExportButton"));
  m_exportButton->setPopupMode(QToolButton::InstantPopup);
  auto* exportMenu = new QMenu(m_exportButton);
  m_exportJsonAction = exportMenu->addAction(QString());
  m_exportCsvAction = exportMenu->addAction(QString());
  m_exportButton->setMenu(exportMenu);
  m_statusLabel = new QLabel(browser);
  m_statusLabel->setObjectName(QStringLiteral("messagesStatusLabel"));
  m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_statusLabel->setWordWrap(true);

  m_table = new QTableView(browser);
  m_table->setObjectName(QStringLiteral("messagesTable"));
  m_table->setModel(m_model);
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->setWordWrap(false);
  m_table->verticalHeader()->hide();
  m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
  m_table->horizontalHeader()->setStretchLastSection(true);
  m_table->setColumnWidth(MessageTableModel::PartitionColumn, 80);
  m_table->setColumnWidth(MessageTableModel::OffsetColumn, 90);
  m_table->setColumnWidth(MessageTableModel::TimestampColumn, 180);
  m_table->setColumnWidth(MessageTableModel::KeyColumn, 140);
  m_table->setColumnWidth(MessageTableModel::ValueColumn, 360);
  m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
  m_copyAction = new QAction(m_table);
  m_copyAction->setShortcut(QKeySequence::Copy);
  m_copyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
  m_table->addAction(m_copyAction);
  m_refreshAction = new QAction(browser);
  m_refreshAction->setShortcut(QKeySequence::Refresh);
  m_refreshAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
  browser->addAction(m_refreshAction);
  m_detail = new MessageDetailView(browser);
  connect(m_detail->formatCombo(), &QComboBox::currentIndexChanged, this, [this] { setSchemaRegistry(m_registry); });

  // Until: the end of a time range whose start is the "Date and time" start (records in [start, until)).
  m_untilCheck = new QCheckBox(browser);
  m_untilCheck->setObjectName(QStringLiteral("messagesUntilCheck"));
  m_untilEdit = new QDateTimeEdit(QDateTime::currentDateTime(), browser);
  m_untilEdit->setObjectName(QStringLiteral("messagesUntilEdit"));
  m_untilEdit->setCalendarPopup(true);
  m_untilEdit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
  m_untilEdit->setEnabled(false);
  connect(m_untilCheck, &QCheckBox::toggled, m_untilEdit, &QWidget::setEnabled);
  auto* top = new QHBoxLayout;
  top->addWidget(m_topicLabel);
  top->addWidget(m_topicCombo);
  top->addWidget(m_partitionCombo);
  top->addSpacing(12);
  top->addWidget(m_startLabel);
  top->addWidget(m_startCombo);
  top->addWidget(m_offsetEdit);
  top->addWidget(m_dateTimeEdit);
  top->addWidget(presets);
  top->addWidget(m_untilCheck);
  top->addWidget(m_untilEdit);
  top->addWidget(m_openButton);
  top->addStretch();
  auto* second = new QHBoxLayout;
  second->addWidget(m_filterField);
  second->addWidget(m_keyPartitionerCombo);
  second->addWidget(m_filterEdit, 1);
  m_filterEdit->setMinimumWidth(120);
  second->addSpacing(12);
  second->addWidget(m_previousButton);
  second->addWidget(m_nextButton);
  second->addWidget(m_exportButton);
  second->addWidget(m_produceButton);
  m_followButton = new QPushButton(browser);
  m_followButton->setObjectName(QStringLiteral("messagesFollowButton"));
  m_followButton->setCheckable(true);
  connect(m_followButton, &QPushButton::toggled, this, &MessagesPage::setFollowing);
  // A running filter search: progress (records scanned, matches) and Cancel; the table stays usable.
  m_searchProgress = new QProgressBar(browser);
  m_searchProgress->setObjectName(QStringLiteral("messagesSearchProgress"));
  m_searchProgress->setRange(0, 0);
  m_searchProgress->setTextVisible(false);
  m_searchProgress->setMaximumHeight(m_searchProgress->fontMetrics().height());
  m_cancelSearchButton = new QPushButton(browser);
  m_cancelSearchButton->setObjectName(QStringLiteral("messagesCancelSearchButton"));
  connect(m_cancelSearchButton, &QPushButton::clicked, this, &MessagesPage::cancelSearch);
  auto* searchRow = new QHBoxLayout;
  searchRow->addWidget(m_searchProgress, 1);
  searchRow->addWidget(m_cancelSearchButton);
  m_searchProgress->hide();
  m_cancelSearchButton->hide();
  auto* splitter = new QSplitter(Qt::Vertical, browser);
  splitter->setObjectName(QStringLiteral("messagesSplitter"));
  splitter->addWidget(m_table);
  splitter->addWidget(m_detail);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 2);
  auto* layout = new QVBoxLayout(browser);
  layout->addLayout(top);
  layout->addLayout(second);
  auto* statusRow = new QHBoxLayout;
  statusRow->addWidget(m_statusLabel, 1);
  // Transactions (issue 12): read_committed / read_uncommitted; switching re-reads the page shown.
  m_isolation = new IsolationCombo(browser);
  connect(m_isolation, &QComboBox::currentIndexChanged, this, [this] {
    if (!m_query.topic.isEmpty()) openPage();
  });
  statusRow->addWidget(m_localSchemaButton, 0, Qt::AlignTop);  // decoding, next to the other reading choice
  statusRow->addWidget(m_isolation, 0, Qt::AlignTop);
  statusRow->addWidget(m_followButton, 0, Qt::AlignTop);
  layout->addLayout(statusRow);
  layout->addLayout(searchRow);
  layout->addWidget(splitter, 1);

  connect(m_topicCombo, &QComboBox::currentIndexChanged, this, &MessagesPage::onTopicChanged);
  connect(m_startCombo, &QComboBox::currentIndexChanged, this, &MessagesPage::onStartChanged);
  connect(m_openButton, &QPushButton::clicked, this, &MessagesPage::openPage);
  connect(m_filterEdit, &QLineEdit::returnPressed, this, &MessagesPage::openPage);
  connect(m_filterField, &QComboBox::currentIndexChanged, this,
          [this](int field) { m_keyPartitionerCombo->setVisible(field == KeyEquals); });
  connect(m_offsetEdit, &QLineEdit::returnPressed, this, &MessagesPage::openPage);
  connect(m_previousButton, &QPushButton::clicked, this, &MessagesPage::previousPage);
  connect(m_nextButton, &QPushButton::clicked, this, &MessagesPage::nextPage);
  connect(m_produceButton, &QPushButton::clicked, this, &MessagesPage::openProduceDialog);
  connect(m_localSchemaButton, &QPushButton::clicked, this, &MessagesPage::openLocalSchemaDialog);
  connect(m_exportJsonAction, &QAction::triggered, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Messages"), QString(), tr("JSON lines (*.jsonl)"));
    QString error;
    if (!path.isEmpty() && !writeRows(path, m_model->rows(), ExportFormat::JsonLines, &error)) setStatus(error, true);
  });
  connect(m_exportCsvAction, &QAction::triggered, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Messages"), QString(), tr("CSV (*.csv)"));
    QString error;
    if (!path.isEmpty() && !writeRows(path, m_model->rows(), ExportFormat::Csv, &error)) setStatus(error, true);
  });
  connect(m_copyAction, &QAction::triggered, this, &MessagesPage::copySelection);
  connect(m_refreshAction, &QAction::triggered, this, &MessagesPage::refreshTopics);
  connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MessagesPage::onSelectionChanged);
  onStartChanged();
  return browser;
}

QString MessagesPage::title() const { return tr("Messages"); }

void MessagesPage::retranslateUi() {
  // An error's sentence in words follows the language (the broker's own text after it stays as it came).
  if (m_statusIsError && !m_statusRaw.isEmpty()) setStatus(m_statusRaw, true);
  if (auto* presets = findChild<QToolButton*>(QStringLiteral("messagesTimePresets"))) {
    presets->setText(tr("Presets"));
    presets->setToolTip(tr("Last 15 minutes, last hour, today, or a timestamp in epoch milliseconds"));
  }
  m_emptyState->setTitle(tr("No messages to show"));
  m_emptyState->setDescription(
      tr("Browse the messages of a topic here, with keys, values, headers and timestamps, or produce new ones. Start a local cluster or connect to one to see them."));
  m_topicLabel->setText(tr("&Topic:"));
  m_startLabel->setText(tr("&From:"));
  m_startCombo->setItemText(static_cast<int>(app::MessageStart::Earliest), tr("Earliest"));
  m_startCombo->setItemText(static_cast<int>(app::MessageStart::Latest), tr("Latest"));
  m_startCombo->setItemText(static_cast<int>(app::MessageStart::Offset), tr("Offset"));
  m_startCombo->setItemText(static_cast<int>(app::MessageStart::Timestamp), tr("Date and time"));
  m_offsetEdit->setToolTip(tr("The offset to start at, in each selected partition"));
  m_openButton->setText(tr("&Open"));
  m_previousButton->setText(tr("◀ &Previous"));
  m_previousButton->setToolTip(tr("Older messages (Alt+Left)"));
  m_nextButton->setText(tr("&Next ▶"));
  m_nextButton->setToolTip(tr("Newer messages (Alt+Right)"));
  m_produceButton->setText(tr("P&roduce…"));
  m_localSchemaButton->setText(tr("Schema &Files…"));
  m_localSchemaButton->setToolTip(tr("Decode this topic's records with a local .avsc or .proto file"));
  m_filterField->setItemText(KeyContains, tr("Key contains"));
  m_filterField->setItemText(ValueContains, tr("Value contains"));
  m_filterField->setItemText(HeaderContains, tr("Header contains"));
  m_filterField->setItemText(KeyEquals, tr("Key is"));
  m_keyPartitionerCombo->setItemText(static_cast<int>(app::KeyPartitioner::ScanAll), tr("in every partition (scan all)"));
  m_keyPartitionerCombo->setItemText(static_cast<int>(app::KeyPartitioner::Murmur2),
                                     tr("in its murmur2 partition (Java clients)"));
  m_keyPartitionerCombo->setItemText(static_cast<int>(app::KeyPartitioner::Crc32),
                                     tr("in its CRC32 partition (librdkafka default: kcat, confluent-kafka)"));
  m_keyPartitionerCombo->setToolTip(
      tr("Producers place a key by their partitioner: Java clients use murmur2, librdkafka-based clients (kcat, "
         "confluent-kafka) default to CRC32. Scanning every partition is slower but never misses the key."));
  m_filterEdit->setPlaceholderText(tr("Filter text; press Enter to apply"));
  m_untilCheck->setText(tr("&Until"));
  m_untilCheck->setToolTip(tr("Only records before this time: with the start time, a time range"));
  m_followButton->setText(m_followButton->isChecked() ? tr("Following · &Pause") : tr("&Follow"));
  m_followButton->setToolTip(tr("Live tail: append new records as they arrive; click again to pause"));
  m_cancelSearchButton->setText(tr("Cancel"));
  m_exportButton->setText(tr("&Export"));
  m_exportJsonAction->setText(tr("Export Page as JSON Lines…"));
  m_exportCsvAction->setText(tr("Export Page as CSV…"));
  m_copyAction->setText(tr("Copy as JSON Lines"));
  m_refreshAction->setText(tr("Refresh Topics"));
  onTopicChanged();
  describePage();
}

void MessagesPage::setSchemaRegistry(app::SchemaRegistry* registry) {
  m_registry = registry;
  updateButtons();
  const bool raw = m_detail->formatCombo()->currentIndex() == MessageDetailView::RawFormat;
  m_model->setSchemaRegistry(raw ? nullptr : registry);
  m_detail->setSchemaRegistry(registry);
  // A filter matches what the table shows: the decoded JSON too, unless the records are shown raw.
  m_browser->setSchemaCatalog(registry != nullptr && !raw ? registry->catalog() : nullptr);
}

void MessagesPage::setBootstrapServers(const QString& servers) {
  m_servers = servers.trimmed();
  m_browser->setBootstrapServers(m_servers);
  m_pendingId = m_topicsId = m_produceId = 0;
  m_page = {};
  m_model->setRows({});
  m_detail->setRow(std::nullopt);
  m_stack->setCurrentIndex(m_servers.isEmpty() ? 0 : 1);
  setStatus(QString(), false);
  if (!m_servers.isEmpty()) refreshTopics();
  updateButtons();
}

QString MessagesPage::bootstrapServers() const { return m_servers; }

void MessagesPage::showEvent(QShowEvent* event) {
  Page::showEvent(event);
  if (!event->spontaneous()) refreshTopics();  // asynchronous; keeps the chosen topic
}

void MessagesPage::refreshTopics() {
  if (m_servers.isEmpty()) return;
  m_topicsId = m_browser->refreshTopics();
}

void MessagesPage::onTopicChanged() {
  int partitions = 0;
  for (const auto& t : m_topics) {
    if (t.name == m_topicCombo->currentText()) partitions = t.partitions;
  }
  const int current = m_partitionCombo->currentIndex();
  const QSignalBlocker block(m_partitionCombo);
  if (m_partitionCombo->count() != partitions + 1) {
    m_partitionCombo->clear();
    m_partitionCombo->addItem(QString());
    for (int p = 0; p < partitions; ++p) m_partitionCombo->addItem(tr("Partition %1").arg(p));
    m_partitionCombo->setCurrentIndex(current >= 0 && current <= partitions ? current : 0);
  }
  m_partitionCombo->setItemText(0, tr("All partitions"));
  updateButtons();
}

void MessagesPage::onStartChanged() {
  const auto start = static_cast<app::MessageStart>(m_startCombo->currentIndex());
  m_offsetEdit->setVisible(start == app::MessageStart::Offset);
  m_dateTimeEdit->setVisible(start == app::MessageStart::Timestamp);
  if (auto* presets = findChild<QToolButton*>(QStringLiteral("messagesTimePresets")))
    presets->setVisible(start == app::MessageStart::Timestamp);
  // With a "Date and time" start, "Until" closes the time range.
  m_untilCheck->setVisible(start == app::MessageStart::Timestamp);
  m_untilEdit->setVisible(start == app::MessageStart::Timestamp);
}

app::MessageQuery MessagesPage::currentQuery() const {
  app::MessageQuery q;
  q.topic = m_topicCombo->currentText();
  if (m_partitionCombo->currentIndex() > 0) q.partitions = {m_partitionCombo->currentIndex() - 1};
  q.start = static_cast<app::MessageStart>(m_startCombo->currentIndex());
  q.offset = m_offsetEdit->text().toLongLong();
  q.timestampMs = m_dateTimeEdit->dateTime().toMSecsSinceEpoch();
  if (q.start == app::MessageStart::Timestamp && m_untilCheck->isChecked()) q.filter.untilMs = m_untilEdit->dateTime().toMSecsSinceEpoch();
  q.readCommitted = m_isolation->readCommitted();
  const QByteArray text = m_filterEdit->text().toUtf8();
  if (!text.isEmpty()) {
    switch (m_filterField->currentIndex()) {
      case KeyContains: q.filter.keyContains = text; break;
      case ValueContains: q.filter.valueContains = text; break;
      case HeaderContains: q.filter.headerContains = text; break;
      case KeyEquals:
        q.exactKey = text;
        q.keyPartitioner = static_cast<app::KeyPartitioner>(m_keyPartitionerCombo->currentIndex());
        break;
    }
  }
  return q;
}

void MessagesPage::openPage() {
  if (m_servers.isEmpty() || m_topicCombo->currentText().isEmpty()) return;
  if (m_topicCombo->findText(m_topicCombo->currentText()) < 0) {
    setStatus(tr("There is no topic named %1.").arg(m_topicCombo->currentText()), true);
    return;
  }
  m_query = currentQuery();
  m_tailId = 0;
  // A filter reads on in the background until a page of matches or the end, with progress and Cancel.
  m_searching = !m_query.filter.isEmpty() || m_query.exactKey.has_value();
  m_pendingId = m_searching ? m_browser->search(m_query, m_query.pageSize) : m_browser->open(m_query);
  m_searchProgress->setVisible(m_searching);
  m_cancelSearchButton->setVisible(m_searching);
  setStatus(m_searching ? tr("Searching…") : tr("Loading…"), false);
  updateButtons();
}

void MessagesPage::nextPage() {
  if (m_servers.isEmpty() || m_page.topic.isEmpty()) return;
  m_tailId = 0;
  m_searching = !m_query.filter.isEmpty() || m_query.exactKey.has_value();
  m_pendingId = m_searching ? m_browser->search(m_query, m_query.pageSize, m_page) : m_browser->nextPage(m_query, m_page);
  m_searchProgress->setVisible(m_searching);
  m_cancelSearchButton->setVisible(m_searching);
  setStatus(m_searching ? tr("Searching…") : tr("Loading…"), false);
  updateButtons();
}

void MessagesPage::cancelSearch() {
  if (m_searching) m_browser->cancelSearch();
}

void MessagesPage::setFollowing(bool on) {
  if (m_followButton->isChecked() != on) m_followButton->setChecked(on);  // toggled() comes back here
  m_followButton->setText(on ? tr("Following · &Pause") : tr("&Follow"));
  if (on) {
    if (m_page.topic.isEmpty()) openPage();
    m_tailTimer->start();
  } else {
    m_tailTimer->stop();
    m_tailId = 0;  // an answer still on its way is dropped
  }
}

bool MessagesPage::isFollowing() const { return m_tailTimer->isActive(); }

void MessagesPage::pollTail() {
  // One tail read at a time, and none while the user's own request runs.
  if (m_servers.isEmpty() || m_page.topic.isEmpty() || m_pendingId != 0 || m_tailId != 0) return;
  m_tailId = m_browser->nextPage(m_query, m_page);
}

void MessagesPage::onTailPage(const app::MessagePage& page) {
  if (!isFollowing() || page.topic != m_page.topic) return;
  // The new records go below the ones shown; the page's cursor moves to the end of what was read.
  for (auto it = page.end.cbegin(); it != page.end.cend(); ++it) m_page.end[it.key()] = it.value();
  m_page.bounds = page.bounds;
  m_page.hasNext = page.hasNext;
  if (page.rows.isEmpty()) return;
  QList<app::MessageRow> rows = m_model->rows() + page.rows;
  if (rows.size() > kTailRows) rows = rows.mid(rows.size() - kTailRows);  // bounded memory while following
  m_page.rows = rows;
  m_model->setRows(rows, m_query.topic);
  m_table->scrollToBottom();
  describePage();
  updateButtons();
  emit pageLoaded();
}

void MessagesPage::previousPage() {
  if (m_servers.isEmpty() || m_page.topic.isEmpty()) return;
  m_pendingId = m_browser->previousPage(m_query, m_page);
  setStatus(tr("Loading…"), false);
  updateButtons();
}

void MessagesPage::produce(const app::ProduceSpec& spec) {
  m_produceId = m_browser->produce(spec);
  setStatus(tr("Producing…"), false);
}

void MessagesPage::openProduceDialog() {
  ProduceDialog dialog(m_topics, m_topicCombo->currentText(), this);
  dialog.setSchemaRegistry(m_registry);
  if (dialog.exec() == QDialog::Accepted) produce(dialog.spec());
}

void MessagesPage::openLocalSchemaDialog() {
  const QString topic = m_topicCombo->currentText();
  if (m_registry == nullptr || topic.isEmpty()) return;
  app::LocalSchemaMap schemas = m_registry->localSchemas();
  LocalSchemaDialog dialog(topic, schemas.value(topic), this);
  if (dialog.exec() != QDialog::Accepted) return;
  const app::LocalTopicSchemas chosen = dialog.schemas();
  if (chosen.isSet()) schemas.insert(topic, chosen);
  else schemas.remove(topic);
  emit localSchemasChosen(schemas);
}

void MessagesPage::updateButtons() {
  const bool connected = !m_servers.isEmpty();
  const bool idle = m_pendingId == 0;
  const bool haveTopic = !m_topicCombo->currentText().isEmpty();
  m_openButton->setEnabled(connected && haveTopic && idle);
  m_previousButton->setEnabled(connected && idle && !m_page.topic.isEmpty() && m_page.hasPrevious);
  m_nextButton->setEnabled(connected && idle && !m_page.topic.isEmpty() && m_page.hasNext);
  m_produceButton->setEnabled(connected && !m_topics.isEmpty());
  m_localSchemaButton->setEnabled(haveTopic && m_registry != nullptr);
  m_followButton->setEnabled(connected && haveTopic);
  m_exportButton->setEnabled(!m_model->rows().isEmpty());
}

void MessagesPage::setStatus(const QString& raw, bool error) {
  // An authorization failure is said in words, naming the user (app/bridge/authorization_error.h).
  const QString text = error ? app::errorInWordsFor(raw, m_servers) : raw;
  m_statusRaw = raw;
  m_statusText = text;
  m_statusIsError = error;
  m_statusLabel->setText(text);
  m_statusLabel->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QString());
  m_statusLabel->setVisible(!text.isEmpty());
}

QString MessagesPage::statusText() const { return m_statusText; }

void MessagesPage::describePage() {
  if (m_page.topic.isEmpty() || m_pendingId != 0 || m_statusIsError) return;
  QStringList ranges;
  for (auto it = m_page.begin.cbegin(); it != m_page.begin.cend(); ++it) {
    const int p = it.key();
    const auto bounds = m_page.bounds.value(p);
    ranges << tr("partition %1: offsets %2–%3 of %4–%5")
                  .arg(p)
                  .arg(it.value())
                  .arg(std::max(it.value(), m_page.end.value(p) - 1))
                  .arg(bounds.logStartOffset)
                  .arg(std::max<qint64>(bounds.logStartOffset, bounds.highWatermark - 1));
    if (ranges.size() == 4 && m_page.begin.size() > 4) {
      ranges << tr("%n more partition(s)", nullptr, static_cast<int>(m_page.begin.size() - 4));
      break;
    }
  }
  QString text = tr("%n message(s)", nullptr, static_cast<int>(m_page.rows.size())) + QStringLiteral(" · ") +
                 ranges.join(QStringLiteral("; "));
  if (m_page.keyPartition >= 0) text += QStringLiteral(" · ") + tr("the key maps to partition %1").arg(m_page.keyPartition);
  if (m_page.cancelled) text += QStringLiteral(" · ") + tr("search cancelled");
  if (m_page.scanLimited) {
    text += QStringLiteral(" · ") + tr("stopped after scanning %n message(s); Next continues", nullptr,
                                        static_cast<int>(std::min<qint64>(m_page.scanned, INT32_MAX)));
  }
  setStatus(text, false);
}

void MessagesPage::onSelectionChanged() {
  const app::MessageRow* row = m_model->rowAt(m_table->currentIndex().row());
  m_detail->setRow(row ? std::optional<app::MessageRow>(*row) : std::nullopt, m_query.topic);
}

void MessagesPage::copySelection() {
  QByteArray out;
  const QModelIndexList rows = m_table->selectionModel()->selectedRows();
  for (const QModelIndex& index : rows) {
    if (const app::MessageRow* row = m_model->rowAt(index.row())) out += toJsonLine(*row) + '\n';
  }
  if (!out.isEmpty()) QApplication::clipboard()->setText(QString::fromUtf8(out));
}

bool MessagesPage::writeRows(const QString& path, const QList<app::MessageRow>& rows, ExportFormat format,
                             QString* error) {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
    if (error) *error = tr("Cannot write %1: %2").arg(path, file.errorString());
    return false;
  }
  if (format == ExportFormat::Csv) file.write(csvHeaderLine() + "\r\n");
  for (const auto& row : rows) file.write(format == ExportFormat::Csv ? toCsvLine(row) + "\r\n" : toJsonLine(row) + '\n');
  if (!file.flush()) {
    if (error) *error = tr("Cannot write %1: %2").arg(path, file.errorString());
    return false;
  }
  return true;
}

}  // namespace partita::ui
