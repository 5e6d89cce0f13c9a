// Connection profiles' passwords against a real Secret Service (gnome-keyring-daemon on a private D-Bus session,
// started by scripts/with_secret_service.sh): a remembered SASL and Schema Registry password is in the keychain
// and nowhere in the settings file, comes back when the profile store starts again, leaves the keychain when the
// profile is removed, and a password an older version wrote to the settings file is moved to the keychain.
#include <QLabel>

#include "tests/ui/keychain_test_util.h"
#include "tests/ui/screenshot_util.h"
#include "tests/ui/ui_test_util.h"
#include "ui/connections_sidebar.h"
#include "ui/dialogs/connect_dialog.h"

using partita::app::ClusterConnection;
using partita::app::ProfileSecrets;
using partita::ui::ConnectDialog;
using partita::ui::ConnectionsSidebar;
namespace uitest = partita::uitest;

class ProfileKeychainTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    uitest::isolateSettings();
    QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
             "no D-Bus session: run this test through tests/ui/scripts/with_secret_service.sh (ctest does)");
    // The Secret Service answers a write and a read, or the test fails here saying so (never a silent skip).
    ProfileSecrets secrets;
    bool done = false, ok = false;
    QString error;
    secrets.store(QStringLiteral("partita-test-probe"), QStringLiteral("probe"), [&](bool good, const QString& e) {
      done = true;
      ok = good;
      error = e;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 60000);
    QVERIFY2(ok, qPrintable(QStringLiteral("the Secret Service does not work: ") + error));
    QCOMPARE(uitest::readKeychain(QStringLiteral("partita-test-probe")).secret, QStringLiteral("probe"));
    secrets.remove(QStringLiteral("partita-test-probe"));
  }

  void init() { QSettings(QStringLiteral("Partita"), QStringLiteral("Partita")).remove(QStringLiteral("clusters")); }

  void rememberedPasswordsLiveInTheKeychain() {
    const auto profile = uitest::rememberedProfile(QStringLiteral("alice"), QStringLiteral("alice-keychain-secret"),
                                                   QStringLiteral("registry-keychain-secret"));
    const QString saslKey = ProfileSecrets::entryKey(profile, ProfileSecrets::Secret::SaslPassword);
    const QString registryKey = ProfileSecrets::entryKey(profile, ProfileSecrets::Secret::RegistryPassword);
    {
      ConnectionsSidebar sidebar(true);
      sidebar.addRemote(profile);
      QTRY_COMPARE_WITH_TIMEOUT(sidebar.pendingSecretJobs(), 0, 60000);
      QVERIFY(sidebar.secrets()->available());
      QVERIFY(!sidebar.findChild<QLabel*>(QStringLiteral("keychainNotice"))->isVisibleTo(&sidebar));
      const QByteArray file = uitest::settingsFileBytes();
      QVERIFY2(file.contains("alice"), file.constData());  // the profile is saved...
      QVERIFY(!file.contains("alice-keychain-secret"));    // ...without its passwords
      QVERIFY(!file.contains("registry-keychain-secret"));
      QCOMPARE(uitest::readKeychain(saslKey).secret, QStringLiteral("alice-keychain-secret"));
      QCOMPARE(uitest::readKeychain(registryKey).secret, QStringLiteral("registry-keychain-secret"));
    }
    {
      // The profile store starts again (as after a restart): the passwords come back from the keychain.
      ConnectionsSidebar again(true);
      QCOMPARE(again.connections().size(), 1);
      ClusterConnection* c = again.connections().first();
      QTRY_COMPARE_WITH_TIMEOUT(c->profile().security.password, QStringLiteral("alice-keychain-secret"), 60000);
      QTRY_COMPARE_WITH_TIMEOUT(c->profile().schemaRegistry.password, QStringLiteral("registry-keychain-secret"), 60000);
      QVERIFY(!c->needsPassword());
      // Removing the profile removes its keychain entries.
      again.removeConnection(c);
      QTRY_COMPARE_WITH_TIMEOUT(again.pendingSecretJobs(), 0, 60000);
      QCOMPARE(uitest::readKeychain(saslKey).error, QKeychain::EntryNotFound);
      QCOMPARE(uitest::readKeychain(registryKey).error, QKeychain::EntryNotFound);
    }
  }

  void dialogSaysWhereARememberedPasswordGoes() {
    ConnectDialog dialog(nullptr);
    dialog.setProfile(uitest::rememberedProfile(QStringLiteral("erin"), QStringLiteral("x"), QString()));
    auto* note = dialog.findChild<QLabel*>(QStringLiteral("passwordNote"));
    QVERIFY(note->text().contains(QStringLiteral("system keychain")));
    QVERIFY(!note->text().contains(QStringLiteral(".conf")));  // no settings file named as the place
    // Looked at by eye: test-artifacts/ui/connect-dialog-keychain-<lang>-<theme>.png.
    QVERIFY(uitest::shootLanguagesAndThemes({{&dialog, QStringLiteral("connect-dialog-keychain")}},
                                            dialog.sizeHint().expandedTo(QSize(560, 0))));
  }

  void passwordsInTheSettingsFileAreMovedToTheKeychain() {
    const auto profile = uitest::rememberedProfile(QStringLiteral("bob"), QStringLiteral("bob-legacy-secret"),
                                                   QStringLiteral("registry-legacy-secret"));
    uitest::writeLegacyProfile(profile);
    QVERIFY(uitest::settingsFileBytes().contains("bob-legacy-secret"));
    {
      ConnectionsSidebar sidebar(true);
      QCOMPARE(sidebar.connections().size(), 1);
      QCOMPARE(sidebar.connections().first()->profile().security.password, QStringLiteral("bob-legacy-secret"));
      QTRY_COMPARE_WITH_TIMEOUT(sidebar.pendingSecretJobs(), 0, 60000);
      const QByteArray file = uitest::settingsFileBytes();
      QVERIFY(file.contains("bob"));
      QVERIFY(!file.contains("bob-legacy-secret"));
      QVERIFY(!file.contains("registry-legacy-secret"));
      QCOMPARE(uitest::readKeychain(ProfileSecrets::entryKey(profile, ProfileSecrets::Secret::SaslPassword)).secret,
               QStringLiteral("bob-legacy-secret"));
      QCOMPARE(uitest::readKeychain(ProfileSecrets::entryKey(profile, ProfileSecrets::Secret::RegistryPassword)).secret,
               QStringLiteral("registry-legacy-secret"));
    }
    ConnectionsSidebar again(true);
    QTRY_COMPARE_WITH_TIMEOUT(again.connections().first()->profile().security.password,
                              QStringLiteral("bob-legacy-secret"), 60000);
    again.removeConnection(again.connections().first());
    QTRY_COMPARE_WITH_TIMEOUT(again.pendingSecretJobs(), 0, 60000);
  }
};

QTEST_MAIN(ProfileKeychainTest)
#include "test_profile_keychain.moc"
