// The Partita main window: a navigation list on the left switching a stack of pages (Cluster,
// Topics, Consumer groups, Segments, Messages, Transactions, ACLs, Schemas), the menus, and a status bar with the
// connection state.
//
// Contract: the window owns its pages, actions and the LanguageManager. Language and theme are
// application-wide (they change QApplication's translator and palette). With
// SettingsMode::Persistent the window restores geometry, page, theme and language from
// QSettings("Partita", "Partita") and saves them; with Ephemeral (tests, --screenshot) it neither
// reads nor writes settings. Cluster work is not done here: the File actions only emit
// startLocalClusterRequested / connectToClusterRequested for the app layer. GUI thread only.
#pragma once

#include <QList>
#include <QMainWindow>
#include <QPointer>
#include <QStringList>

#include "app/bridge/connection_profile.h"
#include "ui/dialogs/local_cluster_dialog.h"
#include "ui/theme.h"

class QAction;
class QActionGroup;
class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;

namespace partita::app {
class ClusterConnection;
class LagRecorder;
}

namespace partita::ui {

class ConnectionsSidebar;
class LanguageManager;
class Page;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  enum class SettingsMode { Persistent, Ephemeral };
  // Order of the navigation list and of the Ctrl+1..8 shortcuts (new pages go last: saved page indexes and
  // shortcuts people learnt keep their meaning).
  enum class PageId { Cluster = 0, Topics, ConsumerGroups, Segments, Messages, Transactions, Acls, Schemas };
  static constexpr int kPageCount = 8;

  explicit MainWindow(SettingsMode settingsMode = SettingsMode::Persistent, QWidget* parent = nullptr);
  ~MainWindow() override;

  void showPage(PageId page);
  PageId currentPage() const;
  Page* page(PageId page) const;

  // Returns false for a language we do not ship; see LanguageManager::availableLanguages().
  bool setLanguage(const QString& code);
  // The real app asks before quitting stops a running local cluster (clients connected to it lose it);
  // off by default so that tests and --screenshot close without a dialog.
  void setConfirmQuit(bool confirm) { m_confirmQuit = confirm; }
  // The local clusters that quitting would stop (running or starting), by name.
  QStringList runningLocalClusters() const;
  QString language() const;

  void setThemeMode(ThemeMode mode);
  ThemeMode themeMode() const { return m_themeMode; }

  enum class ConnectionState { Disconnected, Starting, Connected, Failed, Connecting };
  // Shows the cluster connection in the status bar; `detail` is the bootstrap address (Connected, Connecting)
  // or the error (Failed). Follows the current connection of the Clusters list on its own.
  void setConnectionState(ConnectionState state, const QString& detail = QString());
  ConnectionState connectionState() const { return m_connectionState; }

  // The size the window opens with when nothing is saved (also used for screenshots).
  static QSize defaultSize() { return {1100, 700}; }

  // The Clusters list: owns the connections; the app adds entries to it in answer to the request signals.
  ConnectionsSidebar* connections() const { return m_connections; }
  // How often connections poll their cluster (saved in Persistent mode).
  void setRefreshInterval(int milliseconds);
  int refreshInterval() const { return m_refreshMs; }
  // Records lag history of every connected cluster in the background (View menu; saved in Persistent mode).
  app::LagRecorder* lagRecorder() const { return m_lagRecorder; }

 signals:
  void startLocalClusterRequested(const partita::ui::LocalClusterRequest& request);
  void connectToClusterRequested(const partita::app::ConnectionProfile& profile);

 protected:
  void changeEvent(QEvent* event) override;
  void closeEvent(QCloseEvent* event) override;

 private:
  void createActions();
  void createMenus();
  void createCentralWidget();
  void createStatusBar();
  void retranslateUi();
  void applyNavigationStyle();
  void restoreSettings();
  void saveSettings() const;

  void startLocalCluster();
  void connectToCluster();
  void showAbout();
  void setCurrentConnection(app::ClusterConnection* connection);
  void updateConnectionStatus();
  // Tells the background lag recorder which clusters are connected (issue 13: history for all of them).
  void updateLagRecorder();
  void connectDataPages(const QString& bootstrapServers, const QStringList& logDirs);

  const SettingsMode m_settingsMode;
  LanguageManager* m_languages;
  ThemeMode m_themeMode = ThemeMode::System;

  QListWidget* m_navigation = nullptr;
  ConnectionsSidebar* m_connections = nullptr;
  app::ClusterConnection* m_current = nullptr;
  QList<QMetaObject::Connection> m_currentLinks;
  QLabel* m_summaryLabel = nullptr;
  int m_refreshMs = 3000;
  app::LagRecorder* m_lagRecorder = nullptr;
  QAction* m_backgroundLagAction = nullptr;
  QString m_pagesBootstrap;    // what the data pages were last told (connectDataPages)
  QStringList m_pagesLogDirs;
  QMenu* m_refreshMenu = nullptr;
  QActionGroup* m_refreshGroup = nullptr;
  QStackedWidget* m_pages = nullptr;
  QLabel* m_appTitleLabel = nullptr;
  QLabel* m_connectionIcon = nullptr;
  QLabel* m_connectionLabel = nullptr;
  ConnectionState m_connectionState = ConnectionState::Disconnected;
  QString m_connectionDetail;

  QMenu* m_fileMenu = nullptr;
  QMenu* m_viewMenu = nullptr;
  QMenu* m_themeMenu = nullptr;
  QMenu* m_languageMenu = nullptr;
  QMenu* m_helpMenu = nullptr;

  QAction* m_startLocalClusterAction = nullptr;
  QAction* m_connectAction = nullptr;
  QAction* m_quitAction = nullptr;
  bool m_confirmQuit = false;
  QList<QAction*> m_pageActions;  // index = PageId
  QActionGroup* m_pageGroup = nullptr;
  QAction* m_themeSystemAction = nullptr;
  QAction* m_themeLightAction = nullptr;
  QAction* m_themeDarkAction = nullptr;
  QActionGroup* m_themeGroup = nullptr;
  QList<QAction*> m_languageActions;  // data() = language code
  QActionGroup* m_languageGroup = nullptr;
  QAction* m_aboutAction = nullptr;
  QAction* m_aboutQtAction = nullptr;
};

}  // namespace partita::ui
