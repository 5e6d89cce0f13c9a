#include "ui/pages/topics_page.h"

#include <QAction>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include "app/bridge/authorization_error.h"
#include "ui/dialogs/delete_records_dialog.h"
#include "ui/dialogs/reassign_dialog.h"
#include "ui/dialogs/topic_config_dialog.h"
#include "ui/dialogs/topic_dialogs.h"
#include "ui/empty_state_widget.h"
#include "ui/models/partitions_model.h"
#include "ui/models/topics_model.h"
#include "ui/resources.h"
#include "ui/widgets/message_bar.h"
#include "ui/widgets/replica_chips_delegate.h"
#include "ui/widgets/fit_columns.h"

namespace partita::ui {
namespace {

using app::ClusterConnection;

QTableView* makeTable(QWidget* parent, const char* name) {
  auto* view = new QTableView(parent);
  view->setObjectName(QLatin1String(name));
  view->setSelectionBehavior(QAbstractItemView::SelectRows);
  view->verticalHeader()->hide();
  view->horizontalHeader()->setStretchLastSection(true);
  view->setAlternatingRowColors(true);
  view->setShowGrid(false);
  view->setWordWrap(false);
  return view;
}

QToolButton* toolButton(QAction* action, QWidget* parent) {
  auto* b = new QToolButton(parent);
  b->setDefaultAction(action);
  b->setToolButtonStyle(Qt::ToolButtonTextOnly);
  return b;
}

}  // namespace

TopicsPage::TopicsPage(const QList<QAction*>& clusterActions, QWidget* parent)
    : Page(parent),
      m_stack(new QStackedWidget(this)),
      m_emptyState(new EmptyStateWidget(icon(QStringLiteral("nav-topics")), this)),
      m_messages(new MessageBar(this)),
      m_search(new QLineEdit(this)),
      m_showInternal(new QCheckBox(this)),
      m_topicsView(makeTable(this, "topicsView")),
      m_topics(new TopicsModel(this)),
      m_filter(new TopicFilterModel(this)),
      m_partitionsTitle(new QLabel(this)),
      m_tabs(new QTabWidget(this)),
      m_partitionsView(makeTable(this, "partitionsView")),
      m_partitions(new PartitionsModel(this)),
      m_timelineView(makeTable(this, "timelineView")),
      m_timeline(new PartitionTimelineModel(this)),
      m_createAction(new QAction(this)),
      m_deleteAction(new QAction(this)),
      m_addPartitionsAction(new QAction(this)),
      m_configsAction(new QAction(this)),
      m_electPreferredAction(new QAction(this)),
      m_electUncleanAction(new QAction(this)),
      m_reassignAction(new QAction(this)),
      m_deleteRecordsAction(new QAction(this)),
      m_unlockAction(new QAction(this)) {
  setObjectName(QStringLiteral("topicsPage"));
  for (QAction* action : clusterActions) m_emptyState->addAction(action);

  m_search->setObjectName(QStringLiteral("topicSearch"));
  m_search->setClearButtonEnabled(true);
  m_showInternal->setObjectName(QStringLiteral("showInternal"));
  m_showInternal->setChecked(true);
  m_filter->setSourceModel(m_topics);
  m_topicsView->setModel(m_filter);
  m_topicsView->setSortingEnabled(true);
  m_topicsView->sortByColumn(TopicsModel::Name, Qt::AscendingOrder);
  m_topicsView->setSelectionMode(QAbstractItemView::SingleSelection);
  fitColumnsToContents(m_topicsView->horizontalHeader());
  m_topicsView->horizontalHeader()->setSectionResizeMode(TopicsModel::Name, QHeaderView::Stretch);
  m_topicsView->horizontalHeader()->setStretchLastSection(false);
  m_partitionsView->setModel(m_partitions);
  m_partitionsView->setSelectionMode(QAbstractItemView::ExtendedSelection);
  auto* chips = new ReplicaChipsDelegate(this);
  m_partitionsView->setItemDelegateForColumn(PartitionsModel::Replicas, chips);
  m_partitionsView->setItemDelegateForColumn(PartitionsModel::Isr, chips);
  m_partitionsView->verticalHeader()->setDefaultSectionSize(28);
  fitColumnsToContents(m_partitionsView->horizontalHeader());
  fitColumnsToContents(m_timelineView->horizontalHeader());
  m_timelineView->setModel(m_timeline);

  const struct {
    QAction* action;
    QKeySequence key;
    const char* name;
  } actions[] = {
      {m_createAction, QKeySequence::New, "actionCreateTopic"},
      {m_deleteAction, QKeySequence::Delete, "actionDeleteTopic"},
      {m_addPartitionsAction, QKeySequence(Qt::CTRL | Qt::Key_Plus), "actionAddPartitions"},
      {m_configsAction, QKeySequence(Qt::CTRL | Qt::Key_E), "actionEditConfigs"},
      {m_electPreferredAction, QKeySequence(Qt::CTRL | Qt::Key_P), "actionElectPreferred"},
      {m_electUncleanAction, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U), "actionElectUnclean"},
      {m_reassignAction, QKeySequence(Qt::CTRL | Qt::Key_R), "actionReassign"},
      {m_deleteRecordsAction, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete), "actionDeleteRecords"},
  };
  for (const auto& a : actions) {
    a.action->setObjectName(QLatin1String(a.name));
    a.action->setShortcut(a.key);
    a.action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(a.action);
  }
  auto* find = new QAction(this);
  find->setShortcut(QKeySequence::Find);
  find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
  addAction(find);
  connect(find, &QAction::triggered, m_search, [this] { m_search->setFocus(); m_search->selectAll(); });
  connect(m_createAction, &QAction::triggered, this, &TopicsPage::createTopic);
  connect(m_deleteAction, &QAction::triggered, this, &TopicsPage::deleteTopic);
  connect(m_addPartitionsAction, &QAction::triggered, this, &TopicsPage::addPartitions);
  connect(m_configsAction, &QAction::triggered, this, &TopicsPage::editConfigs);
  connect(m_electPreferredAction, &QAction::triggered, this, [this] { electLeaders(false); });
  connect(m_electUncleanAction, &QAction::triggered, this, [this] { electLeaders(true); });
  connect(m_reassignAction, &QAction::triggered, this, &TopicsPage::reassign);
  connect(m_deleteRecordsAction, &QAction::triggered, this, &TopicsPage::deleteRecords);
  m_unlockAction->setObjectName(QStringLiteral("actionUnlockInternal"));
  connect(m_unlockAction, &QAction::triggered, this, &TopicsPage::unlockInternalTopic);

  auto* topBar = new QHBoxLayout;
  topBar->addWidget(m_search, 1);
  topBar->addWidget(m_showInternal);
  for (QAction* a : {m_createAction, m_deleteAction, m_addPartitionsAction, m_configsAction, m_unlockAction})
    topBar->addWidget(toolButton(a, this));
  auto* partBar = new QHBoxLayout;
  partBar->addWidget(m_partitionsTitle, 1);
  for (QAction* a : {m_electPreferredAction, m_electUncleanAction, m_reassignAction, m_deleteRecordsAction})
    partBar->addWidget(toolButton(a, this));

  auto* top = new QWidget(this);
  auto* topLayout = new QVBoxLayout(top);
  topLayout->setContentsMargins(0, 0, 0, 0);
  topLayout->addLayout(topBar);
  topLayout->addWidget(m_topicsView);
  m_tabs->addTab(m_partitionsView, QString());
  m_tabs->addTab(m_timelineView, QString());
  auto* bottom = new QWidget(this);
  auto* bottomLayout = new QVBoxLayout(bottom);
  bottomLayout->setContentsMargins(0, 0, 0, 0);
  bottomLayout->addLayout(partBar);
  bottomLayout->addWidget(m_tabs);
  auto* split = new QSplitter(Qt::Vertical, this);
  split->addWidget(top);
  split->addWidget(bottom);

  auto* content = new QWidget(this);
  auto* contentLayout = new QVBoxLayout(content);
  contentLayout->setContentsMargins(16, 12, 16, 12);
  contentLayout->addWidget(m_messages);
  contentLayout->addWidget(split, 1);
  m_stack->addWidget(m_emptyState);
  m_stack->addWidget(content);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_stack);

  connect(m_search, &QLineEdit::textChanged, m_filter, &QSortFilterProxyModel::setFilterFixedString);
  connect(m_showInternal, &QCheckBox::toggled, m_filter, &TopicFilterModel::setShowInternal);
  connect(m_topicsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
    const QString topic = selectedTopic();
    m_partitions->setTopic(topic);
    m_timeline->setTopic(topic);
    updateActions();
  });
  connect(m_partitionsView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TopicsPage::updateActions);
  connect(m_topicsView, &QTableView::doubleClicked, this, [this] { m_partitionsView->setFocus(); });
  retranslateUi();
  updateActions();
}

