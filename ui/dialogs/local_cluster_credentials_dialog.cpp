#include "ui/dialogs/local_cluster_credentials_dialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace partita::ui {

LocalClusterCredentialsDialog::LocalClusterCredentialsDialog(const QString& bootstrapServers,
                                                             const app::LocalClusterCredentials& credentials,
                                                             const QString& registryUrl, QWidget* parent)
    : QDialog(parent),
      m_bootstrap(bootstrapServers),
      m_registryUrl(registryUrl),
      m_credentials(credentials),
      m_intro(new QLabel(this)),
      m_form(new QFormLayout),
      m_copy(new QPushButton(this)),
      m_close(new QPushButton(this)) {
  setObjectName(QStringLiteral("localClusterCredentialsDialog"));
  setAttribute(Qt::WA_DeleteOnClose);
  m_intro->setWordWrap(true);
  const app::ConnectionSecurity security = credentials.security();
  for (const auto& [name, value] :
       {std::pair{QStringLiteral("bootstrapField"), bootstrapServers},
        std::pair{QStringLiteral("protocolField"), security.protocol},
        std::pair{QStringLiteral("mechanismField"), security.saslMechanism},
        std::pair{QStringLiteral("userField"), credentials.user},
        std::pair{QStringLiteral("passwordField"), credentials.password},
        std::pair{QStringLiteral("caFileField"), credentials.caFile}})
    m_fields << addField(name, value);
  m_fields.last()->setMinimumWidth(420);
  if (!registryUrl.isEmpty()) m_fields << addField(QStringLiteral("registryField"), registryUrl);
  m_copy->setObjectName(QStringLiteral("copyPropertiesButton"));
  auto* buttons = new QDialogButtonBox(this);
  buttons->addButton(m_copy, QDialogButtonBox::ActionRole);
  buttons->addButton(m_close, QDialogButtonBox::RejectRole);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_intro);
  layout->addLayout(m_form);
  layout->addWidget(buttons);
  connect(m_copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(clientProperties()); });
  connect(m_close, &QPushButton::clicked, this, &QDialog::close);
  retranslateUi();
}

QLineEdit* LocalClusterCredentialsDialog::addField(const QString& objectName, const QString& value) {
  auto* edit = new QLineEdit(value, this);
  edit->setObjectName(objectName);
  edit->setReadOnly(true);  // selectable and copyable, not editable
  m_form->addRow(new QLabel(this), edit);
  return edit;
}

QString LocalClusterCredentialsDialog::clientProperties() const {
  const app::ConnectionSecurity security = m_credentials.security();
  // Kafka's client keys (Java clients, partita-cli --command-config) and librdkafka's (kcat -X, confluent-kafka).
  return QStringLiteral("bootstrap.servers=%1\nsecurity.protocol=%2\nsasl.mechanism=%3\n"
                        "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required "
                        "username=\"%4\" password=\"%5\";\nsasl.username=%4\nsasl.password=%5\n"
                        "ssl.truststore.type=PEM\nssl.truststore.location=%6\nssl.ca.location=%6\n")
      .arg(m_bootstrap, security.protocol, security.saslMechanism, m_credentials.user, m_credentials.password,
           m_credentials.caFile) +
      (m_registryUrl.isEmpty()
           ? QString()
           // Confluent's serializer keys (Java) for the registry, with the same user and CA.
           : QStringLiteral("schema.registry.url=%1\nbasic.auth.credentials.source=USER_INFO\n"
                            "basic.auth.user.info=%2:%3\nschema.registry.ssl.truststore.type=PEM\n"
                            "schema.registry.ssl.truststore.location=%4\n")
                 .arg(m_registryUrl, m_credentials.user, m_credentials.password, m_credentials.caFile));
}

void LocalClusterCredentialsDialog::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslateUi();
  QDialog::changeEvent(event);
}

void LocalClusterCredentialsDialog::retranslateUi() {
  setWindowTitle(tr("Secured Local Cluster"));
  m_intro->setText(tr("The cluster accepts only TLS connections that log in with SCRAM, and its Schema Registry "
                      "only https with Basic authentication. Clients trust the CA file below and log in as the "
                      "administrator (a super user: every operation is allowed)."));
  const QStringList labels = {tr("Bootstrap servers:"), tr("Security protocol:"), tr("SASL mechanism:"),
                              tr("User name:"), tr("Password:"), tr("CA file:"), tr("Schema Registry:")};
  for (int i = 0; i < m_fields.size(); ++i)
    static_cast<QLabel*>(m_form->labelForField(m_fields[i]))->setText(labels.value(i));
  m_copy->setText(tr("&Copy as Client Properties"));
  m_close->setText(tr("Close"));
}

}  // namespace partita::ui
