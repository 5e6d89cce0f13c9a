#include "ui/pages/consumer_groups_page.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include "app/bridge/authorization_error.h"
#include "app/bridge/group_monitor.h"
#include "ui/dialogs/reset_offsets_dialog.h"
#include "ui/empty_state_widget.h"
#include "ui/models/group_detail_models.h"
#include "ui/models/group_format.h"
#include "ui/models/group_list_model.h"
#include "ui/resources.h"
#include "ui/widgets/lag_plot_widget.h"
#include "ui/widgets/fit_columns.h"

namespace partita::ui {

namespace {

QTableView* makeTable(QAbstractItemModel* model, QWidget* parent, const QString& name) {
  auto* proxy = new QSortFilterProxyModel(parent);
  proxy->setSourceModel(model);
  proxy->setSortRole(kSortRole);
  auto* view = new QTableView(parent);
  view->setObjectName(name);
  view->setModel(proxy);
  view->setSortingEnabled(true);
  view->setSelectionBehavior(QAbstractItemView::SelectRows);
  view->setAlternatingRowColors(true);
  view->verticalHeader()->hide();
  view->horizontalHeader()->setStretchLastSection(true);
  view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
  view->setWordWrap(false);
  return view;
}

}  // namespace

ConsumerGroupsPage::ConsumerGroupsPage(const QList<QAction*>& clusterActions, QWidget* parent)
    : Page(parent),
      m_monitor(new app::GroupMonitor(this)),
      m_stack(new QStackedWidget(this)),
      m_emptyState(new EmptyStateWidget(icon(QStringLiteral("nav-consumer-groups")), this)),
      m_groups(new GroupListModel(this)),
      m_partitions(new PartitionLagModel(this)),
      m_members(new GroupMemberModel(this)) {
  setObjectName(QStringLiteral("consumerGroupsPage"));
  for (QAction* action : clusterActions) m_emptyState->addAction(action);
  stackEmptyStateAndContent(m_stack, m_emptyState, buildContent());

  connect(m_monitor, &app::GroupMonitor::groupsChanged, this, &ConsumerGroupsPage::showGroups);
  connect(m_monitor, &app::GroupMonitor::groupDetailChanged, this, &ConsumerGroupsPage::showGroupDetail);
  connect(m_monitor, &app::GroupMonitor::resetPreviewReady, this, [this](const app::OffsetResetPreview& preview) {
    if (m_resetDialog) m_resetDialog->setPreview(preview);
  });
  connect(m_monitor, &app::GroupMonitor::resetPreviewFailed, this, [this](const QString&, const QString& error) {
    if (m_resetDialog) m_resetDialog->setPreviewFailed(error);
  });
  connect(m_monitor, &app::GroupMonitor::resetSucceeded, this, [this](const QString& group) {
    if (m_resetDialog) m_resetDialog->setResetSucceeded();
    showStatus(tr("Offsets of group %1 reset.").arg(group), false);
  });
  connect(m_monitor, &app::GroupMonitor::resetFailed, this, [this](const QString&, const QString& error) {
    if (m_resetDialog) m_resetDialog->setResetFailed(error);
    else showStatus(error, true);
  });
  connect(m_monitor, &app::GroupMonitor::groupDeleted, this, [this](const QString& group) {
    showStatus(tr("Group %1 deleted.").arg(group), false);
  });
  connect(m_monitor, &app::GroupMonitor::deleteFailed, this,
          [this](const QString&, const QString& error) { showStatus(error, true); });
  retranslateUi();
}

QWidget* ConsumerGroupsPage::buildContent() {
  auto* content = new QWidget(this);
  auto* splitter = new QSplitter(Qt::Horizontal, content);
  splitter->setObjectName(QStringLiteral("groupsSplitter"));

  auto* left = new QWidget(splitter);
  auto* leftLayout = new QVBoxLayout(left);
  leftLayout->setContentsMargins(0, 0, 0, 0);
  m_search = new QLineEdit(left);
  m_search->setObjectName(QStringLiteral("groupSearch"));
  m_search->setClearButtonEnabled(true);
  m_status = new QLabel(left);
  m_status->setObjectName(QStringLiteral("groupsStatus"));
  m_status->setWordWrap(true);
  m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_status->hide();
  m_groupsView = makeTable(m_groups, left, QStringLiteral("groupsView"));
  m_groupsView->setSelectionMode(QAbstractItemView::SingleSelection);
  m_groupsView->horizontalHeader()->setStretchLastSection(false);
  m_groupsView->horizontalHeader()->setSectionResizeMode(GroupListModel::GroupColumn, QHeaderView::Stretch);
  for (int column : {GroupListModel::StateColumn, GroupListModel::MembersColumn, GroupListModel::LagColumn})
    m_groupsView->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
  m_groupsView->sortByColumn(GroupListModel::GroupColumn, Qt::AscendingOrder);
  m_groupsProxy = qobject_cast<QSortFilterProxyModel*>(m_groupsView->model());
  m_groupsProxy->setFilterKeyColumn(GroupListModel::GroupColumn);
  m_groupsProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
  connect(m_search, &QLineEdit::textChanged, m_groupsProxy, &QSortFilterProxyModel::setFilterFixedString);
  connect(m_groupsView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
          &ConsumerGroupsPage::groupSelectionChanged);
  leftLayout->addWidget(m_search);
  leftLayout->addWidget(m_status);
  leftLayout->addWidget(m_groupsView, 1);

  m_detailStack = new QStackedWidget(splitter);
  m_noSelection = new QLabel(m_detailStack);
  m_noSelection->setAlignment(Qt::AlignCenter);
  m_noSelection->setWordWrap(true);
  m_noSelection->setForegroundRole(QPalette::PlaceholderText);
  m_detailStack->addWidget(m_noSelection);
  m_detailStack->addWidget(buildDetail());

  splitter->addWidget(left);
  splitter->addWidget(m_detailStack);
  // In the default 1100 px window the list keeps ~1/3 of the page, so group ids are not cut to "e2e-…".
  splitter->setStretchFactor(0, 2);
  splitter->setStretchFactor(1, 3);
  splitter->setSizes({420, 640});
  auto* layout = new QVBoxLayout(content);
  layout->setContentsMargins(6, 6, 6, 6);
  layout->addWidget(splitter);
  return content;
}

QWidget* ConsumerGroupsPage::buildDetail() {
  auto* detail = new QWidget(this);
  detail->setObjectName(QStringLiteral("groupDetail"));
  m_groupTitle = new QLabel(detail);
  m_groupTitle->setObjectName(QStringLiteral("groupTitle"));
  QFont titleFont = m_groupTitle->font();
  titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
  titleFont.setBold(true);
  m_groupTitle->setFont(titleFont);
  m_groupTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_groupInfo = new QLabel(detail);
  m_groupInfo->setObjectName(QStringLiteral("groupInfo"));
  m_groupInfo->setWordWrap(true);
  m_detailError = new QLabel(detail);
  m_detailError->setObjectName(QStringLiteral("groupDetailError"));
  m_detailError->setWordWrap(true);
  m_detailError->setStyleSheet(QStringLiteral("color: #d9534f;"));
  m_detailError->hide();
  m_resetButton = new QPushButton(detail);
  m_resetButton->setObjectName(QStringLiteral("resetOffsetsButton"));
  m_deleteButton = new QPushButton(detail);
  m_deleteButton->setObjectName(QStringLiteral("deleteGroupButton"));
  connect(m_resetButton, &QPushButton::clicked, this, [this] { openResetDialog(); });
  connect(m_deleteButton, &QPushButton::clicked, this, &ConsumerGroupsPage::confirmDeleteGroup);

  auto* header = new QHBoxLayout;
  auto* titles = new QVBoxLayout;
  titles->addWidget(m_groupTitle);
  titles->addWidget(m_groupInfo);
  header->addLayout(titles, 1);
  header->addWidget(m_resetButton, 0, Qt::AlignTop);
  header->addWidget(m_deleteButton, 0, Qt::AlignTop);

  auto* split = new QSplitter(Qt::Vertical, detail);
  m_plot = new LagPlotWidget(split);
  m_tabs = new QTabWidget(split);
  m_partitionsView = makeTable(m_partitions, m_tabs, QStringLiteral("partitionLagView"));
  m_partitionsView->sortByColumn(PartitionLagModel::TopicColumn, Qt::AscendingOrder);
  fitColumnsToContents(m_partitionsView->horizontalHeader());
  m_partitionsView->horizontalHeader()->setStretchLastSection(true);
  m_membersView = makeTable(m_members, m_tabs, QStringLiteral("membersView"));
  m_membersView->sortByColumn(GroupMemberModel::MemberColumn, Qt::AscendingOrder);
  fitColumnsToContents(m_membersView->horizontalHeader());
  m_membersView->horizontalHeader()->setStretchLastSection(true);
  m_tabs->addTab(m_partitionsView, QString());
  m_tabs->addTab(m_membersView, QString());
  split->addWidget(m_plot);
  split->addWidget(m_tabs);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);