QString TopicsPage::title() const { return tr("Topics"); }

void TopicsPage::setConsumerGroups(const app::GroupListSnapshot& groups) {
  QHash<QString, QStringList> byTopic;
  for (const auto& g : groups.groups)
    for (const auto& topic : g.topics) byTopic[topic].append(g.groupId);
  m_topics->setConsumers(byTopic, groups.error.isEmpty());
}

void TopicsPage::setConnection(ClusterConnection* connection) {
  for (const auto& link : m_links) disconnect(link);
  m_links.clear();
  if (connection != m_connection) m_topics->setConsumers({}, false);  // another cluster's groups until listed
  m_connection = connection;
  m_messages->hide();
  m_selectWhenListed.clear();
  if (m_reassignDialog) m_reassignDialog->close();
  onSnapshot(connection != nullptr ? connection->snapshot() : app::SnapshotPtr());
  if (connection != nullptr) {
    m_links << connect(connection, &ClusterConnection::snapshotReady, this, &TopicsPage::onSnapshot);
    m_links << connect(connection, &ClusterConnection::operationFinished, this, &TopicsPage::onOperation);
    m_links << connect(connection, &ClusterConnection::stateChanged, this, &TopicsPage::onState);
    m_links << connect(connection, &ClusterConnection::topicConfigs, this,
                       [this](const QString& topic, const QList<app::ConfigValue>& configs, const QString& error) {
                         if (!error.isEmpty() || !m_connection) return;  // reported by onOperation
                         TopicConfigDialog dialog(topic, configs, this);
                         if (dialog.exec() != QDialog::Accepted) return;
                         if (dialog.changes().isEmpty() && dialog.removals().isEmpty()) return;
                         m_connection->alterTopicConfigs(topic, dialog.changes(), dialog.removals());
                       });
    m_links << connect(connection, &QObject::destroyed, this, [this] { setConnection(nullptr); });
  }
  m_stack->setCurrentIndex(connection != nullptr ? 1 : 0);
}

