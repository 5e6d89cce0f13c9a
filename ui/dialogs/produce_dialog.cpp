#include "ui/dialogs/produce_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFileInfo>
#include <QFormLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace partita::ui {

namespace {

// The schema combo's items: item 0 is "none"; a subject's item holds its name as data; the local file's item
// holds the file's name in kLocalFileRole.
constexpr int kLocalFileRole = Qt::UserRole + 1;

}  // namespace

ProduceDialog::ProduceDialog(const QList<app::TopicSummary>& topics, const QString& topic, QWidget* parent)
    : QDialog(parent),
      m_topics(topics),
      m_form(new QFormLayout),
      m_topicCombo(new QComboBox(this)),
      m_partitionCombo(new QComboBox(this)),
      m_keyEdit(new QLineEdit(this)),
      m_nullKey(new QCheckBox(this)),
      m_valueEdit(new QPlainTextEdit(this)),
      m_nullValue(new QCheckBox(this)),
      m_headersEdit(new QPlainTextEdit(this)),
      m_compressionCombo(new QComboBox(this)),
      m_acksCombo(new QComboBox(this)),
      m_errorLabel(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this)),
      m_produceButton(m_buttons->addButton(QString(), QDialogButtonBox::AcceptRole)) {
  m_keySchemaCheck = new QCheckBox(this);
  m_keySchemaCheck->setObjectName(QStringLiteral("produceKeySchemaCheck"));
  m_keySchemaCheck->hide();
  m_keyStatus = new QLabel(this);
  m_keyStatus->setObjectName(QStringLiteral("produceKeyStatus"));
  m_keyStatus->setWordWrap(true);
  m_keyStatus->hide();
  m_schemaCombo = new QComboBox(this);
  m_schemaCombo->setObjectName(QStringLiteral("produceSchemaCombo"));
  m_schemaCombo->addItem(QString());  // "none", text set in retranslateUi
  m_schemaCombo->setEnabled(false);
  m_messageCombo = new QComboBox(this);
  m_messageCombo->setObjectName(QStringLiteral("produceMessageCombo"));
  m_messageCombo->hide();
  m_schemaStatus = new QLabel(this);
  m_schemaStatus->hide();  // shown while a subject is chosen
  m_schemaStatus->setObjectName(QStringLiteral("produceSchemaStatus"));
  m_schemaStatus->setWordWrap(true);
  m_schemaStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
  setObjectName(QStringLiteral("produceDialog"));
  m_topicCombo->setObjectName(QStringLiteral("produceTopicCombo"));
  m_partitionCombo->setObjectName(QStringLiteral("producePartitionCombo"));
  m_keyEdit->setObjectName(QStringLiteral("produceKeyEdit"));
  m_nullKey->setObjectName(QStringLiteral("produceNullKey"));
  m_valueEdit->setObjectName(QStringLiteral("produceValueEdit"));
  m_nullValue->setObjectName(QStringLiteral("produceNullValue"));
  m_headersEdit->setObjectName(QStringLiteral("produceHeadersEdit"));
  m_compressionCombo->setObjectName(QStringLiteral("produceCompressionCombo"));
  m_acksCombo->setObjectName(QStringLiteral("produceAcksCombo"));
  m_errorLabel->setObjectName(QStringLiteral("produceErrorLabel"));
  m_errorLabel->setWordWrap(true);
  m_valueEdit->setMinimumSize(420, 120);
  m_headersEdit->setMaximumHeight(80);
  for (const auto& t : topics) {
    if (!t.internal) m_topicCombo->addItem(t.name);
  }
  m_topicCombo->setCurrentText(topic);
  m_compressionCombo->addItems({QStringLiteral("none"), QStringLiteral("gzip"), QStringLiteral("snappy"),
                                QStringLiteral("lz4"), QStringLiteral("zstd")});
  m_acksCombo->addItems({QString(), QString(), QString()});
  m_acksCombo->setCurrentIndex(0);

  auto* keyLine = new QHBoxLayout;
  keyLine->addWidget(m_keyEdit, 1);
  keyLine->addWidget(m_keySchemaCheck);
  keyLine->addWidget(m_nullKey);
  auto* keyRow = new QVBoxLayout;
  keyRow->addLayout(keyLine);
  keyRow->addWidget(m_keyStatus);
  auto* valueRow = new QVBoxLayout;
  valueRow->addWidget(m_valueEdit);
  valueRow->addWidget(m_nullValue);
  // QFormLayout creates no label for an empty text, so the labels are ours (texts set in retranslateUi).
  QWidget* buddies[] = {m_topicCombo, m_partitionCombo, m_keyEdit, m_valueEdit, m_headersEdit, m_compressionCombo,
                        m_acksCombo, m_schemaCombo};
  for (QWidget* buddy : buddies) {
    auto* label = new QLabel(this);
    label->setBuddy(buddy);
    m_labels.push_back(label);
  }
  m_form->addRow(m_labels[0], m_topicCombo);
  m_form->addRow(m_labels[1], m_partitionCombo);
  m_form->addRow(m_labels[2], keyRow);
  auto* schemaRow = new QVBoxLayout;
  auto* schemaChoice = new QHBoxLayout;
  schemaChoice->addWidget(m_schemaCombo, 1);
  schemaChoice->addWidget(m_messageCombo, 1);
  schemaRow->addLayout(schemaChoice);
  schemaRow->addWidget(m_schemaStatus);
  m_form->addRow(m_labels[7], schemaRow);
  m_form->addRow(m_labels[3], valueRow);
  m_form->addRow(m_labels[4], m_headersEdit);
  m_form->addRow(m_labels[5], m_compressionCombo);
  m_form->addRow(m_labels[6], m_acksCombo);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(m_form);
  layout->addWidget(m_errorLabel);
  layout->addWidget(m_buttons);

  connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
    if (isValid()) accept();
  });
  connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(m_topicCombo, &QComboBox::currentTextChanged, this, &ProduceDialog::updateState);
  connect(m_partitionCombo, &QComboBox::currentIndexChanged, this, &ProduceDialog::updateState);
  connect(m_nullKey, &QCheckBox::toggled, this, &ProduceDialog::checkKey);
  connect(m_keySchemaCheck, &QCheckBox::toggled, this, &ProduceDialog::checkKey);
  connect(m_keyEdit, &QLineEdit::textChanged, this, &ProduceDialog::checkKey);
  connect(m_nullValue, &QCheckBox::toggled, this, &ProduceDialog::updateState);
  connect(m_headersEdit, &QPlainTextEdit::textChanged, this, &ProduceDialog::updateState);
  connect(m_valueEdit, &QPlainTextEdit::textChanged, this, &ProduceDialog::checkValue);
  connect(m_nullValue, &QCheckBox::toggled, this, &ProduceDialog::checkValue);
  connect(m_schemaCombo, &QComboBox::currentIndexChanged, this, [this] {
    m_messageCombo->clear();  // another schema, other messages
    checkValue();
  });
  connect(m_messageCombo, &QComboBox::activated, this, &ProduceDialog::checkValue);
  connect(m_topicCombo, &QComboBox::currentTextChanged, this, [this] { fillSchemaCombo({}); });
  retranslateUi();
}

