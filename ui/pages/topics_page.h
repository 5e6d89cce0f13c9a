// The topics page: the topics of the current connection (partitions, replication factor, size on disk, message
// estimate, health) with a search box, and Create / Delete / Add partitions / Configs; below, the selected
// topic's partitions (leader, replicas and ISR as chips, offsets, leader epoch) with "Elect preferred leader",
// "Elect unclean leader…" and "Reassign…" on the selected partitions, and the leader/ISR timeline observed since
// connecting. Outcomes of operations appear in a message bar on the page. Without a connection it shows an empty
// state. Ownership: owned by the main window's page stack; the connection is not owned. GUI thread only.
#pragma once

#include <QList>
#include <QPointer>

#include "app/bridge/cluster_connection.h"
#include "app/bridge/group_snapshot.h"
#include "ui/pages/page.h"

class QAction;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTabWidget;

namespace partita::ui {

class EmptyStateWidget;
class MessageBar;
class PartitionsModel;
class PartitionTimelineModel;
class ReassignDialog;
class TopicFilterModel;
class TopicsModel;

class TopicsPage : public Page {
  Q_OBJECT

 public:
  // `clusterActions`: "Start local cluster…" and "Connect to cluster…", shown as buttons.
  explicit TopicsPage(const QList<QAction*>& clusterActions, QWidget* parent = nullptr);

  QString title() const override;
  void setConnection(app::ClusterConnection* connection);
  // The consumer groups listing of the same cluster (Consumer groups page's monitor): fills "Consumers".
  void setConsumerGroups(const app::GroupListSnapshot& groups);
  void setConfirmationsEnabled(bool enabled) { m_confirm = enabled; }

  TopicsModel* topicsModel() const { return m_topics; }
  TopicFilterModel* filterModel() const { return m_filter; }
  PartitionsModel* partitionsModel() const { return m_partitions; }
  PartitionTimelineModel* timelineModel() const { return m_timeline; }
  QTableView* topicsView() const { return m_topicsView; }
  QTableView* partitionsView() const { return m_partitionsView; }
  MessageBar* messageBar() const { return m_messages; }
  QString selectedTopic() const;
  void selectTopic(const QString& topic);

  // The page's actions, also reachable from the keyboard.
  void createTopic();
  void deleteTopic();
  void addPartitions();
  void editConfigs();
  void electLeaders(bool unclean);
  void reassign();
  // Delete Records… on the selected partitions (all of the topic when none is selected); public for tests.
  void deleteRecords();

  // Internal topics (__consumer_offsets, __transaction_state, any "__" name) are read-only here: deleting,
  // re-partitioning (which strands every committed offset: the group -> partition mapping is a hash of the
  // partition count) or reconfiguring one is an expert action the user must unlock, after a warning, for the
  // selected topic; the unlock ends when the selection moves.
  static bool isInternalTopic(const QString& name, bool reportedInternal);
  bool isSelectedTopicLocked() const;
  // Asks (when confirmations are on) and unlocks the expert actions for the selected internal topic.
  void unlockInternalTopic();

 protected:
  void retranslateUi() override;

 public:
  // True while the tables show a snapshot the cluster no longer confirms.
  bool isShowingStale() const;

 private:
  void onSnapshot(const app::SnapshotPtr& snapshot);
  // Greys the tables and says when they were last seen while the cluster does not answer.
  void onState();
  void onOperation(app::ClusterConnection::Operation op, const QString& subject, const QString& error);
  void updateActions();
  QList<int> selectedPartitions() const;

  QPointer<app::ClusterConnection> m_connection;
  QList<QMetaObject::Connection> m_links;
  QStackedWidget* m_stack;
  EmptyStateWidget* m_emptyState;
  MessageBar* m_messages;
  QLineEdit* m_search;
  QCheckBox* m_showInternal;
  QTableView* m_topicsView;
  TopicsModel* m_topics;
  TopicFilterModel* m_filter;
  QLabel* m_partitionsTitle;
  QTabWidget* m_tabs;
  QTableView* m_partitionsView;
  PartitionsModel* m_partitions;
  QTableView* m_timelineView;
  PartitionTimelineModel* m_timeline;
  QAction* m_createAction;
  QAction* m_deleteAction;
  QAction* m_addPartitionsAction;
  QAction* m_configsAction;
  QAction* m_electPreferredAction;
  QAction* m_electUncleanAction;
  QAction* m_reassignAction;
  QAction* m_deleteRecordsAction;
  QAction* m_unlockAction;
  QString m_unlockedTopic;  // the internal topic whose expert actions the user unlocked
  QPointer<ReassignDialog> m_reassignDialog;
  QString m_selectWhenListed;  // a topic just created: selected once a snapshot lists it
  bool m_confirm = true;
};

}  // namespace partita::ui