  auto* layout = new QVBoxLayout(detail);
  layout->setContentsMargins(6, 0, 0, 0);
  layout->addLayout(header);
  layout->addWidget(m_detailError);
  layout->addWidget(split, 1);
  return detail;
}

QString ConsumerGroupsPage::title() const { return tr("Consumer groups"); }

void ConsumerGroupsPage::retranslateUi() {
  m_emptyState->setTitle(tr("No consumer groups to show"));
  m_emptyState->setDescription(
      tr("Consumer groups with their members, assigned partitions, committed offsets and lag appear here. Start a local cluster or connect to one to see them."));
  m_search->setPlaceholderText(tr("Search groups"));
  m_noSelection->setText(tr("Select a group to see its lag over time, its partitions and its members."));
  m_resetButton->setText(tr("Reset offsets…"));
  m_resetButton->setToolTip(tr("Move the group's committed offsets (only while it has no members)"));
  m_deleteButton->setText(tr("Delete group…"));
  m_tabs->setTabText(0, tr("Partitions"));
  m_tabs->setTabText(1, tr("Members"));
  updateDetailHeader();
}

void ConsumerGroupsPage::setBootstrapServers(const QString& servers) {
  m_monitor->setBootstrapServers(servers);
  if (servers.trimmed().isEmpty()) {
    m_stack->setCurrentIndex(0);
    m_groups->clear();
    selectGroup(QString());
    showStatus(QString(), false);
  } else {
    m_stack->setCurrentIndex(1);
    showStatus(tr("Loading consumer groups…"), false);
  }
}