void TopicsPage::onSnapshot(const app::SnapshotPtr& snapshot) {
  const QString current = selectedTopic();
  m_topics->setSnapshot(snapshot);
  m_partitions->setSnapshot(snapshot);
  m_timeline->setSnapshot(snapshot);
  if (!current.isEmpty() && selectedTopic() != current) selectTopic(current);  // a reset lost the selection
  if (!m_selectWhenListed.isEmpty() && m_topics->rowOf(m_selectWhenListed) >= 0) {
    selectTopic(m_selectWhenListed);
    m_selectWhenListed.clear();
  }
  if (m_reassignDialog) m_reassignDialog->setSnapshot(snapshot);
  onState();
}

bool TopicsPage::isShowingStale() const { return m_topics->isStale(); }

void TopicsPage::onState() {
  const app::SnapshotPtr s = m_connection ? m_connection->snapshot() : app::SnapshotPtr();
  const bool stale = s && m_connection->state() != ClusterConnection::State::Connected;
  const QDateTime lastSeen = stale ? s->taken : QDateTime();
  const bool wasStale = m_topics->isStale();
  m_topics->setStaleSince(lastSeen);
  m_partitions->setStaleSince(lastSeen);
  if (stale) {
    m_messages->showError(app::errorInWordsFor(
        tr("The cluster does not answer (%1). Showing what was last seen at %2.")
            .arg(m_connection->stateDetail(), s->taken.toLocalTime().toString(QStringLiteral("HH:mm:ss"))),
        m_connection->bootstrapServers()));
  } else if (wasStale) {
    m_messages->hide();
  }
  updateActions();
}

void TopicsPage::onOperation(ClusterConnection::Operation op, const QString& subject, const QString& error) {
  using Op = ClusterConnection::Operation;
  if (op == Op::StartBroker || op == Op::StopBroker || op == Op::KillBroker) return;  // the Cluster page's
  const QString name = ClusterConnection::operationName(op);
  if (!error.isEmpty()) {
    m_messages->showError(app::errorInWordsFor(tr("%1 failed (%2): %3").arg(name, subject, error),
                                               m_connection ? m_connection->bootstrapServers() : QString()));
    return;
  }
  if (op == Op::DescribeConfigs) return;
  m_messages->showSuccess(tr("%1: %2 done.").arg(name, subject));
  if (op == Op::CreateTopic) {
    // The operation usually finishes before a snapshot lists the new topic.
    selectTopic(subject);
    if (selectedTopic() != subject) m_selectWhenListed = subject;
  }
}