void ProduceDialog::setSchemaRegistry(app::SchemaRegistry* registry) {
  if (m_registry != nullptr) disconnect(m_registry, nullptr, this, nullptr);
  m_registry = registry;
  m_subjects.clear();
  if (m_registry != nullptr) {
    connect(m_registry, &app::SchemaRegistry::encoded, this, &ProduceDialog::onEncoded);
    connect(m_registry, &app::SchemaRegistry::answered, this, [this](quint64 ticket, const app::RegistryAnswer& answer) {
      if (ticket != m_subjectsTicket) return;
      m_subjectsTicket = 0;
      for (const QJsonValue& v : QJsonDocument::fromJson(answer.body).array()) m_subjects.append(v.toString());
      const QString wanted = m_wantedSubject.isEmpty() ? valueSubject() : m_wantedSubject;
      m_wantedSubject.clear();
      fillSchemaCombo(wanted);
    });
    // Without a registry the topic's local file may still be offered.
    if (m_registry->endpoint().isSet()) m_subjectsTicket = m_registry->call("GET", QStringLiteral("/subjects"));
  }
  fillSchemaCombo(valueSubject());
  retranslateUi();
}

void ProduceDialog::fillSchemaCombo(const QString& keep) {
  const QString topic = m_topicCombo->currentText();
  const app::LocalSchemaFile local =
      m_registry != nullptr ? m_registry->localSchemas().value(topic).value : app::LocalSchemaFile();
  {
    const QSignalBlocker block(m_schemaCombo);
    const bool wasLocal = isLocalSchemaChosen();
    while (m_schemaCombo->count() > 1) m_schemaCombo->removeItem(1);
    if (local.isSet()) {
      m_schemaCombo->addItem(QString());  // text and tooltip set in retranslateUi
      m_schemaCombo->setItemData(1, QFileInfo(local.path).fileName(), kLocalFileRole);
    }
    for (const QString& subject : m_subjects) m_schemaCombo->addItem(subject, subject);
    m_schemaCombo->setEnabled(m_schemaCombo->count() > 1);
    // The choice kept; else the topic's local file (what the Messages page decodes its values with), else
    // Confluent's default subject for the topic's values (TopicNameStrategy), else none.
    int index = keep.isEmpty() ? -1 : m_schemaCombo->findData(keep);
    if (index <= 0 && wasLocal && local.isSet()) index = 1;
    if (index <= 0) index = local.isSet() ? 1 : m_schemaCombo->findData(topic + QStringLiteral("-value"));
    m_schemaCombo->setCurrentIndex(std::max(0, index));
  }
  retranslateSchemaCombo();
  m_messageCombo->clear();  // another schema, other messages
  checkValue();
  updateKeySchema();
}