void ConsumerGroupsPage::setRefreshInterval(int milliseconds) { m_monitor->setRefreshInterval(milliseconds); }

void ConsumerGroupsPage::showStatus(const QString& text, bool error) {
  // An authorization failure is said in words, naming the user (app/bridge/authorization_error.h).
  m_status->setText(error ? app::errorInWordsFor(text, m_monitor->bootstrapServers()) : text);
  m_status->setStyleSheet(error ? QStringLiteral("color: #d9534f;") : QString());
  m_status->setVisible(!text.isEmpty());
}

void ConsumerGroupsPage::showGroups(const app::GroupListSnapshot& snapshot) {
  m_groups->setSnapshot(snapshot);
  if (!snapshot.error.isEmpty()) showStatus(snapshot.error, true);
  else if (snapshot.groups.isEmpty()) showStatus(tr("The cluster has no consumer groups yet."), false);
  else if (m_status->text() == tr("Loading consumer groups…") || m_status->text() == tr("The cluster has no consumer groups yet.") ||
           m_status->styleSheet().contains(QLatin1String("#d9534f")))
    showStatus(QString(), false);  // a stale listing error or hint goes away; operation results stay
}

void ConsumerGroupsPage::selectGroup(const QString& group) {
  const int row = group.isEmpty() ? -1 : m_groups->rowOf(group);
  if (row < 0) {
    m_groupsView->clearSelection();
    if (!group.isEmpty()) return;
  } else {
    const QModelIndex index = m_groupsProxy->mapFromSource(m_groups->index(row, 0));
    m_groupsView->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_groupsView->scrollTo(index);
  }
  groupSelectionChanged();
}

