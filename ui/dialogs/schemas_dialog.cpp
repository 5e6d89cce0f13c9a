#include "ui/dialogs/schemas_dialog.h"

#include <algorithm>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QUrl>
#include <QVBoxLayout>

#include "ui/widgets/message_format.h"

namespace partita::ui {

namespace {

const QStringList kLevels = {QStringLiteral("BACKWARD"), QStringLiteral("BACKWARD_TRANSITIVE"),
                             QStringLiteral("FORWARD"), QStringLiteral("FORWARD_TRANSITIVE"),
                             QStringLiteral("FULL"), QStringLiteral("FULL_TRANSITIVE"), QStringLiteral("NONE")};

QString encode(const QString& subject) { return QString::fromLatin1(QUrl::toPercentEncoding(subject)); }

QJsonDocument json(const QByteArray& body) { return QJsonDocument::fromJson(body); }

// The Register dialog: a QDialog whose texts follow a language change (set by `retranslate`).
class RegisterDialog : public QDialog {
 public:
  using QDialog::QDialog;
  std::function<void()> retranslate;

 protected:
  void changeEvent(QEvent* event) override {
    if (event->type() == QEvent::LanguageChange && retranslate) retranslate();
    QDialog::changeEvent(event);
  }
};

}  // namespace

SchemasDialog::SchemasDialog(app::SchemaRegistry* registry, QWidget* parent)
    : QDialog(parent),
      m_registry(registry),
      m_endpointLabel(new QLabel(this)),
      m_subjectsLabel(new QLabel(this)),
      m_subjects(new QListWidget(this)),
      m_versionLabel(new QLabel(this)),
      m_versions(new QComboBox(this)),
      m_levelLabel(new QLabel(this)),
      m_level(new QComboBox(this)),
      m_detail(new QLabel(this)),
      m_text(new QPlainTextEdit(this)),
      m_refreshButton(new QPushButton(this)),
      m_registerButton(new QPushButton(this)),
      m_deleteButton(new QPushButton(this)),
      m_permanent(new QCheckBox(this)),
      m_status(new QLabel(this)) {
  setObjectName(QStringLiteral("schemasDialog"));
  m_subjects->setObjectName(QStringLiteral("schemaSubjectList"));
  m_versions->setObjectName(QStringLiteral("schemaVersionCombo"));
  m_level->setObjectName(QStringLiteral("schemaLevelCombo"));
  m_detail->setObjectName(QStringLiteral("schemaDetailLabel"));
  m_text->setObjectName(QStringLiteral("schemaTextView"));
  m_status->setObjectName(QStringLiteral("schemaStatusLabel"));
  m_permanent->setObjectName(QStringLiteral("schemaPermanentCheck"));
  m_text->setReadOnly(true);
  m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  m_status->setWordWrap(true);
  m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_level->addItems(kLevels);
  m_versionLabel->setBuddy(m_versions);
  m_levelLabel->setBuddy(m_level);
  m_subjectsLabel->setBuddy(m_subjects);

  auto* left = new QWidget(this);
  auto* leftLayout = new QVBoxLayout(left);
  leftLayout->setContentsMargins(0, 0, 0, 0);
  leftLayout->addWidget(m_subjectsLabel);
  leftLayout->addWidget(m_subjects);
  leftLayout->addWidget(m_refreshButton);

  auto* right = new QWidget(this);
  auto* rightLayout = new QVBoxLayout(right);
  rightLayout->setContentsMargins(0, 0, 0, 0);
  auto* form = new QFormLayout;
  form->addRow(m_versionLabel, m_versions);
  form->addRow(m_levelLabel, m_level);
  rightLayout->addLayout(form);
  rightLayout->addWidget(m_detail);
  rightLayout->addWidget(m_text, 1);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(m_registerButton);
  buttons->addStretch();
  buttons->addWidget(m_permanent);
  buttons->addWidget(m_deleteButton);
  rightLayout->addLayout(buttons);

  auto* splitter = new QSplitter(this);
  splitter->addWidget(left);
  splitter->addWidget(right);
  splitter->setStretchFactor(1, 3);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_endpointLabel);
  layout->addWidget(splitter, 1);
  layout->addWidget(m_status);
  resize(980, 620);