void ProduceDialog::updateKeySchema() {
  const app::LocalSchemaFile local =
      m_registry != nullptr ? m_registry->localSchemas().value(m_topicCombo->currentText()).key : app::LocalSchemaFile();
  const QString file = local.isSet() ? QFileInfo(local.path).fileName() : QString();
  if (file != m_keyFile) {
    m_keyFile = file;
    const QSignalBlocker block(m_keySchemaCheck);
    m_keySchemaCheck->setChecked(!file.isEmpty());  // the key as the Messages page decodes it
  }
  m_keySchemaCheck->setVisible(!m_keyFile.isEmpty());
  retranslateUi();
  checkKey();
}

bool ProduceDialog::isKeyThroughSchema() const {
  return m_registry != nullptr && !m_keyFile.isEmpty() && m_keySchemaCheck->isChecked() && !m_nullKey->isChecked();
}

QString ProduceDialog::keySchemaStatus() const { return m_keyStatus->text(); }

void ProduceDialog::checkKey() {
  m_keyEncodeTicket = 0;
  m_keyEncoded = {};
  m_keyStatus->setVisible(isKeyThroughSchema());
  if (isKeyThroughSchema()) {
    m_keyEncodeTicket = m_registry->encodeLocal(m_topicCombo->currentText(), m_keyEdit->text(), {},
                                                app::RecordDecoder::Part::Key);
  }
  showKeyStatus();
  updateState();
}

void ProduceDialog::showKeyStatus() {
  if (!isKeyThroughSchema()) return;
  const app::EncodedValue& key = m_keyEncoded;
  m_keyStatus->setStyleSheet(m_keyEncodeTicket != 0 ? QString()
                             : key.ok()             ? QStringLiteral("color: #2e9d4f;")
                                                    : QStringLiteral("color: #d9534f;"));
  m_keyStatus->setText(m_keyEncodeTicket != 0 ? tr("Checking the key against %1…").arg(m_keyFile)
                       : key.ok() ? tr("Key fits %1 (%2): %n byte(s), unframed", nullptr, static_cast<int>(key.bytes.size()))
                                        .arg(key.localFile, key.schemaType)
                                  : key.error);
}