void ConsumerGroupsPage::groupSelectionChanged() {
  const QModelIndexList rows = m_groupsView->selectionModel()->selectedRows();
  const QString group =
      rows.isEmpty() ? QString() : m_groups->rowAt(m_groupsProxy->mapToSource(rows.first()).row()).groupId;
  if (group == m_selectedGroup) return;
  m_selectedGroup = group;
  m_detail = app::GroupDetailSnapshot();
  m_detail.groupId = group;
  m_partitions->clear();
  m_members->clear();
  m_plot->clear();
  m_detailStack->setCurrentIndex(group.isEmpty() ? 0 : 1);
  updateDetailHeader();
  m_monitor->setSelectedGroup(group);
}

void ConsumerGroupsPage::showGroupDetail(const app::GroupDetailSnapshot& snapshot) {
  if (snapshot.groupId != m_selectedGroup) return;
  m_detail = snapshot;
  m_partitions->setSnapshot(snapshot);
  m_members->setSnapshot(snapshot);
  m_plot->setHistory(snapshot.history);
  updateDetailHeader();
  if (m_resetDialog) m_resetDialog->setGroupState(snapshot.state);
}

void ConsumerGroupsPage::updateDetailHeader() {
  m_groupTitle->setText(m_detail.groupId);
  QStringList parts;
  if (!m_detail.state.isEmpty()) parts << tr("State: %1").arg(m_detail.state);
  if (m_detail.takenAtMs > 0) {
    parts << tr("%n member(s)", nullptr, static_cast<int>(m_detail.members.size()));
    parts << tr("Total lag: %1").arg(formatCount(m_detail.totalLag()));
    if (const int n = m_detail.uncommittedCount(); n > 0) parts << tr("%n partition(s) without commits", nullptr, n);
  }
  if (!m_detail.protocol.isEmpty()) parts << tr("Assignor: %1").arg(m_detail.protocol);
  if (m_detail.coordinator >= 0) parts << tr("Coordinator: broker %1").arg(m_detail.coordinator);
  m_groupInfo->setText(parts.join(QStringLiteral("  \u00b7  ")));
  m_detailError->setText(app::errorInWordsFor(m_detail.error, m_monitor->bootstrapServers()));
  m_detailError->setVisible(!m_detail.error.isEmpty());
  m_resetButton->setEnabled(!m_detail.groupId.isEmpty());
  m_deleteButton->setEnabled(!m_detail.groupId.isEmpty());
}

ResetOffsetsDialog* ConsumerGroupsPage::openResetDialog() {
  if (m_selectedGroup.isEmpty()) return nullptr;
  if (m_resetDialog) m_resetDialog->close();
  QStringList topics;
  for (const app::PartitionLagRow& row : m_detail.partitions)
    if (topics.isEmpty() || topics.last() != row.tp.topic) topics << row.tp.topic;
  auto* dialog = new ResetOffsetsDialog(m_selectedGroup, m_detail.state, topics, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  const QString group = m_selectedGroup;
  connect(dialog, &ResetOffsetsDialog::previewRequested, m_monitor,
          [this, group](const app::OffsetResetSpec& spec) { m_monitor->previewReset(group, spec); });
  connect(dialog, &ResetOffsetsDialog::resetRequested, m_monitor, &app::GroupMonitor::executeReset);
  m_resetDialog = dialog;
  dialog->open();
  return dialog;
}

void ConsumerGroupsPage::confirmDeleteGroup() {
  if (m_selectedGroup.isEmpty()) return;
  const QString group = m_selectedGroup;
  auto* box = new QMessageBox(QMessageBox::Warning, tr("Delete group"),
                              tr("Delete the consumer group %1 and its committed offsets? Kafka deletes only "
                                 "groups without members; this cannot be undone.").arg(group),
                              QMessageBox::Cancel, this);
  box->setObjectName(QStringLiteral("deleteGroupConfirmation"));
  QPushButton* confirm = box->addButton(tr("Delete group"), QMessageBox::DestructiveRole);
  box->setDefaultButton(QMessageBox::Cancel);
  box->setAttribute(Qt::WA_DeleteOnClose);
  connect(box, &QMessageBox::buttonClicked, this, [this, confirm, group](QAbstractButton* button) {
    if (button != confirm) return;
    showStatus(tr("Deleting group %1…").arg(group), false);
    m_monitor->deleteGroup(group);
  });
  box->open();
}

}  // namespace partita::ui