QString TopicsPage::selectedTopic() const {
  const QModelIndex index = m_topicsView->selectionModel()->currentIndex();
  return index.isValid() ? index.data(TopicsModel::kTopicNameRole).toString() : QString();
}

void TopicsPage::selectTopic(const QString& topic) {
  const int row = m_topics->rowOf(topic);
  if (row < 0) return;
  const QModelIndex index = m_filter->mapFromSource(m_topics->index(row, 0));
  if (!index.isValid()) return;
  m_topicsView->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
  m_topicsView->scrollTo(index);
}

QList<int> TopicsPage::selectedPartitions() const {
  QList<int> result;
  for (const QModelIndex& index : m_partitionsView->selectionModel()->selectedRows())
    result << index.data(PartitionsModel::kPartitionRole).toInt();
  std::sort(result.begin(), result.end());
  return result;
}

void TopicsPage::updateActions() {
  const bool connected = m_connection && m_connection->snapshot();
  const bool topic = connected && !selectedTopic().isEmpty();
  const bool partitions = topic && !selectedPartitions().isEmpty();
  m_createAction->setEnabled(connected);
  if (selectedTopic() != m_unlockedTopic) m_unlockedTopic.clear();  // an unlock is for one topic at a time
  const bool locked = topic && isSelectedTopicLocked();
  const QString lockedTip = locked ? tr("%1 is an internal topic of Kafka and read-only here. Use “Unlock Expert Actions…” "
                                        "to change it anyway.")
                                         .arg(selectedTopic())
                                   : QString();
  for (QAction* a : {m_deleteAction, m_addPartitionsAction, m_configsAction, m_deleteRecordsAction}) {
    a->setEnabled(topic && !locked);
    a->setToolTip(locked ? lockedTip : a->text().remove(QLatin1Char('&')));
  }
  m_unlockAction->setVisible(locked);
  m_unlockAction->setEnabled(locked);
  m_electPreferredAction->setEnabled(partitions);
  m_electUncleanAction->setEnabled(partitions);
  m_reassignAction->setEnabled(topic);
  m_partitionsTitle->setText(topic ? tr("Partitions of <b>%1</b>").arg(selectedTopic().toHtmlEscaped())
                                   : tr("Select a topic to see its partitions."));
}

bool TopicsPage::isInternalTopic(const QString& name, bool reportedInternal) {
  return reportedInternal || name.startsWith(QLatin1String("__"));
}

bool TopicsPage::isSelectedTopicLocked() const {
  const QString topic = selectedTopic();
  if (topic.isEmpty() || topic == m_unlockedTopic) return false;
  const app::SnapshotPtr s = m_connection ? m_connection->snapshot() : app::SnapshotPtr();
  const app::TopicState* t = s ? s->findTopic(topic) : nullptr;
  return isInternalTopic(topic, t != nullptr && t->internal);
}