QString ProduceDialog::keySchemaError() const {
  if (!isKeyThroughSchema()) return {};
  if (m_keyEncodeTicket != 0) return tr("Checking the key against %1…").arg(m_keyFile);
  if (!m_keyEncoded.ok()) return tr("The key does not fit %1: %2").arg(m_keyFile, m_keyEncoded.error);
  return {};
}

void ProduceDialog::setValueSubject(const QString& subject) {
  const int index = subject.isEmpty() ? 0 : m_schemaCombo->findData(subject);
  if (index < 0) {
    m_wantedSubject = subject;  // the list has not arrived yet
    return;
  }
  m_schemaCombo->setCurrentIndex(index);
}

QString ProduceDialog::valueSubject() const { return m_schemaCombo->currentData().toString(); }

bool ProduceDialog::isLocalSchemaChosen() const {
  return !m_schemaCombo->currentData(kLocalFileRole).toString().isEmpty();
}

void ProduceDialog::chooseLocalSchema() {
  if (m_schemaCombo->count() > 1 && !m_schemaCombo->itemData(1, kLocalFileRole).toString().isEmpty()) {
    m_schemaCombo->setCurrentIndex(1);
  }
}

QString ProduceDialog::chosenSchemaName() const {
  return isLocalSchemaChosen() ? m_schemaCombo->currentData(kLocalFileRole).toString() : valueSubject();
}

QString ProduceDialog::schemaStatus() const { return m_schemaStatus->text(); }

void ProduceDialog::checkValue() {
  m_encodeTicket = 0;
  m_encoded = {};
  const QString subject = valueSubject();
  const bool local = isLocalSchemaChosen();
  if (m_registry == nullptr || (subject.isEmpty() && !local) || m_nullValue->isChecked()) {
    m_messageCombo->hide();
    m_schemaStatus->clear();
    m_schemaStatus->hide();
    updateState();
    return;
  }
  m_schemaStatus->show();
  const QString message = m_messageCombo->currentData().toString();
  m_encodeTicket = local ? m_registry->encodeLocal(m_topicCombo->currentText(), m_valueEdit->toPlainText(), message)
                         : m_registry->encode(subject, m_valueEdit->toPlainText(), message);
  showSchemaStatus();
  updateState();
}

void ProduceDialog::onEncoded(quint64 ticket, const app::EncodedValue& value) {
  if (ticket != 0 && ticket == m_keyEncodeTicket) {
    m_keyEncodeTicket = 0;
    m_keyEncoded = value;
    showKeyStatus();
    updateState();
    return;
  }
  if (ticket != m_encodeTicket) return;  // the text or the subject changed meanwhile
  m_encodeTicket = 0;
  m_encoded = value;
  if (value.schemaType == QLatin1String("PROTOBUF") && m_messageCombo->count() != value.messages.size()) {
    const QSignalBlocker block(m_messageCombo);
    m_messageCombo->clear();
    for (const QString& name : value.messages) m_messageCombo->addItem(name, name);
    m_messageCombo->setCurrentIndex(std::max(0, m_messageCombo->findData(value.messageName)));
  }
  m_messageCombo->setVisible(value.schemaType == QLatin1String("PROTOBUF") && !value.messages.isEmpty());
  showSchemaStatus();
  updateState();
}

