#include "ui/dialogs/connect_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

#include "ui/resources.h"

namespace partita::ui {

using app::ConnectionProfile;
using app::ConnectionSecurity;

ConnectDialog::ConnectDialog(QWidget* parent, Mode mode)
    : QDialog(parent),
      m_mode(mode),
      m_tester(new app::ConnectionTester(this)),
      m_introLabel(new QLabel(this)),
      m_profileLabel(new QLabel(this)),
      m_profiles(new QComboBox(this)),
      m_nameLabel(new QLabel(this)),
      m_nameEdit(new QLineEdit(this)),
      m_serversLabel(new QLabel(this)),
      m_serversEdit(new QLineEdit(this)),
      m_securityBox(new QGroupBox(this)),
      m_protocolLabel(new QLabel(this)),
      m_protocol(new QComboBox(this)),
      m_mechanismLabel(new QLabel(this)),
      m_mechanism(new QComboBox(this)),
      m_userLabel(new QLabel(this)),
      m_userEdit(new QLineEdit(this)),
      m_passwordLabel(new QLabel(this)),
      m_passwordEdit(new QLineEdit(this)),
      m_rememberPassword(new QCheckBox(this)),
      m_passwordNote(new QLabel(this)),
      m_caLabel(new QLabel(this)),
      m_caEdit(nullptr),
      m_certLabel(new QLabel(this)),
      m_certEdit(nullptr),
      m_keyLabel(new QLabel(this)),
      m_keyEdit(nullptr),
      m_verifyHostname(new QCheckBox(this)),
      m_registryBox(new QGroupBox(this)),
      m_registryUrlLabel(new QLabel(this)),
      m_registryUrlEdit(new QLineEdit(this)),
      m_registryUserLabel(new QLabel(this)),
      m_registryUserEdit(new QLineEdit(this)),
      m_registryPasswordLabel(new QLabel(this)),
      m_registryPasswordEdit(new QLineEdit(this)),
      m_registryCaLabel(new QLabel(this)),
      m_registryCaEdit(nullptr),
      m_testButton(new QPushButton(this)),
      m_testResult(new QLabel(this)),
      m_errorLabel(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this)) {
  // Our own accept button: a standard Ok button would be renamed back to "OK" by the box on a language change.
  m_okButton = m_buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
  m_okButton->setObjectName(QStringLiteral("connectOkButton"));
  m_okButton->setDefault(true);
  setObjectName(QStringLiteral("connectDialog"));
  m_introLabel->setWordWrap(true);
  m_nameEdit->setObjectName(QStringLiteral("connectionNameEdit"));
  m_serversEdit->setObjectName(QStringLiteral("bootstrapServersEdit"));
  m_serversEdit->setText(QStringLiteral("localhost:9092"));
  m_serversEdit->setMinimumWidth(360);
  m_nameLabel->setBuddy(m_nameEdit);
  m_serversLabel->setBuddy(m_serversEdit);
  m_errorLabel->setObjectName(QStringLiteral("connectErrorLabel"));
  m_errorLabel->setWordWrap(true);

  auto* form = new QFormLayout;
  m_profiles->setObjectName(QStringLiteral("profileCombo"));
  m_profileLabel->setBuddy(m_profiles);
  m_profileLabel->hide();
  m_profiles->hide();
  form->addRow(m_profileLabel, m_profiles);
  connect(m_profiles, &QComboBox::activated, this, [this](int index) {
    if (index >= 0 && index < m_savedProfiles.size()) setProfile(m_savedProfiles[index]);
  });
  form->addRow(m_nameLabel, m_nameEdit);
  form->addRow(m_serversLabel, m_serversEdit);

  // Security, in Kafka's client terms.
  m_securityBox->setObjectName(QStringLiteral("securityBox"));
  // Two forms with the password note between them at full width (a word-wrapped label inside a form row gets
  // a height for the wrong width).
  auto* secBox = new QVBoxLayout(m_securityBox);
  auto* sec = new QFormLayout;
  auto* tlsForm = new QFormLayout;
  m_protocol->setObjectName(QStringLiteral("securityProtocolCombo"));
  m_protocol->addItems(ConnectionSecurity::protocols());
  m_protocolLabel->setBuddy(m_protocol);
  sec->addRow(m_protocolLabel, m_protocol);
  m_mechanism->setObjectName(QStringLiteral("saslMechanismCombo"));
  m_mechanism->addItems(ConnectionSecurity::saslMechanisms());
  m_mechanismLabel->setBuddy(m_mechanism);
  sec->addRow(m_mechanismLabel, m_mechanism);
  m_userEdit->setObjectName(QStringLiteral("saslUserEdit"));
  m_userLabel->setBuddy(m_userEdit);
  sec->addRow(m_userLabel, m_userEdit);
  m_passwordEdit->setObjectName(QStringLiteral("saslPasswordEdit"));
  m_passwordEdit->setEchoMode(QLineEdit::Password);
  m_passwordLabel->setBuddy(m_passwordEdit);
  sec->addRow(m_passwordLabel, m_passwordEdit);
  m_rememberPassword->setObjectName(QStringLiteral("rememberPasswordCheck"));
  sec->addRow(QString(), m_rememberPassword);
  m_passwordNote->setObjectName(QStringLiteral("passwordNote"));
  m_passwordNote->setWordWrap(true);
  m_passwordNote->setTextInteractionFlags(Qt::TextSelectableByMouse);
  QFont small = m_passwordNote->font();
  small.setPointSizeF(small.pointSizeF() * 0.9);
  m_passwordNote->setFont(small);
  m_caEdit = addFileRow(m_caLabel, &m_caBrowse);
  m_caEdit->setObjectName(QStringLiteral("caFileEdit"));
  secBox->addLayout(sec);
  secBox->addWidget(m_passwordNote);
  secBox->addLayout(tlsForm);
  tlsForm->addRow(m_caLabel, m_caEdit->parentWidget());
  m_certEdit = addFileRow(m_certLabel, &m_certBrowse);
  m_certEdit->setObjectName(QStringLiteral("certFileEdit"));
  tlsForm->addRow(m_certLabel, m_certEdit->parentWidget());
  m_keyEdit = addFileRow(m_keyLabel, &m_keyBrowse);
  m_keyEdit->setObjectName(QStringLiteral("keyFileEdit"));
  tlsForm->addRow(m_keyLabel, m_keyEdit->parentWidget());
  m_verifyHostname->setObjectName(QStringLiteral("verifyHostnameCheck"));
  m_verifyHostname->setChecked(true);
  tlsForm->addRow(QString(), m_verifyHostname);

  m_registryBox->setObjectName(QStringLiteral("schemaRegistryBox"));
  auto* registryForm = new QFormLayout(m_registryBox);
  m_registryUrlEdit->setObjectName(QStringLiteral("schemaRegistryUrlEdit"));
  m_registryUserEdit->setObjectName(QStringLiteral("schemaRegistryUserEdit"));
  m_registryPasswordEdit->setObjectName(QStringLiteral("schemaRegistryPasswordEdit"));
  m_registryPasswordEdit->setEchoMode(QLineEdit::Password);
  m_registryUrlLabel->setBuddy(m_registryUrlEdit);
  m_registryUserLabel->setBuddy(m_registryUserEdit);
  m_registryPasswordLabel->setBuddy(m_registryPasswordEdit);
  registryForm->addRow(m_registryUrlLabel, m_registryUrlEdit);
  registryForm->addRow(m_registryUserLabel, m_registryUserEdit);
  registryForm->addRow(m_registryPasswordLabel, m_registryPasswordEdit);
  m_registryCaEdit = addFileRow(m_registryCaLabel, &m_registryCaBrowse);
  m_registryCaEdit->setObjectName(QStringLiteral("schemaRegistryCaEdit"));
  registryForm->addRow(m_registryCaLabel, m_registryCaEdit->parentWidget());

  auto* testRow = new QHBoxLayout;
  m_testButton->setObjectName(QStringLiteral("testConnectionButton"));
  m_testResult->setObjectName(QStringLiteral("testResultLabel"));
  m_testResult->setWordWrap(true);
  m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_testResult->setMinimumHeight(m_testResult->fontMetrics().lineSpacing() * 2);
  testRow->addWidget(m_testButton, 0, Qt::AlignTop);
  testRow->addWidget(m_testResult, 1);

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_introLabel);
  layout->addLayout(form);
  layout->addWidget(m_securityBox);
  layout->addWidget(m_registryBox);
  layout->addLayout(testRow);
  layout->addWidget(m_errorLabel);
  layout->addWidget(m_buttons);
  setMinimumWidth(560);

  connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(m_testButton, &QPushButton::clicked, this, &ConnectDialog::startTest);
  connect(m_tester, &app::ConnectionTester::finished, this, &ConnectDialog::onTestFinished);
  for (QLineEdit* e : {m_nameEdit, m_serversEdit, m_userEdit, m_passwordEdit, m_caEdit, m_certEdit, m_keyEdit,
                       m_registryUrlEdit, m_registryUserEdit, m_registryPasswordEdit, m_registryCaEdit})
    connect(e, &QLineEdit::textChanged, this, &ConnectDialog::updateState);
  for (QComboBox* c : {m_protocol, m_mechanism})
    connect(c, &QComboBox::currentIndexChanged, this, &ConnectDialog::updateState);
  for (QCheckBox* c : {m_rememberPassword, m_verifyHostname}) connect(c, &QCheckBox::toggled, this, &ConnectDialog::updateState);
  retranslateUi();
}

