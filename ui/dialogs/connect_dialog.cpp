#include "ui/dialogs/connect_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace partita::ui {

ConnectDialog::ConnectDialog(QWidget* parent)
    : QDialog(parent),
      m_introLabel(new QLabel(this)),
      m_profileLabel(new QLabel(this)),
      m_profiles(new QComboBox(this)),
      m_serversLabel(new QLabel(this)),
      m_serversEdit(new QLineEdit(this)),
      m_errorLabel(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
  setObjectName(QStringLiteral("connectDialog"));
  m_introLabel->setWordWrap(true);
  m_serversEdit->setObjectName(QStringLiteral("bootstrapServersEdit"));
  m_serversEdit->setText(QStringLiteral("localhost:9092"));
  m_serversEdit->setMinimumWidth(320);
  m_serversLabel->setBuddy(m_serversEdit);
  m_errorLabel->setForegroundRole(QPalette::BrightText);

  auto* form = new QFormLayout;
  m_profiles->setObjectName(QStringLiteral("profileCombo"));
  m_profileLabel->setBuddy(m_profiles);
  m_profileLabel->hide();
  m_profiles->hide();
  form->addRow(m_profileLabel, m_profiles);
  connect(m_profiles, &QComboBox::activated, this,
          [this](int index) { m_serversEdit->setText(m_profiles->itemData(index).toString()); });
  form->addRow(m_serversLabel, m_serversEdit);
  form->addRow(QString(), m_errorLabel);

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_introLabel);
  layout->addLayout(form);
  layout->addWidget(m_buttons);

  connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(m_serversEdit, &QLineEdit::textChanged, this, &ConnectDialog::updateState);
  retranslateUi();
}

QString ConnectDialog::bootstrapServers() const {
  return parseBootstrapServers(m_serversEdit->text()).join(QLatin1Char(','));
}

void ConnectDialog::setProfiles(const QList<QPair<QString, QString>>& profiles) {
  m_profiles->clear();
  for (const auto& [name, servers] : profiles) m_profiles->addItem(QStringLiteral("%1 — %2").arg(name, servers), servers);
  m_profileLabel->setVisible(!profiles.isEmpty());
  m_profiles->setVisible(!profiles.isEmpty());
}

void ConnectDialog::setBootstrapServers(const QString& servers) { m_serversEdit->setText(servers); }

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
  setWindowTitle(tr("Connect to Cluster"));
  m_introLabel->setText(tr("Enter the bootstrap servers of a running Kafka cluster. Partita asks them "
                           "for the rest of the cluster."));
  m_serversLabel->setText(tr("&Bootstrap servers:"));
  m_profileLabel->setText(tr("Saved &profile:"));
  m_serversEdit->setPlaceholderText(tr("host:port, host:port"));
  m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Connect"));
  m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
  updateState();
}

void ConnectDialog::updateState() {
  const bool valid = !parseBootstrapServers(m_serversEdit->text()).isEmpty();
  m_buttons->button(QDialogButtonBox::Ok)->setEnabled(valid);
  m_errorLabel->setText(valid ? QString() : tr("Use host:port, separated by commas, e.g. localhost:9092."));
}

}  // namespace partita::ui
