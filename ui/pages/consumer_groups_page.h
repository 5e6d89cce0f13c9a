// The consumer groups page: the groups of the connected cluster (state, members, total lag, search) and, for
// the selected group, its lag over time (plot with range presets, zoom and pan), the per-partition lag table
// (current offset, log end, lag, time lag, member/client/host), its members with their assigned partitions,
// and the actions "Reset offsets…" (dialog with preview) and "Delete group…" (with confirmation).
// While not connected it shows an empty state that says what will appear here and offers the actions that
// get there.
//
// Data comes from a GroupMonitor the page owns (all cluster access happens on its worker thread); errors are
// shown on the page where they happen. Ownership: owned by the main window's page stack; the actions passed
// in are owned by the main window and outlive the page. GUI thread only.
#pragma once

#include <QList>
#include <QPointer>

#include "app/bridge/group_snapshot.h"
#include "ui/pages/page.h"

class QAction;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QTableView;

namespace partita::app {
class GroupMonitor;
}

namespace partita::ui {

class EmptyStateWidget;
class GroupListModel;
class GroupMemberModel;
class LagPlotWidget;
class PartitionLagModel;
class ResetOffsetsDialog;

class ConsumerGroupsPage : public Page {
  Q_OBJECT

 public:
  // `clusterActions`: "Start local cluster…" and "Connect to cluster…", shown as buttons.
  explicit ConsumerGroupsPage(const QList<QAction*>& clusterActions, QWidget* parent = nullptr);

  QString title() const override;

  // Watches the cluster at `servers`; empty: disconnected (the empty state comes back).
  void setBootstrapServers(const QString& servers);
  void setRefreshInterval(int milliseconds);
  app::GroupMonitor* monitor() const { return m_monitor; }

  QString selectedGroup() const { return m_selectedGroup; }
  // Selects the group in the list (clears the selection when it is not listed).
  void selectGroup(const QString& group);

  // Show snapshots (the monitor's signals land here; tests may call them directly).
  void showGroups(const app::GroupListSnapshot& snapshot);
  void showGroupDetail(const app::GroupDetailSnapshot& snapshot);

  // Opens the reset dialog / asks to confirm deleting the selected group.
  ResetOffsetsDialog* openResetDialog();
  void confirmDeleteGroup();

 protected:
  void retranslateUi() override;

 private:
  QWidget* buildContent();
  QWidget* buildDetail();
  void groupSelectionChanged();
  void updateDetailHeader();
  void showStatus(const QString& text, bool error);

  app::GroupMonitor* m_monitor;
  QStackedWidget* m_stack;
  EmptyStateWidget* m_emptyState;
  QLineEdit* m_search;
  QLabel* m_status;
  QTableView* m_groupsView;
  GroupListModel* m_groups;
  QSortFilterProxyModel* m_groupsProxy;
  QStackedWidget* m_detailStack;
  QLabel* m_noSelection;
  QLabel* m_groupTitle;
  QLabel* m_groupInfo;
  QLabel* m_detailError;
  QPushButton* m_resetButton;
  QPushButton* m_deleteButton;
  LagPlotWidget* m_plot;
  QTabWidget* m_tabs;
  QTableView* m_partitionsView;
  PartitionLagModel* m_partitions;
  QTableView* m_membersView;
  GroupMemberModel* m_members;
  QString m_selectedGroup;
  app::GroupDetailSnapshot m_detail;
  QPointer<ResetOffsetsDialog> m_resetDialog;
};

}  // namespace partita::ui