void ProduceDialog::showSchemaStatus() {
  if (m_schemaStatus->isHidden()) return;
  if (m_encodeTicket != 0) {
    m_schemaStatus->setStyleSheet(QString());
    m_schemaStatus->setText(tr("Checking the value against %1…").arg(chosenSchemaName()));
    return;
  }
  const app::EncodedValue& value = m_encoded;
  if (value.ok() && !value.localFile.isEmpty()) {
    m_schemaStatus->setStyleSheet(QStringLiteral("color: #2e9d4f;"));
    m_schemaStatus->setText(tr("Fits %1 (%2): %n byte(s), unframed (a local file has no schema id)", nullptr,
                               static_cast<int>(value.bytes.size()))
                                .arg(value.localFile, value.schemaType));
  } else if (value.ok()) {
    m_schemaStatus->setStyleSheet(QStringLiteral("color: #2e9d4f;"));
    m_schemaStatus->setText(tr("Fits %1 version %2 (schema id %3, %4): %n byte(s) in Confluent's wire format", nullptr,
                               static_cast<int>(value.bytes.size()))
                                .arg(valueSubject()).arg(value.version).arg(value.schemaId).arg(value.schemaType));
  } else {
    m_schemaStatus->setStyleSheet(QStringLiteral("color: #d9534f;"));
    m_schemaStatus->setText(value.error);
  }
}

int ProduceDialog::partitionsOfTopic() const {
  for (const auto& t : m_topics) {
    if (t.name == m_topicCombo->currentText()) return t.partitions;
  }
  return 0;
}

bool ProduceDialog::parseHeaders(const QString& text, QList<app::MessageHeader>* headers, int* badLine) {
  const QStringList lines = text.split(QLatin1Char('\n'));
  for (qsizetype i = 0; i < lines.size(); ++i) {
    const QString line = lines[i];
    if (line.trimmed().isEmpty()) continue;
    const qsizetype eq = line.indexOf(QLatin1Char('='));
    const QString name = (eq < 0 ? line : line.left(eq)).trimmed();
    if (name.isEmpty()) {
      if (badLine) *badLine = static_cast<int>(i + 1);
      return false;
    }
    app::MessageHeader h;
    h.key = name.toUtf8();
    h.valueIsNull = eq < 0;
    if (eq >= 0) h.value = line.mid(eq + 1).toUtf8();
    if (headers) headers->push_back(h);
  }
  return true;
}

QString ProduceDialog::errorText() const {
  if (m_topicCombo->currentText().isEmpty()) return tr("Choose a topic.");
  if (partitionsOfTopic() <= 0) return tr("The topic %1 is not known to the cluster.").arg(m_topicCombo->currentText());
  const int partition = m_partitionCombo->currentIndex() - 1;
  if (partition >= partitionsOfTopic()) return tr("The topic has no partition %1.").arg(partition);
  int badLine = 0;
  if (!parseHeaders(m_headersEdit->toPlainText(), nullptr, &badLine)) {
    return tr("Header line %1 has no name: write one header per line as name=value.").arg(badLine);
  }
  if (const QString key = keySchemaError(); !key.isEmpty()) return key;
  return schemaError();
}

QString ProduceDialog::schemaError() const {
  if (chosenSchemaName().isEmpty() || m_registry == nullptr || m_nullValue->isChecked()) return {};
  if (m_encodeTicket != 0) return tr("Checking the value against %1…").arg(chosenSchemaName());
  if (!m_encoded.ok()) return tr("The value does not fit %1: %2").arg(chosenSchemaName(), m_encoded.error);
  return {};
}

app::ProduceSpec ProduceDialog::spec() const {
  app::ProduceSpec s;
  s.topic = m_topicCombo->currentText();
  s.partition = m_partitionCombo->currentIndex() - 1;  // item 0 is "Automatic"
  if (!m_nullKey->isChecked()) s.key = isKeyThroughSchema() ? m_keyEncoded.bytes : m_keyEdit->text().toUtf8();
  if (!m_nullValue->isChecked()) {
    const bool throughSchema = !chosenSchemaName().isEmpty() && m_registry != nullptr;
    s.value = throughSchema ? m_encoded.bytes : m_valueEdit->toPlainText().toUtf8();
  }
  parseHeaders(m_headersEdit->toPlainText(), &s.headers, nullptr);
  s.compression = m_compressionCombo->currentIndex();
  static const int kAcks[] = {-1, 1, 0};
  s.acks = kAcks[std::max(0, m_acksCombo->currentIndex())];
  return s;
}

