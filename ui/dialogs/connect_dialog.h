// Asks how to reach a running Kafka cluster: a name, its bootstrap servers ("host:port[,host:port...]") and
// its security — Kafka's security.protocol (PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL), the SASL mechanism and
// credentials, the PEM CA file, an optional client certificate and key (mutual TLS) and the host-name check.
// "Test connection" connects exactly as the app will, off the GUI thread (app::ConnectionTester), and says
// which step failed and why. A Schema Registry URL (http or https) with an optional basic-auth user and password
// lets the Messages page decode Avro / Protobuf / JSON Schema records. A password is kept only in memory unless "Remember password" is ticked; the
// dialog then says it goes to the system keychain (never to a settings file; ConnectionsSidebar stores it).
//
// Contract: accept() is only possible when every bootstrap entry parses as host:port with a port in 1..65535,
// a SASL protocol has a user name, files that are named exist and a client certificate comes with its key;
// profile() then returns the normalised settings.
// Owned by whoever opens it (usually on the stack of a MainWindow slot). GUI thread only.
#pragma once

#include <QDialog>
#include <QList>

#include "app/bridge/connection_profile.h"
#include "app/bridge/connection_tester.h"

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;

namespace partita::ui {

class ConnectDialog : public QDialog {
  Q_OBJECT

 public:
  enum class Mode { Connect, Edit };
  explicit ConnectDialog(QWidget* parent = nullptr, Mode mode = Mode::Connect);

  QString bootstrapServers() const;
  void setBootstrapServers(const QString& servers);
  app::ConnectionProfile profile() const;
  void setProfile(const app::ConnectionProfile& profile);
  // Saved profiles offered in a list; picking one fills the whole dialog.
  void setProfiles(const QList<app::ConnectionProfile>& profiles);

  // Runs "Test connection" (as the button does); the answer appears under the button.
  void startTest();
  QString testResultText() const;
  bool testRunning() const;

  // Parses "a:1, b:2" into {"a:1","b:2"}; empty result means the text is not valid.
  static QStringList parseBootstrapServers(const QString& text);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  QLineEdit* addFileRow(QLabel* label, QToolButton** browse);
  void browseFor(QLineEdit* edit, const QString& title);
  void onTestFinished(const app::ConnectionTestResult& result);
  void retranslateUi();
  void updateState();
  QString validationError() const;

  const Mode m_mode;
  QList<app::ConnectionProfile> m_savedProfiles;
  app::ConnectionTester* m_tester;
  QLabel* m_introLabel;
  QLabel* m_profileLabel;
  QComboBox* m_profiles;
  QLabel* m_nameLabel;
  QLineEdit* m_nameEdit;
  QLabel* m_serversLabel;
  QLineEdit* m_serversEdit;
  QGroupBox* m_securityBox;
  QLabel* m_protocolLabel;
  QComboBox* m_protocol;
  QLabel* m_mechanismLabel;
  QComboBox* m_mechanism;
  QLabel* m_userLabel;
  QLineEdit* m_userEdit;
  QLabel* m_passwordLabel;
  QLineEdit* m_passwordEdit;
  QCheckBox* m_rememberPassword;
  QLabel* m_passwordNote;
  QLabel* m_caLabel;
  QLineEdit* m_caEdit;
  QToolButton* m_caBrowse = nullptr;
  QLabel* m_certLabel;
  QLineEdit* m_certEdit;
  QToolButton* m_certBrowse = nullptr;
  QLabel* m_keyLabel;
  QLineEdit* m_keyEdit;
  QToolButton* m_keyBrowse = nullptr;
  QCheckBox* m_verifyHostname;
  // Schema Registry (issue 15): URL and basic auth (Confluent's basic.auth.user.info = user:password).
  QGroupBox* m_registryBox;
  QLabel* m_registryUrlLabel;
  QLineEdit* m_registryUrlEdit;
  QLabel* m_registryUserLabel;
  QLineEdit* m_registryUserEdit;
  QLabel* m_registryPasswordLabel;
  QLineEdit* m_registryPasswordEdit;
  QLabel* m_registryCaLabel;
  QLineEdit* m_registryCaEdit;  // schema.registry.ssl.truststore.location
  QToolButton* m_registryCaBrowse = nullptr;
  QPushButton* m_testButton;
  QLabel* m_testResult;
  QLabel* m_errorLabel;
  QDialogButtonBox* m_buttons;
  QPushButton* m_okButton = nullptr;
  bool m_testOk = false;
  bool m_hasTestResult = false;
  app::ConnectionTestResult m_lastResult;
};

}  // namespace partita::ui
