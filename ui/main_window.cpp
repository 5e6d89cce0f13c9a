#include "ui/main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

#include "app/bridge/cluster_connection.h"
#include "app/bridge/group_monitor.h"
#include "app/bridge/lag_recorder.h"
#include "ui/connections_sidebar.h"
#include "ui/dialogs/connect_dialog.h"
#include "ui/language.h"
#include "ui/pages/acls_page.h"
#include "ui/pages/cluster_page.h"
#include "ui/pages/consumer_groups_page.h"
#include "ui/pages/messages_page.h"
#include "ui/pages/schemas_page.h"
#include "ui/pages/segments_page.h"
#include "ui/pages/topics_page.h"
#include "ui/pages/transactions_page.h"
#include "ui/resources.h"

#ifndef PARTITA_VERSION_STRING
#define PARTITA_VERSION_STRING "0.0.0"
#endif

namespace partita::ui {
namespace {

const char* const kGeometryKey = "mainWindow/geometry";
const char* const kStateKey = "mainWindow/state";
const char* const kPageKey = "mainWindow/page";
const char* const kThemeKey = "ui/theme";
const char* const kLanguageKey = "ui/language";
const char* const kRefreshKey = "ui/refreshMs";
const char* const kBackgroundLagKey = "groups/backgroundLagHistory";
const int kRefreshChoices[] = {1000, 2000, 3000, 5000, 10000, 30000};

// One place for the organisation/application pair so tests and the app agree on the file.
#define PARTITA_SETTINGS(name) QSettings name(QStringLiteral("Partita"), QStringLiteral("Partita"))

QPixmap statusDot(const QColor& color, qreal dpr) {
  const int size = 10;
  QPixmap pixmap(QSize(size, size) * dpr);
  pixmap.setDevicePixelRatio(dpr);
  pixmap.fill(Qt::transparent);
  QPainter painter(&pixmap);
  painter.setRenderHint(QPainter::Antialiasing);
  painter.setPen(Qt::NoPen);
  painter.setBrush(color);
  painter.drawEllipse(QRectF(1, 1, size - 2, size - 2));
  return pixmap;
}

}  // namespace

MainWindow::MainWindow(SettingsMode settingsMode, QWidget* parent)
    : QMainWindow(parent),
      m_settingsMode(settingsMode),
      m_languages(new LanguageManager(this)),
      m_lagRecorder(new app::LagRecorder(this)) {
  ensureResources();
  setObjectName(QStringLiteral("mainWindow"));
  setWindowIcon(icon(QStringLiteral("partita")));
  createActions();
  createMenus();
  createCentralWidget();
  createStatusBar();
  retranslateUi();
  resize(defaultSize());

  if (m_settingsMode == SettingsMode::Persistent) {
    restoreSettings();
  } else {
    setThemeMode(ThemeMode::System);
    showPage(PageId::Cluster);
  }
}

MainWindow::~MainWindow() {
  // Connections go first (stopping local clusters) while the pages that follow them still exist.
  for (const auto& link : m_currentLinks) disconnect(link);
  m_current = nullptr;
  delete m_connections;
}

void MainWindow::createActions() {
  m_startLocalClusterAction = new QAction(icon(QStringLiteral("broker")), QString(), this);
  m_startLocalClusterAction->setObjectName(QStringLiteral("actionStartLocalCluster"));
  m_startLocalClusterAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
  connect(m_startLocalClusterAction, &QAction::triggered, this, &MainWindow::startLocalCluster);

  m_connectAction = new QAction(icon(QStringLiteral("nav-cluster")), QString(), this);
  m_connectAction->setObjectName(QStringLiteral("actionConnect"));
  m_connectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
  connect(m_connectAction, &QAction::triggered, this, &MainWindow::connectToCluster);

  m_quitAction = new QAction(this);
  m_quitAction->setObjectName(QStringLiteral("actionQuit"));
  m_quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
  m_quitAction->setMenuRole(QAction::QuitRole);
  connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

  static const char* const kPageIcons[kPageCount] = {"nav-cluster", "nav-topics", "nav-consumer-groups",
                                                      "nav-segments", "nav-messages", "nav-transactions",
                                                      "nav-acls", "nav-schemas"};
  static const char* const kPageActionNames[kPageCount] = {"actionPageCluster", "actionPageTopics",
                                                            "actionPageConsumerGroups", "actionPageSegments",
                                                            "actionPageMessages", "actionPageTransactions",
                                                            "actionPageAcls", "actionPageSchemas"};
  m_pageGroup = new QActionGroup(this);
  for (int i = 0; i < kPageCount; ++i) {
    auto* action = new QAction(icon(QLatin1String(kPageIcons[i])), QString(), m_pageGroup);
    action->setObjectName(QLatin1String(kPageActionNames[i]));
    action->setCheckable(true);
    action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
    connect(action, &QAction::triggered, this, [this, i] { showPage(static_cast<PageId>(i)); });
    m_pageActions << action;
  }

  m_themeGroup = new QActionGroup(this);
  m_themeSystemAction = new QAction(m_themeGroup);
  m_themeSystemAction->setObjectName(QStringLiteral("actionThemeSystem"));
  m_themeLightAction = new QAction(m_themeGroup);
  m_themeLightAction->setObjectName(QStringLiteral("actionThemeLight"));
  m_themeDarkAction = new QAction(m_themeGroup);
  m_themeDarkAction->setObjectName(QStringLiteral("actionThemeDark"));
  const std::pair<QAction*, ThemeMode> themes[] = {{m_themeSystemAction, ThemeMode::System},
                                                   {m_themeLightAction, ThemeMode::Light},
                                                   {m_themeDarkAction, ThemeMode::Dark}};
  for (const auto& [action, mode] : themes) {
    action->setCheckable(true);
    connect(action, &QAction::triggered, this, [this, m = mode] { setThemeMode(m); });
  }

  m_languageGroup = new QActionGroup(this);
  for (const QString& code : LanguageManager::availableLanguages()) {
    // Native names are deliberately not translated (see LanguageManager::nativeName).
    auto* action = new QAction(LanguageManager::nativeName(code), m_languageGroup);
    action->setObjectName(QStringLiteral("actionLanguage_%1").arg(code));
    action->setCheckable(true);
    action->setData(code);
    action->setChecked(code == m_languages->currentLanguage());
    connect(action, &QAction::triggered, this, [this, code] { setLanguage(code); });
    m_languageActions << action;
  }

  m_aboutAction = new QAction(icon(QStringLiteral("partita")), QString(), this);
  m_aboutAction->setObjectName(QStringLiteral("actionAbout"));
  m_aboutAction->setMenuRole(QAction::AboutRole);
  connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
  m_aboutQtAction = new QAction(this);
  m_aboutQtAction->setObjectName(QStringLiteral("actionAboutQt"));
  m_aboutQtAction->setMenuRole(QAction::AboutQtRole);
  connect(m_aboutQtAction, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createMenus() {
  m_fileMenu = menuBar()->addMenu(QString());
  m_fileMenu->addAction(m_startLocalClusterAction);
  m_fileMenu->addAction(m_connectAction);
  m_fileMenu->addSeparator();
  m_fileMenu->addAction(m_quitAction);

  m_viewMenu = menuBar()->addMenu(QString());
  m_viewMenu->addActions(m_pageActions);
  m_viewMenu->addSeparator();
  m_themeMenu = m_viewMenu->addMenu(QString());
  m_themeMenu->addActions(m_themeGroup->actions());
  m_languageMenu = m_viewMenu->addMenu(QString());
  m_languageMenu->addActions(m_languageActions);
  m_refreshMenu = m_viewMenu->addMenu(QString());
  m_refreshMenu->setObjectName(QStringLiteral("refreshMenu"));
  m_refreshGroup = new QActionGroup(this);
  for (int ms : kRefreshChoices) {
    auto* action = new QAction(m_refreshGroup);
    action->setObjectName(QStringLiteral("actionRefresh_%1").arg(ms));
    action->setCheckable(true);
    action->setData(ms);
    action->setChecked(ms == m_refreshMs);
    connect(action, &QAction::triggered, this, [this, ms] { setRefreshInterval(ms); });
    m_refreshMenu->addAction(action);
  }
  m_refreshMenu->addSeparator();
  auto* refreshNow = m_refreshMenu->addAction(QString());
  refreshNow->setObjectName(QStringLiteral("actionRefreshNow"));
  refreshNow->setShortcut(QKeySequence::Refresh);
  connect(refreshNow, &QAction::triggered, this, [this] {
    if (m_current != nullptr) m_current->refreshNow();
  });
  m_backgroundLagAction = m_viewMenu->addAction(QString());
  m_backgroundLagAction->setObjectName(QStringLiteral("actionBackgroundLagHistory"));
  m_backgroundLagAction->setCheckable(true);
  m_backgroundLagAction->setChecked(true);
  connect(m_backgroundLagAction, &QAction::toggled, this, [this](bool on) {
    m_lagRecorder->setEnabled(on);
    if (m_settingsMode == SettingsMode::Persistent) {
      PARTITA_SETTINGS(settings);
      settings.setValue(kBackgroundLagKey, on);
    }
  });

  m_helpMenu = menuBar()->addMenu(QString());
  m_helpMenu->addAction(m_aboutAction);
  m_helpMenu->addAction(m_aboutQtAction);
}

void MainWindow::createCentralWidget() {
  const QList<QAction*> clusterActions = {m_startLocalClusterAction, m_connectAction};
  // Segments are read from a local cluster's disk, so connecting elsewhere does not fill them.
  const QList<QAction*> localOnly = {m_startLocalClusterAction};

  m_pages = new QStackedWidget;
  m_pages->setObjectName(QStringLiteral("pageStack"));
  // Pages sit on the base colour (where their tables will be); the sidebar keeps the window colour.
  m_pages->setAutoFillBackground(true);
  m_pages->setBackgroundRole(QPalette::Base);
  m_pages->addWidget(new ClusterPage(clusterActions));
  m_pages->addWidget(new TopicsPage(clusterActions));
  m_pages->addWidget(new ConsumerGroupsPage(clusterActions));
  m_pages->addWidget(new SegmentsPage(localOnly));
  auto* messages = new MessagesPage(clusterActions);
  m_pages->addWidget(messages);
  connect(messages, &MessagesPage::localSchemasChosen, this, [this](const app::LocalSchemaMap& schemas) {
    if (m_current != nullptr) m_current->setLocalSchemas(schemas);
  });
  m_pages->addWidget(new TransactionsPage(clusterActions));
  m_pages->addWidget(new AclsPage(clusterActions));
  m_pages->addWidget(new SchemasPage(clusterActions));
  // Issue 13: the Topics page's "Consumers" column comes from the groups listing the groups page already polls.
  connect(static_cast<ConsumerGroupsPage*>(page(PageId::ConsumerGroups))->monitor(), &app::GroupMonitor::groupsChanged,
          static_cast<TopicsPage*>(page(PageId::Topics)), &TopicsPage::setConsumerGroups);

  m_appTitleLabel = new QLabel;
  m_appTitleLabel->setObjectName(QStringLiteral("appTitleLabel"));
  auto* appIconLabel = new QLabel;
  appIconLabel->setPixmap(icon(QStringLiteral("partita")).pixmap(QSize(28, 28), devicePixelRatioF()));
  QFont titleFont = m_appTitleLabel->font();
  titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
  titleFont.setBold(true);
  m_appTitleLabel->setFont(titleFont);
  auto* header = new QHBoxLayout;
  header->setContentsMargins(14, 14, 14, 10);
  header->setSpacing(8);
  header->addWidget(appIconLabel);
  header->addWidget(m_appTitleLabel, 1);

  m_navigation = new QListWidget;
  m_navigation->setObjectName(QStringLiteral("navigationList"));
  m_navigation->setIconSize(QSize(20, 20));
  m_navigation->setFrameShape(QFrame::NoFrame);
  m_navigation->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  m_navigation->setFocusPolicy(Qt::StrongFocus);
  for (int i = 0; i < kPageCount; ++i) {
    m_navigation->addItem(new QListWidgetItem(m_pageActions[i]->icon(), QString()));
  }
  connect(m_navigation, &QListWidget::currentRowChanged, this, [this](int row) {
    if (row < 0 || row >= kPageCount) return;
    m_pages->setCurrentIndex(row);
    m_pageActions[row]->setChecked(true);
  });

  auto* sidebar = new QWidget;
  sidebar->setObjectName(QStringLiteral("sidebar"));
  sidebar->setFixedWidth(220);
  auto* sidebarLayout = new QVBoxLayout(sidebar);
  sidebarLayout->setContentsMargins(0, 0, 0, 0);
  sidebarLayout->setSpacing(0);
  sidebarLayout->addLayout(header);
  m_navigation->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
  m_navigation->setFixedHeight(kPageCount * 40 + 12);
  sidebarLayout->addWidget(m_navigation);
  m_connections = new ConnectionsSidebar(m_settingsMode == SettingsMode::Persistent, sidebar);
  m_connections->setActions(m_startLocalClusterAction, m_connectAction);
  sidebarLayout->addWidget(m_connections, 1);
  connect(m_connections, &ConnectionsSidebar::currentConnectionChanged, this, &MainWindow::setCurrentConnection);
  const auto watchForLag = [this](app::ClusterConnection* c) {
    connect(c, &app::ClusterConnection::stateChanged, this, &MainWindow::updateLagRecorder);
  };
  for (app::ClusterConnection* c : m_connections->connections()) watchForLag(c);
  connect(m_connections, &ConnectionsSidebar::connectionAdded, this, watchForLag);

  auto* separator = new QFrame;
  separator->setFrameShape(QFrame::VLine);
  separator->setFrameShadow(QFrame::Plain);
  separator->setForegroundRole(QPalette::Mid);

  auto* central = new QWidget;
  auto* layout = new QHBoxLayout(central);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  layout->addWidget(sidebar);
  layout->addWidget(separator);
  layout->addWidget(m_pages, 1);
  setCentralWidget(central);
  applyNavigationStyle();
}

void MainWindow::applyNavigationStyle() {
  // Built from the current palette and re-set on every theme change. The selection is a tint of
  // the accent rather than the solid accent, so the blue page icons stay visible on it.
  const QPalette pal = QApplication::palette();
  const QColor accent = pal.color(QPalette::Highlight);
  const bool dark = pal.color(QPalette::Window).lightness() < 128;
  QColor selected = accent;
  selected.setAlpha(dark ? 110 : 45);
  QColor hover = pal.color(QPalette::WindowText);
  hover.setAlpha(dark ? 28 : 18);
  const auto rgba = [](const QColor& c) {
    return QStringLiteral("rgba(%1, %2, %3, %4)").arg(c.red()).arg(c.green()).arg(c.blue()).arg(c.alpha());
  };
  m_navigation->setStyleSheet(
      QStringLiteral("QListWidget#navigationList { background: transparent; padding: 4px 8px; outline: none; }"
                     "QListWidget#navigationList::item { padding: 8px 8px; margin: 1px 0px; border-radius: 6px;"
                     " color: %1; }"
                     "QListWidget#navigationList::item:hover:!selected { background: %2; }"
                     "QListWidget#navigationList::item:selected { background: %3; color: %1; }")
          .arg(pal.color(QPalette::WindowText).name(), rgba(hover), rgba(selected)));
}

void MainWindow::createStatusBar() {
  m_connectionIcon = new QLabel;
  m_connectionIcon->setObjectName(QStringLiteral("connectionStateIcon"));
  m_connectionIcon->setPixmap(statusDot(QColor(0x9a, 0xa0, 0xa6), devicePixelRatioF()));
  m_connectionLabel = new QLabel;
  m_connectionLabel->setObjectName(QStringLiteral("connectionStateLabel"));
  auto* box = new QWidget;
  auto* layout = new QHBoxLayout(box);
  layout->setContentsMargins(6, 0, 6, 0);
  layout->setSpacing(6);
  layout->addWidget(m_connectionIcon);
  layout->addWidget(m_connectionLabel);
  // Permanent, so status tips shown while hovering never hide the connection state.
  m_summaryLabel = new QLabel;
  m_summaryLabel->setObjectName(QStringLiteral("clusterSummaryLabel"));
  statusBar()->addWidget(m_summaryLabel);
  statusBar()->addPermanentWidget(box);
}

void MainWindow::retranslateUi() {
  setWindowTitle(tr("Partita"));
  m_appTitleLabel->setText(tr("Partita"));

  m_startLocalClusterAction->setText(tr("&Start Local Cluster…"));
  m_startLocalClusterAction->setStatusTip(tr("Start ZooKeeper and brokers on this computer"));
  m_connectAction->setText(tr("&Connect to Cluster…"));
  m_connectAction->setStatusTip(tr("Connect to a running Kafka cluster"));
  m_quitAction->setText(tr("&Quit"));

  for (int i = 0; i < kPageCount; ++i) {
    auto* page = static_cast<Page*>(m_pages->widget(i));
    m_pageActions[i]->setText(page->title());
    m_pageActions[i]->setStatusTip(tr("Show the %1 page").arg(page->title()));
    m_navigation->item(i)->setText(page->title());
    m_navigation->item(i)->setToolTip(
        QStringLiteral("%1 (%2)").arg(page->title(), m_pageActions[i]->shortcut().toString(QKeySequence::NativeText)));
  }
  m_themeSystemAction->setText(tr("&System"));
  m_themeLightAction->setText(tr("&Light"));
  m_themeDarkAction->setText(tr("&Dark"));
  m_aboutAction->setText(tr("&About Partita"));
  m_aboutQtAction->setText(tr("About &Qt"));

  m_fileMenu->setTitle(tr("&File"));
  m_viewMenu->setTitle(tr("&View"));
  m_themeMenu->setTitle(tr("&Theme"));
  m_languageMenu->setTitle(tr("&Language"));
  m_helpMenu->setTitle(tr("&Help"));
  m_refreshMenu->setTitle(tr("&Refresh Interval"));
  for (QAction* action : m_refreshGroup->actions())
    action->setText(tr("Every %n second(s)", nullptr, action->data().toInt() / 1000));
  findChild<QAction*>(QStringLiteral("actionRefreshNow"))->setText(tr("Refresh &Now"));
  m_backgroundLagAction->setText(tr("Record &Lag History of All Clusters"));
  m_backgroundLagAction->setToolTip(tr("Every 30 s, record the consumer-group lag of every connected cluster, "
                                       "not only the one shown"));

  // The status bar's texts (connection, "n of m brokers up · k topics") are rebuilt in the new language now,
  // not at the next snapshot.
  if (m_current != nullptr) updateConnectionStatus();
  else setConnectionState(m_connectionState, m_connectionDetail);
}

void MainWindow::setConnectionState(ConnectionState state, const QString& detail) {
  m_connectionState = state;
  m_connectionDetail = detail;
  QColor dot(0x9a, 0xa0, 0xa6);
  switch (state) {
    case ConnectionState::Disconnected:
      m_connectionLabel->setText(tr("Not connected"));
      break;
    case ConnectionState::Starting:
      dot = QColor(0xf2, 0x99, 0x00);
      m_connectionLabel->setText(tr("Starting local cluster…"));
      break;
    case ConnectionState::Connecting:
      dot = QColor(0xf2, 0x99, 0x00);
      m_connectionLabel->setText(tr("Connecting to %1…").arg(detail));
      break;
    case ConnectionState::Connected:
      dot = QColor(0x1e, 0x8e, 0x3e);
      m_connectionLabel->setText(tr("Connected to %1").arg(detail));
      break;
    case ConnectionState::Failed:
      dot = QColor(0xd9, 0x30, 0x25);
      m_connectionLabel->setText(tr("Cluster failed: %1").arg(detail));
      break;
  }
  m_connectionLabel->setToolTip(detail);
  m_connectionIcon->setPixmap(statusDot(dot, devicePixelRatioF()));
}

void MainWindow::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslateUi();
  QMainWindow::changeEvent(event);
}

QStringList MainWindow::runningLocalClusters() const {
  QStringList names;
  using S = app::ClusterConnection::State;
  for (const app::ClusterConnection* c : m_connections->connections()) {
    if (c->kind() == app::ClusterConnection::Kind::Local &&
        (c->state() == S::Starting || c->state() == S::Connecting || c->state() == S::Connected))
      names << c->name();
  }
  return names;
}

void MainWindow::closeEvent(QCloseEvent* event) {
  const QStringList local = m_confirmQuit ? runningLocalClusters() : QStringList();
  if (!local.isEmpty()) {
    const auto answer = QMessageBox::question(
        this, tr("Quit Partita"),
        tr("Quitting stops the local cluster %1: its brokers and ZooKeeper shut down, and every client connected "
           "to it (producers, consumers, kcat) loses its connection. Quit anyway?")
            .arg(local.join(QStringLiteral(", "))),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes) {
      event->ignore();
      return;
    }
  }
  if (m_settingsMode == SettingsMode::Persistent) saveSettings();
  event->accept();
}

void MainWindow::showPage(PageId page) {
  const int row = static_cast<int>(page);
  if (row < 0 || row >= kPageCount) return;
  m_navigation->setCurrentRow(row);
  // setCurrentRow does not emit when the row is already current; keep stack and actions in step anyway.
  m_pages->setCurrentIndex(row);
  m_pageActions[row]->setChecked(true);
}

MainWindow::PageId MainWindow::currentPage() const { return static_cast<PageId>(m_pages->currentIndex()); }

Page* MainWindow::page(PageId page) const { return static_cast<Page*>(m_pages->widget(static_cast<int>(page))); }

bool MainWindow::setLanguage(const QString& code) {
  const bool ok = m_languages->setLanguage(code);
  for (QAction* action : m_languageActions) {
    action->setChecked(action->data().toString() == m_languages->currentLanguage());
  }
  if (ok && m_settingsMode == SettingsMode::Persistent) {
    PARTITA_SETTINGS(settings);
    settings.setValue(kLanguageKey, code);
  }
  return ok;
}

QString MainWindow::language() const { return m_languages->currentLanguage(); }

void MainWindow::setThemeMode(ThemeMode mode) {
  m_themeMode = mode;
  applyTheme(mode);
  applyNavigationStyle();
  m_themeSystemAction->setChecked(mode == ThemeMode::System);
  m_themeLightAction->setChecked(mode == ThemeMode::Light);
  m_themeDarkAction->setChecked(mode == ThemeMode::Dark);
  if (m_settingsMode == SettingsMode::Persistent) {
    PARTITA_SETTINGS(settings);
    settings.setValue(kThemeKey, themeModeName(mode));
  }
}

void MainWindow::setRefreshInterval(int milliseconds) {
  m_refreshMs = std::max(500, milliseconds);
  for (QAction* action : m_refreshGroup->actions()) action->setChecked(action->data().toInt() == m_refreshMs);
  m_connections->setRefreshInterval(m_refreshMs);
  static_cast<ConsumerGroupsPage*>(page(PageId::ConsumerGroups))->setRefreshInterval(std::max(m_refreshMs, 2000));
  if (m_settingsMode == SettingsMode::Persistent) {
    PARTITA_SETTINGS(settings);
    settings.setValue(kRefreshKey, m_refreshMs);
  }
}

void MainWindow::setCurrentConnection(app::ClusterConnection* connection) {
  for (const auto& link : m_currentLinks) disconnect(link);
  m_currentLinks.clear();
  m_current = connection;
  static_cast<ClusterPage*>(page(PageId::Cluster))->setConnection(connection);
  static_cast<TopicsPage*>(page(PageId::Topics))->setConnection(connection);
  static_cast<MessagesPage*>(page(PageId::Messages))->setSchemaRegistry(connection ? connection->schemaRegistry() : nullptr);
  static_cast<SchemasPage*>(page(PageId::Schemas))->setSchemaRegistry(connection ? connection->schemaRegistry() : nullptr);
  if (connection != nullptr) {
    m_currentLinks << connect(connection, &app::ClusterConnection::stateChanged, this, &MainWindow::updateConnectionStatus);
    m_currentLinks << connect(connection, &app::ClusterConnection::snapshotReady, this, &MainWindow::updateConnectionStatus);
    m_currentLinks << connect(connection, &QObject::destroyed, this, [this] { setCurrentConnection(nullptr); });
  }
  updateConnectionStatus();
}

// The pages that keep their own engine client (groups, messages) or read files (segments) follow the current
// connection; they are told only when the address or the directories change, not on every snapshot.
void MainWindow::connectDataPages(const QString& bootstrapServers, const QStringList& logDirs) {
  if (bootstrapServers != m_pagesBootstrap) {
    m_pagesBootstrap = bootstrapServers;
    m_lagRecorder->setForeground(bootstrapServers);  // the Consumer groups page records this one itself
    static_cast<ConsumerGroupsPage*>(page(PageId::ConsumerGroups))->setBootstrapServers(bootstrapServers);
    static_cast<MessagesPage*>(page(PageId::Messages))->setBootstrapServers(bootstrapServers);
    static_cast<TransactionsPage*>(page(PageId::Transactions))->setBootstrapServers(bootstrapServers);
    static_cast<AclsPage*>(page(PageId::Acls))->setBootstrapServers(bootstrapServers);
  }
  if (logDirs != m_pagesLogDirs) {
    m_pagesLogDirs = logDirs;
    static_cast<SegmentsPage*>(page(PageId::Segments))->setLocalLogDirs(logDirs);
  }
}

void MainWindow::updateLagRecorder() {
  QStringList connected;
  for (app::ClusterConnection* c : m_connections->connections())
    if (c->state() == app::ClusterConnection::State::Connected) connected << c->bootstrapServers();
  m_lagRecorder->setClusters(connected);
}

void MainWindow::updateConnectionStatus() {
  using S = app::ClusterConnection::State;
  app::ClusterConnection* c = m_current;
  connectDataPages(c != nullptr && c->state() == S::Connected ? c->bootstrapServers() : QString(),
                   c != nullptr ? c->localLogDirs() : QStringList());
  if (c == nullptr) {
    setConnectionState(ConnectionState::Disconnected);
    m_summaryLabel->clear();
    return;
  }
  switch (c->state()) {
    case S::Idle:
    case S::Stopped: setConnectionState(ConnectionState::Disconnected); break;
    case S::Starting: setConnectionState(ConnectionState::Starting); break;
    case S::Connecting: setConnectionState(ConnectionState::Connecting, c->stateDetail()); break;
    case S::Connected: setConnectionState(ConnectionState::Connected, c->bootstrapServers()); break;
    case S::Failed: setConnectionState(ConnectionState::Failed, c->stateDetail()); break;
  }
  const app::SnapshotPtr s = c->snapshot();
  if (!s || c->state() != S::Connected) {
    m_summaryLabel->clear();
    return;
  }
  int under = 0, offline = 0;
  for (const auto& t : s->topics) {
    under += t.underReplicatedCount();
    offline += t.offlineCount();
  }
  QString text = tr("%1 · %2 of %3 brokers up · %n topic(s)", nullptr, int(s->topics.size()))
                     .arg(c->name())
                     .arg(s->aliveBrokerCount())
                     .arg(s->brokers.size());
  if (under > 0) text += tr(" · %n under-replicated", nullptr, under);
  if (offline > 0) text += tr(" · %n offline", nullptr, offline);
  m_summaryLabel->setText(text);
}

void MainWindow::restoreSettings() {
  PARTITA_SETTINGS(settings);
  setRefreshInterval(settings.value(kRefreshKey, 3000).toInt());
  m_backgroundLagAction->setChecked(settings.value(kBackgroundLagKey, true).toBool());
  ThemeMode theme = ThemeMode::System;
  themeModeFromName(settings.value(kThemeKey).toString(), &theme);
  setThemeMode(theme);

  QString lang = settings.value(kLanguageKey).toString();
  if (!LanguageManager::availableLanguages().contains(lang)) {
    lang = LanguageManager::languageForLocale(QLocale::system().name());
  }
  setLanguage(lang);

  restoreGeometry(settings.value(kGeometryKey).toByteArray());
  restoreState(settings.value(kStateKey).toByteArray());
  showPage(static_cast<PageId>(qBound(0, settings.value(kPageKey, 0).toInt(), kPageCount - 1)));
}

void MainWindow::saveSettings() const {
  PARTITA_SETTINGS(settings);
  settings.setValue(kGeometryKey, saveGeometry());
  settings.setValue(kStateKey, saveState());
  settings.setValue(kPageKey, m_pages->currentIndex());
}

void MainWindow::startLocalCluster() {
  LocalClusterDialog dialog(this);
  if (dialog.exec() == QDialog::Accepted) emit startLocalClusterRequested(dialog.request());
}

void MainWindow::connectToCluster() {
  ConnectDialog dialog(this);
  dialog.setProfiles(m_connections->remoteProfiles());
  if (dialog.exec() == QDialog::Accepted) emit connectToClusterRequested(dialog.profile());
}

void MainWindow::showAbout() {
  QMessageBox::about(
      this, tr("About Partita"),
      tr("<h3>Partita %1</h3>"
         "<p>A desktop workbench for Kafka: run a local Kafka-compatible cluster and inspect topics, "
         "consumer groups, log segments and messages.</p>"
         "<p>Built with Qt %2.</p>"
         "<p>Licence: GNU General Public License, version 3 or later (GPL-3.0-or-later).</p>")
          .arg(QStringLiteral(PARTITA_VERSION_STRING), QString::fromLatin1(qVersion())));
}

}  // namespace partita::ui
