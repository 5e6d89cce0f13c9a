// Connection profiles' passwords when no keychain answers (ctest runs this with DBUS_SESSION_BUS_ADDRESS
// pointing at a socket that does not exist): the sidebar says so plainly, a remembered password is kept in
// memory for the session and never written to disk — neither a new one nor one an older version left in the
// settings file — and after a restart the profile asks for its password again.
#include <QLabel>

#include "tests/ui/keychain_test_util.h"
#include "tests/ui/screenshot_util.h"
#include "tests/ui/ui_test_util.h"
#include "ui/connections_sidebar.h"

using partita::app::ClusterConnection;
using partita::ui::ConnectionsSidebar;
namespace uitest = partita::uitest;

class ProfileNoKeychainTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    uitest::isolateSettings();
    QVERIFY2(qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS").contains(QStringLiteral("nonexistent")),
             "run with DBUS_SESSION_BUS_ADDRESS pointing nowhere (ctest sets it)");
  }

  void init() { QSettings(QStringLiteral("Partita"), QStringLiteral("Partita")).remove(QStringLiteral("clusters")); }

  void passwordsStayInMemoryAndTheUserIsTold() {
    const auto profile = uitest::rememberedProfile(QStringLiteral("carol"), QStringLiteral("carol-session-secret"),
                                                   QStringLiteral("registry-session-secret"));
    {
      ConnectionsSidebar sidebar(true);
      ClusterConnection* c = sidebar.addRemote(profile);
      QTRY_COMPARE_WITH_TIMEOUT(sidebar.pendingSecretJobs(), 0, 60000);
      QVERIFY(!sidebar.secrets()->available());
      auto* notice = sidebar.findChild<QLabel*>(QStringLiteral("keychainNotice"));
      QVERIFY(notice->isVisibleTo(&sidebar));
      QVERIFY2(notice->text().contains(QStringLiteral("session only")), qPrintable(notice->text()));
      // Looked at by eye: test-artifacts/ui/keychain-notice-<lang>-<theme>.png.
      QVERIFY(uitest::shootLanguagesAndThemes({{&sidebar, QStringLiteral("keychain-notice")}}, QSize(280, 420)));
      QVERIFY2(notice->text().contains(QStringLiteral("session only")), qPrintable(notice->text()));  // English again
      QCOMPARE(c->profile().security.password, QStringLiteral("carol-session-secret"));  // usable this session
      const QByteArray file = uitest::settingsFileBytes();
      QVERIFY(file.contains("carol"));
      QVERIFY(!file.contains("carol-session-secret"));
      QVERIFY(!file.contains("registry-session-secret"));
    }
    ConnectionsSidebar again(true);
    QTRY_COMPARE_WITH_TIMEOUT(again.pendingSecretJobs(), 0, 60000);
    QVERIFY(again.connections().first()->needsPassword());  // asked for again
    QVERIFY(!uitest::settingsFileBytes().contains("carol-session-secret"));
  }

  void aPasswordLeftInTheSettingsFileIsRemovedFromIt() {
    const auto profile = uitest::rememberedProfile(QStringLiteral("dave"), QStringLiteral("dave-legacy-secret"),
                                                   QStringLiteral("registry-legacy-secret"));
    uitest::writeLegacyProfile(profile);
    ConnectionsSidebar sidebar(true);
    QTRY_COMPARE_WITH_TIMEOUT(sidebar.pendingSecretJobs(), 0, 60000);
    QVERIFY(!sidebar.secrets()->available());
    QCOMPARE(sidebar.connections().first()->profile().security.password, QStringLiteral("dave-legacy-secret"));
    const QByteArray file = uitest::settingsFileBytes();
    QVERIFY(file.contains("dave"));
    QVERIFY(!file.contains("dave-legacy-secret"));
    QVERIFY(!file.contains("registry-legacy-secret"));
  }
};

QTEST_MAIN(ProfileNoKeychainTest)
#include "test_profile_no_keychain.moc"