  connect(m_refreshButton, &QPushButton::clicked, this, &SchemasDialog::refresh);
  connect(m_subjects, &QListWidget::currentTextChanged, this, [this] {
    loadVersions();
    loadLevel();
  });
  connect(m_versions, &QComboBox::currentIndexChanged, this, &SchemasDialog::loadVersion);
  connect(m_level, &QComboBox::activated, this, [this] {
    const QString subject = currentSubject();
    if (subject.isEmpty()) return;
    const QString level = m_level->currentText();
    request("PUT", QStringLiteral("/config/%1").arg(encode(subject)),
            QJsonDocument(QJsonObject{{QStringLiteral("compatibility"), level}}).toJson(QJsonDocument::Compact),
            [this, subject, level](const app::RegistryAnswer& a) {
              setStatus(a.ok() ? tr("%1 now uses %2.").arg(subject, level) : a.error, !a.ok());
            });
  });
  connect(m_registerButton, &QPushButton::clicked, this, &SchemasDialog::openRegisterDialog);
  connect(m_deleteButton, &QPushButton::clicked, this, [this] {
    deleteVersion(currentSubject(), m_versions->currentData().toInt(), m_permanent->isChecked());
  });
  if (m_registry) {
    connect(m_registry, &app::SchemaRegistry::answered, this, [this](quint64 ticket, const app::RegistryAnswer& answer) {
      const Handler handler = m_pending.take(ticket);
      if (handler) handler(answer);
      if (m_pending.isEmpty()) emit idle();
    });
  }
  retranslateUi();
  refresh();
}

QString SchemasDialog::currentSubject() const {
  return m_subjects->currentItem() != nullptr ? m_subjects->currentItem()->text() : QString();
}
QString SchemasDialog::schemaText() const { return m_text->toPlainText(); }
QString SchemasDialog::detailText() const { return m_detail->text(); }
QString SchemasDialog::statusText() const { return m_status->text(); }

void SchemasDialog::setStatus(const QString& text, bool error) {
  m_status->setText(text);
  m_status->setStyleSheet(error ? QStringLiteral("color: #d9534f;") : QString());
  emit statusChanged(text, error);
}

void SchemasDialog::request(const QByteArray& method, const QString& path, const QByteArray& body, Handler handler) {
  if (!m_registry || !m_registry->endpoint().isSet()) {
    setStatus(tr("This cluster has no Schema Registry: set its URL in the connection's settings."), true);
    return;
  }
  m_pending.insert(m_registry->call(method, path, body), std::move(handler));
}

void SchemasDialog::refresh() {
  m_endpointLabel->setText(m_registry && m_registry->endpoint().isSet()
                               ? tr("Schema Registry at %1").arg(m_registry->endpoint().url)
                               : tr("This cluster has no Schema Registry: set its URL in the connection's settings."));
  request("GET", QStringLiteral("/config"), {}, [this](const app::RegistryAnswer& a) {
    if (a.ok()) m_globalLevel = json(a.body).object().value(QStringLiteral("compatibilityLevel")).toString();
  });
  request("GET", QStringLiteral("/subjects"), {}, [this](const app::RegistryAnswer& a) {
    if (!a.ok()) {
      setStatus(a.error, true);
      return;
    }
    const QString current = currentSubject();
    m_subjects->clear();
    QStringList subjects;
    for (const QJsonValue& v : json(a.body).array()) subjects << v.toString();
    subjects.sort();
    m_subjects->addItems(subjects);
    const auto found = m_subjects->findItems(current, Qt::MatchExactly);
    if (!found.isEmpty()) m_subjects->setCurrentItem(found.first());
    else if (m_subjects->count() > 0) m_subjects->setCurrentRow(0);
    // The status line keeps the answer of the last action (a registration refreshes the list).
  });
}

void SchemasDialog::loadVersions() {
  const QString subject = currentSubject();
  m_versions->clear();
  m_text->clear();
  m_detail->clear();
  if (subject.isEmpty()) return;
  request("GET", QStringLiteral("/subjects/%1/versions").arg(encode(subject)), {}, [this, subject](const app::RegistryAnswer& a) {
    if (subject != currentSubject()) return;
    if (!a.ok()) {  // in the detail line: the status line keeps the answer to the user's last action
      m_detail->setText(a.error);
      return;
    }
    const QSignalBlocker block(m_versions);
    m_versions->clear();
    for (const QJsonValue& v : json(a.body).array()) m_versions->addItem(tr("Version %1").arg(v.toInt()), v.toInt());
    m_versions->setCurrentIndex(m_versions->count() - 1);  // the latest
    loadVersion();
  });
}