void TopicsPage::unlockInternalTopic() {
  const QString topic = selectedTopic();
  if (!isSelectedTopicLocked()) return;
  if (m_confirm) {
    QMessageBox box(QMessageBox::Warning, tr("Unlock Expert Actions"),
                    tr("<b>%1</b> is an internal topic that Kafka itself uses.").arg(topic.toHtmlEscaped()),
                    QMessageBox::Cancel, this);
    box.setInformativeText(
        tr("Deleting it, changing its partition count or its configs can lose every committed consumer offset or "
           "open transaction: a group's offsets live in the partition its id hashes to, so adding partitions strands "
           "them. Unlock delete, add partitions and configs for this topic anyway?"));
    QPushButton* unlock = box.addButton(tr("&Unlock"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != unlock) return;
  }
  m_unlockedTopic = topic;
  updateActions();
}

void TopicsPage::createTopic() {
  if (!m_connection || !m_connection->snapshot()) return;
  const app::SnapshotPtr s = m_connection->snapshot();
  QSet<QString> names;
  for (const auto& t : s->topics) names.insert(t.name);
  CreateTopicDialog dialog(s->aliveBrokerCount(), names, this);
  if (dialog.exec() == QDialog::Accepted && m_connection) m_connection->createTopic(dialog.spec());
}

void TopicsPage::deleteTopic() {
  const QString topic = selectedTopic();
  if (!m_connection || topic.isEmpty() || isSelectedTopicLocked()) return;
  if (m_confirm) {
    DeleteTopicDialog dialog(topic, this);
    if (dialog.exec() != QDialog::Accepted) return;
  }
  if (m_connection) m_connection->deleteTopic(topic);
}

void TopicsPage::addPartitions() {
  const QString topic = selectedTopic();
  if (isSelectedTopicLocked()) return;
  const app::TopicState* t = m_connection && m_connection->snapshot() ? m_connection->snapshot()->findTopic(topic) : nullptr;
  if (t == nullptr) return;
  AddPartitionsDialog dialog(topic, int(t->partitions.size()), this);
  if (dialog.exec() == QDialog::Accepted && m_connection) m_connection->addPartitions(topic, dialog.totalCount());
}

void TopicsPage::editConfigs() {
  const QString topic = selectedTopic();
  if (m_connection && !topic.isEmpty() && !isSelectedTopicLocked()) m_connection->describeTopicConfigs(topic);  // the dialog opens on the answer
}

void TopicsPage::electLeaders(bool unclean) {
  const QString topic = selectedTopic();
  const QList<int> partitions = selectedPartitions();
  if (!m_connection || topic.isEmpty() || partitions.isEmpty()) return;
  if (unclean && m_confirm) {
    QMessageBox box(QMessageBox::Warning, tr("Elect Unclean Leader"),
                    tr("Elect a leader for %n partition(s) of %1 from replicas that are NOT in sync?", nullptr,
                       int(partitions.size()))
                        .arg(topic),
                    QMessageBox::Cancel, this);
    box.setInformativeText(tr("Messages the new leader never received are lost for good, and consumers may see "
                              "offsets go back. Use this only when no in-sync replica can come back."));
    QPushButton* go = box.addButton(tr("Elect and Accept Data Loss"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != go) return;
  }
  QList<app::PartitionRef> refs;
  for (int p : partitions) refs.append({topic, p});
  if (m_connection) m_connection->electLeaders(unclean, refs);
}

void TopicsPage::reassign() {
  const QString topic = selectedTopic();
  if (!m_connection || topic.isEmpty()) return;
  if (m_reassignDialog) m_reassignDialog->close();
  auto* dialog = new ReassignDialog(m_connection->snapshot(), topic, selectedPartitions(), this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &ReassignDialog::executeRequested, this,
          [this](const QList<app::PlannedReassignment>& plan, qint64 throttle) {
            if (m_connection) m_connection->executeReassignment(plan, throttle);
          });
  connect(dialog, &ReassignDialog::cancelRequested, this, [this](const QList<app::PartitionRef>& refs) {
    if (m_connection) m_connection->cancelReassignment(refs);
  });
  m_reassignDialog = dialog;
  dialog->show();
}

void TopicsPage::deleteRecords() {
  const QString topic = selectedTopic();
  if (!m_connection || topic.isEmpty() || isSelectedTopicLocked()) return;
  const app::SnapshotPtr s = m_connection->snapshot();
  const app::TopicState* t = s ? s->findTopic(topic) : nullptr;
  if (t == nullptr) return;
  DeleteRecordsDialog dialog(*t, selectedPartitions(), this);
  if (dialog.exec() == QDialog::Accepted && m_connection) m_connection->deleteRecords(dialog.deletions());
}

void TopicsPage::retranslateUi() {
  m_emptyState->setTitle(tr("No topics to show"));
  m_emptyState->setDescription(
      tr("Topics with their partitions, leaders and in-sync replicas appear here. Start a local cluster or connect to one to see them."));
  m_search->setPlaceholderText(tr("Search topics (%1)").arg(QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText)));
  m_showInternal->setText(tr("Internal topics"));
  m_createAction->setText(tr("&Create…"));
  m_createAction->setToolTip(tr("Create a topic (%1)").arg(m_createAction->shortcut().toString(QKeySequence::NativeText)));
  m_deleteAction->setText(tr("&Delete…"));
  m_addPartitionsAction->setText(tr("Add &Partitions…"));
  m_configsAction->setText(tr("Con&figs…"));
  m_electPreferredAction->setText(tr("Elect &Preferred Leader"));
  m_electPreferredAction->setToolTip(tr("Move leadership of the selected partitions back to their first replica (%1)")
                                         .arg(m_electPreferredAction->shortcut().toString(QKeySequence::NativeText)));
  m_electUncleanAction->setText(tr("Elect &Unclean Leader…"));
  m_reassignAction->setText(tr("&Reassign…"));
  m_deleteRecordsAction->setText(tr("Delete Rec&ords…"));
  m_unlockAction->setText(tr("Unlock Expert Actions…"));
  m_tabs->setTabText(0, tr("Partitions"));
  m_tabs->setTabText(1, tr("Leader && ISR timeline"));
  updateActions();
}

}  // namespace partita::ui
