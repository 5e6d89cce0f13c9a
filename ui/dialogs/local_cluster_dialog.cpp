#include "ui/dialogs/local_cluster_dialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace partita::ui {

LocalClusterDialog::LocalClusterDialog(QWidget* parent)
    : QDialog(parent),
      m_introLabel(new QLabel(this)),
      m_brokersLabel(new QLabel(this)),
      m_brokersSpin(new QSpinBox(this)),
      m_nameLabel(new QLabel(this)),
      m_nameEdit(new QLineEdit(this)),
      m_basePortLabel(new QLabel(this)),
      m_basePortSpin(new QSpinBox(this)),
      m_dataDirLabel(new QLabel(this)),
      m_dataDirEdit(new QLineEdit(this)),
      m_browseButton(new QPushButton(this)),
      m_securedCheck(new QCheckBox(this)),
      m_securedNote(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this)),
      m_startButton(m_buttons->addButton(QString(), QDialogButtonBox::AcceptRole)) {
  setObjectName(QStringLiteral("localClusterDialog"));
  m_introLabel->setWordWrap(true);
  // One broker is enough to try things; more than five rarely helps on one machine.
  m_brokersSpin->setRange(1, 9);
  m_brokersSpin->setValue(3);
  m_brokersLabel->setBuddy(m_brokersSpin);
  m_nameEdit->setObjectName(QStringLiteral("clusterNameEdit"));
  m_nameEdit->setText(QStringLiteral("local"));
  m_nameLabel->setBuddy(m_nameEdit);
  m_basePortSpin->setObjectName(QStringLiteral("basePortSpin"));
  m_basePortSpin->setRange(0, 65000);
  m_basePortSpin->setValue(0);
  m_basePortLabel->setBuddy(m_basePortSpin);
  m_dataDirEdit->setText(defaultDataDirectory());
  m_dataDirEdit->setMinimumWidth(320);
  m_dataDirLabel->setBuddy(m_dataDirEdit);

  auto* dirRow = new QHBoxLayout;
  dirRow->addWidget(m_dataDirEdit, 1);
  dirRow->addWidget(m_browseButton);

  auto* form = new QFormLayout;
  form->addRow(m_nameLabel, m_nameEdit);
  form->addRow(m_brokersLabel, m_brokersSpin);
  form->addRow(m_basePortLabel, m_basePortSpin);
  form->addRow(m_dataDirLabel, dirRow);
  m_securedCheck->setObjectName(QStringLiteral("securedCheck"));
  form->addRow(QString(), m_securedCheck);
  m_securedNote->setObjectName(QStringLiteral("securedNote"));
  m_securedNote->setWordWrap(true);
  m_securedNote->setForegroundRole(QPalette::PlaceholderText);

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_introLabel);
  layout->addLayout(form);
  layout->addWidget(m_securedNote);
  layout->addWidget(m_buttons);

  connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(m_browseButton, &QPushButton::clicked, this, &LocalClusterDialog::browse);
  connect(m_dataDirEdit, &QLineEdit::textChanged, this, &LocalClusterDialog::updateState);
  retranslateUi();
}

LocalClusterRequest LocalClusterDialog::request() const {
  LocalClusterRequest r;
  r.brokerCount = m_brokersSpin->value();
  r.dataDirectory = QDir(m_dataDirEdit->text().trimmed()).absolutePath();
  r.name = m_nameEdit->text().trimmed();
  if (r.name.isEmpty()) r.name = QDir(r.dataDirectory).dirName();
  r.basePort = m_basePortSpin->value();
  r.secured = m_securedCheck->isChecked();
  return r;
}

void LocalClusterDialog::setRequest(const LocalClusterRequest& request) {
  m_brokersSpin->setValue(request.brokerCount);
  m_dataDirEdit->setText(request.dataDirectory);
  if (!request.name.isEmpty()) m_nameEdit->setText(request.name);
  m_basePortSpin->setValue(request.basePort);
  m_securedCheck->setChecked(request.secured);
}

QString LocalClusterDialog::defaultDataDirectory() {
  return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
      .filePath(QStringLiteral("clusters/local"));
}

void LocalClusterDialog::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslateUi();
  QDialog::changeEvent(event);
}

void LocalClusterDialog::retranslateUi() {
  setWindowTitle(tr("Start Local Cluster"));
  m_introLabel->setText(tr("Partita starts ZooKeeper and the brokers on this computer, on free ports "
                           "of 127.0.0.1. Their logs and data stay in the data directory."));
  m_brokersLabel->setText(tr("&Brokers:"));
  m_dataDirLabel->setText(tr("&Data directory:"));
  m_nameLabel->setText(tr("&Name:"));
  m_basePortLabel->setText(tr("Base &port:"));
  m_basePortSpin->setSpecialValueText(tr("Automatic"));
  m_basePortSpin->setToolTip(tr("ZooKeeper listens on the base port and broker N on base port + N. A data "
                                "directory used before keeps its ports."));
  m_browseButton->setText(tr("&Browse…"));
  m_securedCheck->setText(tr("S&ecured (TLS + SCRAM)"));
  m_securedNote->setText(tr("Secured: Partita makes a CA and broker certificates for this cluster, the brokers "
                            "accept only SASL_SSL with SCRAM-SHA-512 (between themselves too) and enforce ACLs, "
                            "with an administrator user; its Schema Registry speaks https and asks for the same user. "
                            "The credentials and the CA file are shown when it starts."));
  m_startButton->setText(tr("&Start"));
}

void LocalClusterDialog::browse() {
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose Data Directory"), m_dataDirEdit->text());
  if (!dir.isEmpty()) m_dataDirEdit->setText(dir);
}

void LocalClusterDialog::updateState() {
  m_startButton->setEnabled(!m_dataDirEdit->text().trimmed().isEmpty());
}

}  // namespace partita::ui
