#include "ui/dialogs/local_schema_dialog.h"

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
#include <QPointer>
#include <QPushButton>
#include <QThreadPool>
#include <QVBoxLayout>

namespace partita::ui {

LocalSchemaDialog::LocalSchemaDialog(const QString& topic, const app::LocalTopicSchemas& current, QWidget* parent)
    : QDialog(parent), m_topic(topic) {
  setObjectName(QStringLiteral("localSchemaDialog"));
  m_intro = new QLabel(this);
  m_intro->setWordWrap(true);
  m_keyBox = new QGroupBox(this);
  auto* keyLayout = new QVBoxLayout(m_keyBox);
  keyLayout->addWidget(buildPart(m_key, QStringLiteral("localSchemaKey"), current.key));
  m_valueBox = new QGroupBox(this);
  auto* valueLayout = new QVBoxLayout(m_valueBox);
  valueLayout->addWidget(buildPart(m_value, QStringLiteral("localSchemaValue"), current.value));
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("localSchemaOkButton"));
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_intro);
  layout->addWidget(m_keyBox);
  layout->addWidget(m_valueBox);
  layout->addWidget(buttons);
  retranslateUi();
  resize(620, sizeHint().height());
  check(m_key);
  check(m_value);
}

void LocalSchemaDialog::retranslateUi() {
  setWindowTitle(tr("Local Schema Files for %1").arg(m_topic));
  m_intro->setText(tr("Decode this topic's records with schema files on this computer: an Avro schema (.avsc) or a "
                      "Protocol Buffers file (.proto, its imports read from the same folder). A file chosen here is "
                      "used instead of the Schema Registry for this topic; records in Confluent's wire format have "
                      "their schema id shown."));
  m_keyBox->setTitle(tr("Keys"));
  m_valueBox->setTitle(tr("Values"));
  for (Part* part : {&m_key, &m_value}) {
    part->path->setPlaceholderText(tr("No file: decoded as before"));
    part->browse->setText(tr("Browse…"));
    part->fileLabel->setText(tr("File:"));
    part->messageLabel->setText(tr("Message:"));
    if (part->loaded) showLoaded(*part, *part->loaded);  // the status line and the first choice are words too
  }
}

void LocalSchemaDialog::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslateUi();
  QDialog::changeEvent(event);
}

QWidget* LocalSchemaDialog::buildPart(Part& part, const QString& objectPrefix, const app::LocalSchemaFile& current) {
  auto* box = new QWidget(this);
  part.path = new QLineEdit(current.path, box);
  part.path->setObjectName(objectPrefix + QStringLiteral("PathEdit"));
  part.path->setClearButtonEnabled(true);
  part.browse = new QPushButton(box);
  QPushButton* browse = part.browse;
  part.message = new QComboBox(box);
  part.message->setObjectName(objectPrefix + QStringLiteral("MessageCombo"));
  part.status = new QLabel(box);
  part.status->setObjectName(objectPrefix + QStringLiteral("StatusLabel"));
  part.status->setWordWrap(true);
  part.status->setTextInteractionFlags(Qt::TextSelectableByMouse);
  part.wantedMessage = current.messageName;
  auto* fileRow = new QHBoxLayout;
  fileRow->addWidget(part.path, 1);
  fileRow->addWidget(browse);
  auto* form = new QFormLayout(box);
  form->setContentsMargins(0, 0, 0, 0);
  part.fileLabel = new QLabel(box);
  part.messageLabel = new QLabel(box);
  form->addRow(part.fileLabel, fileRow);
  form->addRow(part.messageLabel, part.message);
  form->addRow(QString(), part.status);
  Part* p = &part;
  connect(part.path, &QLineEdit::textChanged, this, [this, p] { check(*p); });
  connect(part.message, &QComboBox::currentIndexChanged, this, [p] {
    if (p->message->isEnabled()) p->wantedMessage = p->message->currentData().toString();
  });
  connect(browse, &QPushButton::clicked, this, [this, p] {
    const QString dir = p->path->text().isEmpty() ? QString() : QFileInfo(p->path->text()).absolutePath();
    const QString chosen = QFileDialog::getOpenFileName(this, tr("Choose a Schema File"), dir,
                                                        tr("Schema files (*.avsc *.proto *.json);;All files (*)"));
    if (!chosen.isEmpty()) p->path->setText(chosen);
  });
  return box;
}

void LocalSchemaDialog::check(Part& part) {
  const QString path = part.path->text().trimmed();
  const quint64 generation = ++part.generation;
  part.loaded.reset();
  part.message->clear();
  part.message->setEnabled(false);
  if (path.isEmpty()) {
    part.status->setText(QString());
    part.wantedMessage.clear();
    emit checked();
    return;
  }
  part.status->setStyleSheet(QString());
  part.status->setText(tr("Reading %1…").arg(QFileInfo(path).fileName()));
  // Read off the GUI thread: the file may sit on a slow or hung network mount.
  QPointer<LocalSchemaDialog> self(this);
  Part* p = &part;
  QThreadPool::globalInstance()->start([self, p, path, generation] {
    const auto loaded = app::LoadLocalSchema(path);
    QMetaObject::invokeMethod(
        self.data(),
        [self, p, loaded, generation] {
          if (!self || generation != p->generation) return;  // the path changed again meanwhile
          p->loaded = loaded;
          self->showLoaded(*p, *loaded);
          emit self->checked();
        },
        Qt::QueuedConnection);
  });
}

void LocalSchemaDialog::showLoaded(Part& part, const app::LoadedLocalSchema& loaded) {
  const QString wanted = part.wantedMessage;
  part.message->setEnabled(false);  // refilled below; changes of the index meanwhile are not the user's
  part.message->clear();
  part.status->setStyleSheet(QString());
  if (!loaded.error.isEmpty()) {
    part.status->setStyleSheet(QStringLiteral("color: #d9534f;"));
    part.status->setText(loaded.error);
    return;
  }
  if (loaded.protobuf) {
    part.message->addItem(tr("As the record's message indexes say (else %1)").arg(loaded.messageNames.first()), QString());
    for (const QString& name : loaded.messageNames) part.message->addItem(name, name);
    const int index = part.message->findData(wanted);
    part.message->setCurrentIndex(index >= 0 ? index : 0);
    part.message->setEnabled(true);
    part.wantedMessage = part.message->currentData().toString();
    part.status->setText(tr("Protobuf, %n message(s)", nullptr, static_cast<int>(loaded.messageNames.size())));
    return;
  }
  part.wantedMessage.clear();
  const QString name = QString::fromStdString(loaded.avro->root_node().full_name);
  part.status->setText(name.isEmpty() ? tr("Avro schema") : tr("Avro schema of %1").arg(name));
}

app::LocalSchemaFile LocalSchemaDialog::fileOf(const Part& part) const {
  return {part.path->text().trimmed(), part.message->isEnabled() ? part.message->currentData().toString() : part.wantedMessage};
}

app::LocalTopicSchemas LocalSchemaDialog::schemas() const { return {fileOf(m_key), fileOf(m_value)}; }

void LocalSchemaDialog::setKeyFile(const QString& path) { m_key.path->setText(path); }
void LocalSchemaDialog::setValueFile(const QString& path) { m_value.path->setText(path); }
QString LocalSchemaDialog::keyStatus() const { return m_key.status->text(); }
QString LocalSchemaDialog::valueStatus() const { return m_value.status->text(); }

}  // namespace partita::ui