QLineEdit* ConnectDialog::addFileRow(QLabel* label, QToolButton** browse) {
  auto* row = new QWidget(this);
  auto* h = new QHBoxLayout(row);
  h->setContentsMargins(0, 0, 0, 0);
  auto* edit = new QLineEdit(row);
  *browse = new QToolButton(row);
  h->addWidget(edit, 1);
  h->addWidget(*browse);
  label->setBuddy(edit);
  connect(*browse, &QToolButton::clicked, this, [this, edit, label] { browseFor(edit, label->text()); });
  return edit;
}

void ConnectDialog::browseFor(QLineEdit* edit, const QString& title) {
  const QString start = edit->text().isEmpty() ? QString() : QFileInfo(edit->text()).absolutePath();
  const QString file = QFileDialog::getOpenFileName(this, QString(title).remove(QLatin1Char('&')).remove(QLatin1Char(':')),
                                                    start, tr("PEM files (*.pem *.crt *.cer *.key);;All files (*)"));
  if (!file.isEmpty()) edit->setText(file);
}

QString ConnectDialog::bootstrapServers() const {
  return parseBootstrapServers(m_serversEdit->text()).join(QLatin1Char(','));
}

void ConnectDialog::setBootstrapServers(const QString& servers) { m_serversEdit->setText(servers); }