void ProduceDialog::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslateUi();
  QDialog::changeEvent(event);
}

void ProduceDialog::retranslateUi() {
  setWindowTitle(tr("Produce a Message"));
  m_labels[0]->setText(tr("&Topic:"));
  m_labels[1]->setText(tr("&Partition:"));
  m_labels[2]->setText(tr("&Key:"));
  m_labels[3]->setText(tr("&Value:"));
  m_labels[4]->setText(tr("&Headers:"));
  m_labels[5]->setText(tr("&Compression:"));
  m_labels[6]->setText(tr("&Acks:"));
  m_labels[7]->setText(tr("Value &schema:"));
  retranslateSchemaCombo();
  m_nullKey->setText(tr("Null key"));
  m_keySchemaCheck->setText(tr("Encode with %1").arg(m_keyFile));
  m_keySchemaCheck->setToolTip(tr("Encodes the key (JSON) with the topic's local key file %1, unframed, as the "
                                  "Messages page decodes keys with it").arg(m_keyFile));
  m_nullValue->setText(tr("Null value (a tombstone)"));
  m_headersEdit->setPlaceholderText(tr("One header per line: name=value"));
  m_keyEdit->setPlaceholderText(tr("Records with the same key go to the same partition"));
  m_acksCombo->setItemText(0, tr("all (-1): every in-sync replica"));
  m_acksCombo->setItemText(1, tr("1: the leader only"));
  m_acksCombo->setItemText(2, tr("0: do not wait"));
  m_produceButton->setText(tr("&Produce"));
  showSchemaStatus();
  showKeyStatus();
  updateState();
}

void ProduceDialog::retranslateSchemaCombo() {
  const bool anySchema = m_registry != nullptr && (m_registry->endpoint().isSet() || m_schemaCombo->count() > 1);
  m_schemaCombo->setItemText(0, anySchema ? tr("None: the value as typed") : tr("None (no Schema Registry for this cluster)"));
  for (int i = 1; i < m_schemaCombo->count(); ++i) {
    const QString file = m_schemaCombo->itemData(i, kLocalFileRole).toString();
    if (file.isEmpty()) continue;
    m_schemaCombo->setItemText(i, tr("Local file: %1").arg(file));
    m_schemaCombo->setItemData(
        i,
        tr("Encodes the JSON with the topic's local schema file %1 (Schema Files… on the Messages page). The bytes "
           "are written unframed, without Confluent's magic byte and schema id: a local file has no registry id, "
           "and the Messages page decodes unframed records with the same file.")
            .arg(file),
        Qt::ToolTipRole);
  }
}

void ProduceDialog::updateState() {
  const int partitions = partitionsOfTopic();
  const int current = m_partitionCombo->currentIndex();
  if (m_partitionCombo->count() != partitions + 1) {
    const QSignalBlocker block(m_partitionCombo);
    m_partitionCombo->clear();
    m_partitionCombo->addItem(QString());
    for (int p = 0; p < partitions; ++p) m_partitionCombo->addItem(QString::number(p));
    m_partitionCombo->setCurrentIndex(current >= 0 && current <= partitions ? current : 0);
  }
  m_partitionCombo->setItemText(0, tr("Automatic (by key, as Kafka's default partitioner)"));
  m_keyEdit->setEnabled(!m_nullKey->isChecked());
  m_valueEdit->setEnabled(!m_nullValue->isChecked());
  const QString error = errorText();
  m_errorLabel->setText(error);
  // The schema check speaks in its own line under the subject.
  m_errorLabel->setVisible(!error.isEmpty() && error != schemaError() && error != keySchemaError());
  m_produceButton->setEnabled(error.isEmpty());
}

}  // namespace partita::ui