void SchemasDialog::loadVersion() {
  const QString subject = currentSubject();
  if (subject.isEmpty() || m_versions->currentIndex() < 0) return;
  const int version = m_versions->currentData().toInt();
  request("GET", QStringLiteral("/subjects/%1/versions/%2").arg(encode(subject)).arg(version), {},
          [this, subject, version](const app::RegistryAnswer& a) {
            if (subject != currentSubject() || version != m_versions->currentData().toInt()) return;
            if (!a.ok()) {  // e.g. a version deleted meanwhile; the status line keeps the last action's answer
              m_detail->setText(a.error);
              return;
            }
            const QJsonObject o = json(a.body).object();
            const QString type = o.value(QStringLiteral("schemaType")).toString(QStringLiteral("AVRO"));
            m_detail->setText(tr("Schema id %1 · %2 · version %3 of %4")
                                  .arg(o.value(QStringLiteral("id")).toInt())
                                  .arg(type)
                                  .arg(version)
                                  .arg(subject));
            const QString text = o.value(QStringLiteral("schema")).toString();
            const QString pretty = type == QLatin1String("PROTOBUF") ? QString() : prettyJson(text.toUtf8());
            m_text->setPlainText(pretty.isEmpty() ? text : pretty);
          });
}

void SchemasDialog::loadLevel() {
  const QString subject = currentSubject();
  if (subject.isEmpty()) return;
  // A subject without its own level inherits the global one (40408 from /config/{subject}).
  request("GET", QStringLiteral("/config/%1").arg(encode(subject)), {}, [this, subject](const app::RegistryAnswer& a) {
    if (subject != currentSubject()) return;
    const QString level = a.ok() ? json(a.body).object().value(QStringLiteral("compatibilityLevel")).toString() : m_globalLevel;
    m_level->setCurrentIndex(std::max(0, static_cast<int>(kLevels.indexOf(level))));
    m_level->setToolTip(a.ok() ? tr("This subject's own level") : tr("Inherited from the global level %1").arg(m_globalLevel));
  });
}

void SchemasDialog::checkCompatibility(const QString& subject, const QString& type, const QString& text,
                                       bool registerAfter) {
  QJsonObject body{{QStringLiteral("schema"), text}};
  if (type != QLatin1String("AVRO")) body.insert(QStringLiteral("schemaType"), type);
  const QByteArray payload = QJsonDocument(body).toJson(QJsonDocument::Compact);
  setStatus(tr("Checking compatibility…"), false);
  request("POST", QStringLiteral("/compatibility/subjects/%1/versions/latest?verbose=true").arg(encode(subject)), payload,
          [this, subject, payload, registerAfter](const app::RegistryAnswer& a) {
            const bool newSubject = a.httpStatus == 404;  // 40401 / 40402: nothing to be compatible with
            if (!a.ok() && !newSubject) {
              setStatus(tr("Compatibility check failed: %1").arg(a.error), true);
              return;
            }
            const QJsonObject o = json(a.body).object();
            const bool compatible = newSubject || o.value(QStringLiteral("is_compatible")).toBool();
            QStringList reasons;
            for (const QJsonValue& m : o.value(QStringLiteral("messages")).toArray()) reasons << m.toString();
            const QString answer =
                newSubject ? tr("%1 has no version yet: nothing to check against.").arg(subject)
                : compatible ? tr("Compatible with %1's latest version.").arg(subject)
                             : tr("Not compatible with %1's latest version: %2").arg(subject, reasons.join(QStringLiteral("; ")));
            setStatus(answer, !compatible);
            if (!registerAfter || !compatible) return;
            request("POST", QStringLiteral("/subjects/%1/versions").arg(encode(subject)), payload,
                    [this, subject, answer](const app::RegistryAnswer& r) {
                      if (!r.ok()) {
                        setStatus(tr("Not registered: %1").arg(r.error), true);
                        return;
                      }
                      setStatus(answer + QLatin1Char(' ') +
                                    tr("Registered under %1 with schema id %2.")
                                        .arg(subject)
                                        .arg(json(r.body).object().value(QStringLiteral("id")).toInt()),
                                false);
                      refresh();
                    });
          });
}

void SchemasDialog::deleteVersion(const QString& subject, int version, bool permanent) {
  if (subject.isEmpty()) return;
  const QString what = version < 0 ? tr("every version of %1").arg(subject) : tr("version %1 of %2").arg(version).arg(subject);
  if (m_confirm) {
    const QString question = permanent ? tr("Delete %1 permanently? Its schema can no longer be read by id; a version must "
                                            "be soft-deleted first.").arg(what)
                                       : tr("Delete %1? A soft delete hides it; the schema stays readable by id.").arg(what);
    if (QMessageBox::question(this, tr("Delete Schema"), question) != QMessageBox::Yes) return;
  }
  QString path = version < 0 ? QStringLiteral("/subjects/%1").arg(encode(subject))
                             : QStringLiteral("/subjects/%1/versions/%2").arg(encode(subject)).arg(version);
  if (permanent) path += QStringLiteral("?permanent=true");
  request("DELETE", path, {}, [this, what, permanent](const app::RegistryAnswer& a) {
    setStatus(a.ok() ? (permanent ? tr("Deleted %1 permanently.").arg(what) : tr("Deleted %1.").arg(what)) : a.error, !a.ok());
    if (a.ok()) refresh();
  });
}