ConnectionProfile ConnectDialog::profile() const {
  ConnectionProfile p;
  p.bootstrapServers = bootstrapServers();
  p.name = m_nameEdit->text().trimmed().isEmpty() ? p.bootstrapServers : m_nameEdit->text().trimmed();
  ConnectionSecurity& s = p.security;
  s.protocol = m_protocol->currentText();
  if (s.usesSasl()) {
    s.saslMechanism = m_mechanism->currentText();
    s.username = m_userEdit->text().trimmed();
    s.password = m_passwordEdit->text();
    p.rememberPassword = m_rememberPassword->isChecked();
  }
  if (s.usesTls()) {
    s.caFile = m_caEdit->text().trimmed();
    s.certFile = m_certEdit->text().trimmed();
    s.keyFile = m_keyEdit->text().trimmed();
    s.verifyHostname = m_verifyHostname->isChecked();
  }
  p.schemaRegistry.url = m_registryUrlEdit->text().trimmed();
  if (p.schemaRegistry.isSet()) {
    p.schemaRegistry.user = m_registryUserEdit->text().trimmed();
    p.schemaRegistry.password = m_registryPasswordEdit->text();
    if (p.schemaRegistry.url.startsWith(QLatin1String("https:"), Qt::CaseInsensitive))
      p.schemaRegistry.caFile = m_registryCaEdit->text().trimmed();
  }
  return p;
}

void ConnectDialog::setProfile(const ConnectionProfile& p) {
  m_nameEdit->setText(p.name);
  m_serversEdit->setText(p.bootstrapServers);
  const ConnectionSecurity& s = p.security;
  m_protocol->setCurrentIndex(std::max(0, int(ConnectionSecurity::protocols().indexOf(s.protocol))));
  m_mechanism->setCurrentIndex(std::max(0, int(ConnectionSecurity::saslMechanisms().indexOf(s.saslMechanism))));
  m_userEdit->setText(s.username);
  m_passwordEdit->setText(s.password);
  m_rememberPassword->setChecked(p.rememberPassword);
  m_caEdit->setText(s.caFile);
  m_certEdit->setText(s.certFile);
  m_keyEdit->setText(s.keyFile);
  m_verifyHostname->setChecked(s.verifyHostname);
  m_registryUrlEdit->setText(p.schemaRegistry.url);
  m_registryUserEdit->setText(p.schemaRegistry.user);
  m_registryPasswordEdit->setText(p.schemaRegistry.password);
  m_registryCaEdit->setText(p.schemaRegistry.caFile);
  updateState();
}

