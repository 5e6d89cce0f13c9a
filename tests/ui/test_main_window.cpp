// The main window as a user meets it: pages, navigation, shortcuts, language and theme switching,
// and settings that survive a restart. Runs under QT_QPA_PLATFORM=offscreen.
#include <QAction>
#include <QDialogButtonBox>
#include <QDir>
#include <QPushButton>
#include <QSignalSpy>
#include <QTimer>
#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTest>

#include "tests/ui/ui_test_util.h"
#include "ui/dialogs/connect_dialog.h"
#include "ui/dialogs/local_cluster_dialog.h"
#include "ui/main_window.h"
#include "ui/pages/page.h"

using partita::ui::ConnectDialog;
using partita::ui::LocalClusterDialog;
using partita::ui::MainWindow;
using partita::ui::ThemeMode;

namespace {

QString emptyStateTitle(MainWindow& window, MainWindow::PageId id) {
  auto* label = window.page(id)->findChild<QLabel*>(QStringLiteral("emptyStateTitle"));
  return label != nullptr ? label->text() : QString();
}

QAction* action(MainWindow& window, const char* name) {
  return window.findChild<QAction*>(QLatin1String(name));
}

// Screenshots of what the tests saw, kept in the build tree for humans to look at.
void saveArtifact(QWidget* widget, const QString& name) {
  const QString dir = qEnvironmentVariable("PARTITA_BUILD_DIR") + QStringLiteral("/test-artifacts/ui");
  QDir().mkpath(dir);
  widget->grab().save(dir + QLatin1Char('/') + name);
}

void clearSettings() {
  QSettings settings(QStringLiteral("Partita"), QStringLiteral("Partita"));
  settings.clear();
  settings.sync();
}

}  // namespace

class MainWindowTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    partita::uitest::isolateSettings();
    QCoreApplication::setOrganizationName(QStringLiteral("Partita"));
    QCoreApplication::setApplicationName(QStringLiteral("Partita"));
    clearSettings();
  }

  void cleanupTestCase() { clearSettings(); }

  void opensWithEveryPageAndEmptyStates() {
    MainWindow window(MainWindow::SettingsMode::Ephemeral);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    auto* navigation = window.findChild<QListWidget*>(QStringLiteral("navigationList"));
    auto* stack = window.findChild<QStackedWidget*>(QStringLiteral("pageStack"));
    QVERIFY(navigation != nullptr);
    QVERIFY(stack != nullptr);
    QCOMPARE(navigation->count(), MainWindow::kPageCount);
    QCOMPARE(stack->count(), MainWindow::kPageCount);
    QCOMPARE(window.currentPage(), MainWindow::PageId::Cluster);

    const QStringList expected = {"Cluster", "Topics", "Consumer groups", "Segments", "Messages", "Transactions", "ACLs", "Schemas"};
    for (int i = 0; i < MainWindow::kPageCount; ++i) {
      QCOMPARE(navigation->item(i)->text(), expected[i]);
      QVERIFY(!navigation->item(i)->icon().isNull());
      const QString title = emptyStateTitle(window, static_cast<MainWindow::PageId>(i));
      QVERIFY2(!title.isEmpty(), qPrintable(expected[i]));
      auto* description = window.page(static_cast<MainWindow::PageId>(i))
                              ->findChild<QLabel*>(QStringLiteral("emptyStateDescription"));
      QVERIFY(description != nullptr);
      QVERIFY2(description->text().contains(QLatin1String("Start a local cluster")), qPrintable(description->text()));
      for (const char* banned : {"TODO", "stub", "Stub", "not implemented"}) {
        QVERIFY(!title.contains(QLatin1String(banned)));
        QVERIFY(!description->text().contains(QLatin1String(banned)));
      }
    }
    QCOMPARE(emptyStateTitle(window, MainWindow::PageId::Cluster), QStringLiteral("No cluster yet"));

    auto* status = window.findChild<QLabel*>(QStringLiteral("connectionStateLabel"));
    QVERIFY(status != nullptr);
    QCOMPARE(status->text(), QStringLiteral("Not connected"));
    QVERIFY(status->isVisible());

    QStringList menus;
    for (QAction* menu : window.menuBar()->actions()) menus << menu->text();
    QCOMPARE(menus, QStringList({"&File", "&View", "&Help"}));
  }

  void shortcutsSwitchPages() {
    MainWindow window(MainWindow::SettingsMode::Ephemeral);
    window.show();
    QApplication::setActiveWindow(&window);
    QVERIFY(QTest::qWaitForWindowActive(&window));
    auto* stack = window.findChild<QStackedWidget*>(QStringLiteral("pageStack"));
    auto* navigation = window.findChild<QListWidget*>(QStringLiteral("navigationList"));

    // Backwards first so every step is a real change.
    for (int i = MainWindow::kPageCount - 1; i >= 0; --i) {
      QTest::keyClick(&window, static_cast<Qt::Key>(Qt::Key_1 + i), Qt::ControlModifier);
      QCOMPARE(stack->currentIndex(), i);
      QCOMPARE(navigation->currentRow(), i);
      QCOMPARE(static_cast<int>(window.currentPage()), i);
    }
  }

  void clickingNavigationSwitchesPage() {
    MainWindow window(MainWindow::SettingsMode::Ephemeral);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* navigation = window.findChild<QListWidget*>(QStringLiteral("navigationList"));
    const QRect rect = navigation->visualItemRect(navigation->item(3));
    QTest::mouseClick(navigation->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(window.currentPage(), MainWindow::PageId::Segments);
    QVERIFY(action(window, "actionPageSegments")->isChecked());
  }

  void ctrlQClosesTheWindow() {
    MainWindow window(MainWindow::SettingsMode::Ephemeral);
    window.show();
    QApplication::setActiveWindow(&window);
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_Q, Qt::ControlModifier);
    QTRY_VERIFY(!window.isVisible());
  }

  void languageSwitchRetranslatesLive() {
    MainWindow window(MainWindow::SettingsMode::Ephemeral);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* navigation = window.findChild<QListWidget*>(QStringLiteral("navigationList"));
    auto* status = window.findChild<QLabel*>(QStringLiteral("connectionStateLabel"));

    QAction* chinese = action(window, "actionLanguage_zh_CN");
    QVERIFY(chinese != nullptr);
    chinese->trigger();
    QCOMPARE(window.language(), QStringLiteral("zh_CN"));
    QVERIFY(chinese->isChecked());
    // Qt posts LanguageChange to the windows, so the texts change on the next event loop turn.
    QTRY_COMPARE(emptyStateTitle(window, MainWindow::PageId::Cluster), QString::fromUtf8("尚无集群"));
    QCOMPARE(navigation->item(1)->text(), QString::fromUtf8("主题"));
    QCOMPARE(status->text(), QString::fromUtf8("未连接"));
    QCOMPARE(window.menuBar()->actions().first()->text(), QString::fromUtf8("文件(&F)"));
    QCOMPARE(action(window, "actionStartLocalCluster")->text(), QString::fromUtf8("启动本地集群(&S)…"));

    action(window, "actionLanguage_en")->trigger();
    QCOMPARE(window.language(), QStringLiteral("en"));
    QTRY_COMPARE(emptyStateTitle(window, MainWindow::PageId::Cluster), QStringLiteral("No cluster yet"));
    QCOMPARE(status->text(), QStringLiteral("Not connected"));

    QVERIFY(!window.setLanguage(QStringLiteral("xx")));
    QCOMPARE(window.language(), QStringLiteral("en"));
  }

  void themeToggleChangesThePalette() {
    MainWindow window(MainWindow::SettingsMode::Ephemeral);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QColor systemWindow = QApplication::palette().color(QPalette::Window);

    action(window, "actionThemeDark")->trigger();
    QCOMPARE(window.themeMode(), ThemeMode::Dark);
    QVERIFY(action(window, "actionThemeDark")->isChecked());
    QVERIFY2(QApplication::palette().color(QPalette::Window).lightness() < 80,
             qPrintable(QApplication::palette().color(QPalette::Window).name()));
    QTRY_VERIFY(window.palette().color(QPalette::Window).lightness() < 80);
    QVERIFY(QApplication::palette().color(QPalette::WindowText).lightness() > 180);

    action(window, "actionThemeLight")->trigger();
    QCOMPARE(window.themeMode(), ThemeMode::Light);
    QVERIFY(!action(window, "actionThemeDark")->isChecked());
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 200);
    QVERIFY(QApplication::palette().color(QPalette::WindowText).lightness() < 80);

    action(window, "actionThemeSystem")->trigger();
    QCOMPARE(window.themeMode(), ThemeMode::System);
    QCOMPARE(QApplication::palette().color(QPalette::Window), systemWindow);
  }

  void settingsSurviveARestart() {
    clearSettings();
    {
      MainWindow window(MainWindow::SettingsMode::Persistent);
      window.show();
      QVERIFY(QTest::qWaitForWindowExposed(&window));
      window.setThemeMode(ThemeMode::Dark);
      QVERIFY(window.setLanguage(QStringLiteral("zh_CN")));
      window.showPage(MainWindow::PageId::Segments);
      window.resize(900, 600);
      window.close();
    }
    {
      MainWindow window(MainWindow::SettingsMode::Persistent);
      QCOMPARE(window.themeMode(), ThemeMode::Dark);
      QCOMPARE(window.language(), QStringLiteral("zh_CN"));
      QCOMPARE(window.currentPage(), MainWindow::PageId::Segments);
      QCOMPARE(window.size(), QSize(900, 600));
      window.setThemeMode(ThemeMode::System);
      window.setLanguage(QStringLiteral("en"));
    }
    // Ephemeral windows (tests, --screenshot) neither read nor write the user's settings.
    {
      MainWindow window(MainWindow::SettingsMode::Ephemeral);
      QCOMPARE(window.currentPage(), MainWindow::PageId::Cluster);
      window.setThemeMode(ThemeMode::Light);
    }
    QSettings settings(QStringLiteral("Partita"), QStringLiteral("Partita"));
    QCOMPARE(settings.value(QStringLiteral("ui/theme")).toString(), QStringLiteral("system"));
    clearSettings();
  }

  // File > Start Local Cluster… opens the dialog; accepting it hands the request on as a signal.
  void startLocalClusterEmitsTheRequest() {
    MainWindow window(MainWindow::SettingsMode::Ephemeral);
    window.setLanguage(QStringLiteral("zh_CN"));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy spy(&window, &MainWindow::startLocalClusterRequested);
    const QString dataDir = QDir::temp().filePath(QStringLiteral("partita-ui-test"));
    QTimer::singleShot(0, &window, [dataDir] {
      auto* dialog = qobject_cast<LocalClusterDialog*>(QApplication::activeModalWidget());
      if (dialog == nullptr) return;
      dialog->setRequest({5, dataDir});
      saveArtifact(dialog, QStringLiteral("local-cluster-dialog-zh_CN.png"));
      dialog->accept();
    });
    action(window, "actionStartLocalCluster")->trigger();
    QCOMPARE(spy.count(), 1);
    const auto request = spy.at(0).at(0).value<partita::ui::LocalClusterRequest>();
    QCOMPARE(request.brokerCount, 5);
    QCOMPARE(request.dataDirectory, dataDir);
    window.setLanguage(QStringLiteral("en"));
  }

  // A dialog's own accept button keeps its words, in the new language, when the language changes while it is open
  // (a renamed standard Ok button went back to "OK": QDialogButtonBox retranslates its standard buttons).
  void acceptButtonFollowsALanguageSwitch() {
    MainWindow window(MainWindow::SettingsMode::Ephemeral);
    window.setLanguage(QStringLiteral("en"));
    LocalClusterDialog dialog(&window);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QPushButton* start = partita::uitest::acceptButton(dialog);
    QVERIFY(start != nullptr);
    QCOMPARE(start->text(), QStringLiteral("&Start"));
    QVERIFY(window.setLanguage(QStringLiteral("zh_CN")));
    QTRY_COMPARE(start->text(), QString::fromUtf8("启动(&S)"));
    QVERIFY(window.setLanguage(QStringLiteral("en")));
    QTRY_COMPARE(start->text(), QStringLiteral("&Start"));
  }

  void connectEmitsTheBootstrapServers() {
    MainWindow window(MainWindow::SettingsMode::Ephemeral);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy spy(&window, &MainWindow::connectToClusterRequested);
    QTimer::singleShot(0, &window, [] {
      auto* dialog = qobject_cast<ConnectDialog*>(QApplication::activeModalWidget());
      if (dialog == nullptr) return;
      auto* ok = dialog->findChild<QPushButton*>(QStringLiteral("connectOkButton"));
      dialog->setBootstrapServers(QStringLiteral("nope"));
      if (ok->isEnabled()) {  // invalid input must not be accepted; the spy stays empty
        dialog->reject();
        return;
      }
      dialog->setBootstrapServers(QStringLiteral("127.0.0.1:19092, 127.0.0.1:19093"));
      saveArtifact(dialog, QStringLiteral("connect-dialog-en.png"));
      QTest::mouseClick(ok, Qt::LeftButton);
    });
    action(window, "actionConnect")->trigger();
    QCOMPARE(spy.count(), 1);
    const auto profile = spy.at(0).at(0).value<partita::app::ConnectionProfile>();
    QCOMPARE(profile.bootstrapServers, QStringLiteral("127.0.0.1:19092,127.0.0.1:19093"));
    QCOMPARE(profile.name, profile.bootstrapServers);  // no name given
    QCOMPARE(profile.security.protocol, QStringLiteral("PLAINTEXT"));
  }

  void connectDialogParsesBootstrapServers() {
    QCOMPARE(ConnectDialog::parseBootstrapServers(QStringLiteral("localhost:9092")),
             QStringList({"localhost:9092"}));
    QCOMPARE(ConnectDialog::parseBootstrapServers(QStringLiteral(" a:1 , b:65535,")), QStringList({"a:1", "b:65535"}));
    QCOMPARE(ConnectDialog::parseBootstrapServers(QStringLiteral("[::1]:9092")), QStringList({"[::1]:9092"}));
    QVERIFY(ConnectDialog::parseBootstrapServers(QString()).isEmpty());
    QVERIFY(ConnectDialog::parseBootstrapServers(QStringLiteral("localhost")).isEmpty());
    QVERIFY(ConnectDialog::parseBootstrapServers(QStringLiteral("localhost:0")).isEmpty());
    QVERIFY(ConnectDialog::parseBootstrapServers(QStringLiteral("localhost:65536")).isEmpty());
    QVERIFY(ConnectDialog::parseBootstrapServers(QStringLiteral("a:1,:2")).isEmpty());
    QVERIFY(ConnectDialog::parseBootstrapServers(QStringLiteral("a b:1")).isEmpty());

    ConnectDialog dialog;
    dialog.setBootstrapServers(QStringLiteral("x:1, y:2"));
    QCOMPARE(dialog.bootstrapServers(), QStringLiteral("x:1,y:2"));
  }
};

QTEST_MAIN(MainWindowTest)
#include "test_main_window.moc"