void SchemasDialog::openRegisterDialog() {
  auto* dialog = new RegisterDialog(this);
  dialog->setObjectName(QStringLiteral("registerSchemaDialog"));
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  auto* subject = new QLineEdit(currentSubject(), dialog);
  subject->setObjectName(QStringLiteral("registerSubjectEdit"));
  auto* type = new QComboBox(dialog);
  type->setObjectName(QStringLiteral("registerTypeCombo"));
  type->addItems({QStringLiteral("AVRO"), QStringLiteral("JSON"), QStringLiteral("PROTOBUF")});
  auto* text = new QPlainTextEdit(m_text->toPlainText(), dialog);
  text->setObjectName(QStringLiteral("registerSchemaEdit"));
  text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  const int typeIndex = type->findText(m_detail->text().section(QStringLiteral(" · "), 1, 1));
  if (typeIndex >= 0) type->setCurrentIndex(typeIndex);
  auto* answer = new QLabel(dialog);
  answer->setWordWrap(true);
  answer->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* subjectLabel = new QLabel(dialog);
  auto* typeLabel = new QLabel(dialog);
  subjectLabel->setBuddy(subject);
  typeLabel->setBuddy(type);
  auto* form = new QFormLayout;
  form->addRow(subjectLabel, subject);
  form->addRow(typeLabel, type);
  auto* buttons = new QDialogButtonBox(dialog);
  QPushButton* check = buttons->addButton(QString(), QDialogButtonBox::ActionRole);
  QPushButton* reg = buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
  QPushButton* close = buttons->addButton(QString(), QDialogButtonBox::RejectRole);
  dialog->retranslate = [dialog, subjectLabel, typeLabel, check, reg, close] {
    dialog->setWindowTitle(tr("Register Schema"));
    subjectLabel->setText(tr("&Subject:"));
    typeLabel->setText(tr("&Type:"));
    check->setText(tr("&Check Compatibility"));
    reg->setText(tr("&Register"));
    close->setText(tr("Close"));
  };
  dialog->retranslate();
  auto* layout = new QVBoxLayout(dialog);
  layout->addLayout(form);
  layout->addWidget(text, 1);
  layout->addWidget(answer);
  layout->addWidget(buttons);
  dialog->resize(720, 520);
  connect(this, &SchemasDialog::statusChanged, answer, [answer](const QString& s, bool error) {
    answer->setText(s);
    answer->setStyleSheet(error ? QStringLiteral("color: #d9534f;") : QString());
  });
  connect(check, &QPushButton::clicked, dialog, [this, subject, type, text] {
    checkCompatibility(subject->text().trimmed(), type->currentText(), text->toPlainText(), false);
  });
  connect(reg, &QPushButton::clicked, dialog, [this, subject, type, text] {
    checkCompatibility(subject->text().trimmed(), type->currentText(), text->toPlainText(), true);
  });
  connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
  dialog->show();
}

void SchemasDialog::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslateUi();
  QDialog::changeEvent(event);
}

void SchemasDialog::retranslateUi() {
  setWindowTitle(tr("Schema Registry"));
  m_subjectsLabel->setText(tr("S&ubjects:"));
  m_versionLabel->setText(tr("&Version:"));
  m_levelLabel->setText(tr("&Compatibility:"));
  m_refreshButton->setText(tr("R&efresh"));
  m_registerButton->setText(tr("&Register New Version…"));
  m_deleteButton->setText(tr("&Delete Version…"));
  m_permanent->setText(tr("&Permanently"));
  m_permanent->setToolTip(tr("A permanent delete needs a soft delete first, as Confluent's registry does."));
  for (int i = 0; i < m_versions->count(); ++i) m_versions->setItemText(i, tr("Version %1").arg(m_versions->itemData(i).toInt()));
  loadVersion();  // its detail line is a translated sentence too
  m_endpointLabel->setText(m_registry && m_registry->endpoint().isSet()
                               ? tr("Schema Registry at %1").arg(m_registry->endpoint().url)
                               : tr("This cluster has no Schema Registry: set its URL in the connection's settings."));
}

}  // namespace partita::ui