void ConnectDialog::setProfiles(const QList<ConnectionProfile>& profiles) {
  m_savedProfiles = profiles;
  m_profiles->clear();
  for (const auto& p : profiles) {
    const QString security = p.security.protocol == QLatin1String("PLAINTEXT") ? QString() : QStringLiteral(" · ") + p.security.protocol;
    m_profiles->addItem(QStringLiteral("%1 — %2%3").arg(p.name, p.bootstrapServers, security));
  }
  m_profiles->setCurrentIndex(-1);
  m_profileLabel->setVisible(!profiles.isEmpty());
  m_profiles->setVisible(!profiles.isEmpty());
}

void ConnectDialog::startTest() {
  if (!validationError().isEmpty()) return;
  const ConnectionProfile p = profile();
  m_hasTestResult = false;
  m_testResult->setText(tr("Testing %1…").arg(p.bootstrapServers));
  m_tester->start(p.bootstrapServers, p.security);
  updateState();
}

void ConnectDialog::onTestFinished(const app::ConnectionTestResult& result) {
  m_hasTestResult = true;
  m_testOk = result.ok();
  m_lastResult = result;
  m_testResult->setText(result.message());
  updateState();
}

QString ConnectDialog::testResultText() const { return m_testResult->text(); }
bool ConnectDialog::testRunning() const { return m_tester->running(); }

QStringList ConnectDialog::parseBootstrapServers(const QString& text) {
  QStringList servers;
  for (const QString& raw : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
    const QString entry = raw.trimmed();
    // rfind: the host part may itself be an IPv6 literal in brackets containing colons.
    const qsizetype colon = entry.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0) return {};
    bool ok = false;
    const int port = entry.mid(colon + 1).toInt(&ok);
    if (!ok || port < 1 || port > 65535) return {};
    const QString host = entry.left(colon);
    if (host.contains(QLatin1Char(' '))) return {};
    servers << entry;
  }
  return servers;
}

void ConnectDialog::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslateUi();
  QDialog::changeEvent(event);
}

void ConnectDialog::retranslateUi() {
  const bool edit = m_mode == Mode::Edit;
  setWindowTitle(edit ? tr("Edit Connection") : tr("Connect to Cluster"));
  m_introLabel->setText(tr("Enter the bootstrap servers of a running Kafka cluster and how to reach it "
                           "securely. Partita asks them for the rest of the cluster."));
  m_profileLabel->setText(tr("Saved &profile:"));
  m_nameLabel->setText(tr("&Name:"));
  m_nameEdit->setPlaceholderText(tr("defaults to the bootstrap servers"));
  m_serversLabel->setText(tr("&Bootstrap servers:"));
  m_serversEdit->setPlaceholderText(tr("host:port, host:port"));
  m_securityBox->setTitle(tr("Security"));
  m_protocolLabel->setText(tr("Security p&rotocol:"));
  m_mechanismLabel->setText(tr("SASL &mechanism:"));
  m_userLabel->setText(tr("&User name:"));
  m_passwordLabel->setText(tr("Pass&word:"));
  m_rememberPassword->setText(tr("Re&member password"));
  m_caLabel->setText(tr("&CA certificates:"));
  m_caEdit->setPlaceholderText(tr("PEM file; empty: the system's CAs"));
  m_certLabel->setText(tr("Client cer&tificate:"));
  m_certEdit->setPlaceholderText(tr("PEM file, for mutual TLS (optional)"));
  m_keyLabel->setText(tr("Client &key:"));
  m_keyEdit->setPlaceholderText(tr("PEM file, unencrypted (optional)"));
  m_registryCaLabel->setText(tr("Registry CA certi&ficates:"));
  m_registryCaEdit->setPlaceholderText(tr("PEM file, for https; empty: the system's CAs and the cluster's CA file"));
  for (QToolButton* b : {m_caBrowse, m_certBrowse, m_keyBrowse, m_registryCaBrowse}) {
    b->setText(tr("Browse…"));
    b->setToolTip(tr("Choose a PEM file"));
  }
  m_verifyHostname->setText(tr("&Verify the broker's host name against its certificate"));
  m_registryBox->setTitle(tr("Schema Registry"));
  m_registryUrlLabel->setText(tr("Registry UR&L:"));
  m_registryUrlEdit->setPlaceholderText(tr("http://host:8081 (optional): decodes Avro, Protobuf and JSON Schema records"));
  m_registryUserLabel->setText(tr("Re&gistry user:"));
  m_registryUserEdit->setPlaceholderText(tr("basic auth (basic.auth.user.info), optional"));
  m_registryPasswordLabel->setText(tr("Registry passw&ord:"));
  m_testButton->setText(tr("&Test Connection"));
  if (m_hasTestResult) m_testResult->setText(m_lastResult.message());  // the engine's detail stays English
  m_okButton->setText(edit ? tr("&Save") : tr("&Connect"));
  m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
  updateState();
}

QString ConnectDialog::validationError() const {
  if (parseBootstrapServers(m_serversEdit->text()).isEmpty())
    return tr("Use host:port, separated by commas, e.g. localhost:9092.");
  const ConnectionProfile p = profile();
  if (p.security.usesSasl() && p.security.username.isEmpty()) return tr("SASL needs a user name.");
  if (p.schemaRegistry.isSet()) {
    const QUrl url(p.schemaRegistry.url);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
      return tr("The Schema Registry URL must be http://host:port or https://host:port.");
    if (!p.schemaRegistry.caFile.isEmpty() && !QFileInfo(p.schemaRegistry.caFile).isReadable())
      return tr("Cannot read %1.").arg(p.schemaRegistry.caFile);
  }
  if (p.security.usesTls()) {
    for (const QString& f : {p.security.caFile, p.security.certFile, p.security.keyFile})
      if (!f.isEmpty() && !QFileInfo(f).isReadable()) return tr("Cannot read %1.").arg(f);
    if (p.security.certFile.isEmpty() != p.security.keyFile.isEmpty())
      return tr("A client certificate needs its key, and a key its certificate.");
  }
  return {};
}

void ConnectDialog::updateState() {
  const ConnectionSecurity s = profile().security;
  const bool sasl = s.usesSasl();
  const bool tls = s.usesTls();
  for (QWidget* w : std::initializer_list<QWidget*>{m_mechanismLabel, m_mechanism, m_userLabel, m_userEdit, m_passwordLabel,
                                                    m_passwordEdit, m_rememberPassword, m_passwordNote})
    w->setEnabled(sasl);
  const QString registryUrl = m_registryUrlEdit->text().trimmed();
  for (QWidget* w : std::initializer_list<QWidget*>{m_registryUserLabel, m_registryUserEdit, m_registryPasswordLabel,
                                                    m_registryPasswordEdit})
    w->setEnabled(!registryUrl.isEmpty());
  for (QWidget* w : std::initializer_list<QWidget*>{m_registryCaLabel, m_registryCaEdit->parentWidget()})
    w->setEnabled(registryUrl.startsWith(QLatin1String("https:"), Qt::CaseInsensitive));
  for (QWidget* w : std::initializer_list<QWidget*>{m_caLabel, m_caEdit->parentWidget(), m_certLabel, m_certEdit->parentWidget(),
                                                    m_keyLabel, m_keyEdit->parentWidget(), m_verifyHostname})
    w->setEnabled(tls);
  m_passwordNote->setText(m_rememberPassword->isChecked()
                              ? tr("The password is stored in the system keychain, never in a settings file. "
                                   "Without a keychain it is kept for this session only.")
                              : tr("The password is kept in memory only: Partita asks for it again after a restart."));
  const QString error = validationError();
  m_okButton->setEnabled(error.isEmpty());
  m_testButton->setEnabled(error.isEmpty() && !m_tester->running());
  m_errorLabel->setText(error);
  if (!m_hasTestResult) {
    m_testResult->setStyleSheet(QString());
  } else {
    // Green / red that stay readable on the light and the dark palette.
    m_testResult->setStyleSheet(m_testOk ? QStringLiteral("color: #2e9d4f;") : QStringLiteral("color: #d9534f;"));
  }
}

}  // namespace partita::ui
