#include "ui/pages/schemas_page.h"

#include <algorithm>

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QUrl>
#include <QVBoxLayout>

#include "ui/dialogs/register_schema_dialog.h"
#include "ui/empty_state_widget.h"
#include "ui/resources.h"
#include "ui/theme.h"
#include "ui/widgets/message_format.h"
#include "ui/widgets/schema_diff_view.h"
#include "ui/widgets/schema_highlighter.h"

namespace partita::ui {

namespace {

const QStringList kLevels = {QStringLiteral("BACKWARD"), QStringLiteral("BACKWARD_TRANSITIVE"),
                             QStringLiteral("FORWARD"),  QStringLiteral("FORWARD_TRANSITIVE"),
                             QStringLiteral("FULL"),     QStringLiteral("FULL_TRANSITIVE"),
                             QStringLiteral("NONE")};

QString encode(const QString& subject) { return QString::fromLatin1(QUrl::toPercentEncoding(subject)); }

QJsonDocument json(const QByteArray& body) { return QJsonDocument::fromJson(body); }

QString cacheKey(const QString& subject, int version) { return subject + QLatin1Char('\n') + QString::number(version); }

// Avro and JSON Schema texts as indented JSON (the registry stores them on one line); Protobuf as written.
QString displayText(const QString& type, const QString& text) {
  if (type == QLatin1String("PROTOBUF")) return text;
  const QString pretty = prettyJson(text.toUtf8());
  return pretty.isEmpty() ? text : pretty;
}

// A combo with its buddy label (both children of `parent`), sized to its longest entry.
QComboBox* labelledCombo(QLabel** label, const QString& name, QWidget* parent) {
  *label = new QLabel(parent);
  auto* combo = new QComboBox(parent);
  combo->setObjectName(name);
  combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  (*label)->setBuddy(combo);
  return combo;
}

void selectLevel(QComboBox* combo, const QString& level) {
  combo->setCurrentIndex(std::max(0, static_cast<int>(kLevels.indexOf(level))));
}

}  // namespace

SchemasPage::SchemasPage(const QList<QAction*>& clusterActions, QWidget* parent)
    : Page(parent),
      m_stack(new QStackedWidget(this)),
      m_emptyState(new EmptyStateWidget(icon(QStringLiteral("nav-schemas")), this)),
      m_retryAction(new QAction(this)) {
  setObjectName(QStringLiteral("schemasPage"));
  m_retryAction->setObjectName(QStringLiteral("schemasRetryAction"));
  connect(m_retryAction, &QAction::triggered, this, &SchemasPage::refresh);
  m_emptyState->addAction(m_retryAction);
  for (QAction* action : clusterActions) m_emptyState->addAction(action);
  stackEmptyStateAndContent(m_stack, m_emptyState, buildContent());
  retranslateUi();
  setEmpty(Empty::NoConnection);
}

QWidget* SchemasPage::buildContent() {
  auto* content = new QWidget(this);
  m_endpointLabel = new QLabel(content);
  m_endpointLabel->setObjectName(QStringLiteral("schemaEndpointLabel"));
  m_endpointLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_globalLevel = labelledCombo(&m_globalLevelLabel, QStringLiteral("schemaGlobalLevelCombo"), content);
  m_globalLevel->addItems(kLevels);
  m_refreshButton = new QPushButton(content);
  m_refreshButton->setObjectName(QStringLiteral("schemaRefreshButton"));
  m_registerButton = new QPushButton(content);
  m_registerButton->setObjectName(QStringLiteral("schemaRegisterButton"));
  auto* top = new QHBoxLayout;
  top->addWidget(m_endpointLabel, 1);
  top->addWidget(m_globalLevelLabel);
  top->addWidget(m_globalLevel);
  top->addSpacing(12);
  top->addWidget(m_refreshButton);
  top->addWidget(m_registerButton);

  auto* left = new QWidget(content);
  auto* leftLayout = new QVBoxLayout(left);
  leftLayout->setContentsMargins(0, 0, 0, 0);
  m_subjectsLabel = new QLabel(left);
  m_subjects = new QListWidget(left);
  m_subjects->setObjectName(QStringLiteral("schemaSubjectList"));
  m_subjectsLabel->setBuddy(m_subjects);
  leftLayout->addWidget(m_subjectsLabel);
  leftLayout->addWidget(m_subjects, 1);

  auto* right = new QWidget(content);
  auto* rightLayout = new QVBoxLayout(right);
  rightLayout->setContentsMargins(0, 0, 0, 0);
  m_versions = labelledCombo(&m_versionLabel, QStringLiteral("schemaVersionCombo"), right);
  m_level = labelledCombo(&m_levelLabel, QStringLiteral("schemaLevelCombo"), right);
  m_level->addItems(kLevels);
  m_levelOrigin = new QLabel(right);
  m_levelOrigin->setObjectName(QStringLiteral("schemaLevelOrigin"));
  m_levelOrigin->setForegroundRole(QPalette::PlaceholderText);
  auto* choices = new QHBoxLayout;
  choices->addWidget(m_versionLabel);
  choices->addWidget(m_versions);
  choices->addSpacing(16);
  choices->addWidget(m_levelLabel);
  choices->addWidget(m_level);
  choices->addWidget(m_levelOrigin);
  choices->addStretch();
  rightLayout->addLayout(choices);
  m_detail = new QLabel(right);
  m_detail->setObjectName(QStringLiteral("schemaDetailLabel"));
  m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
  rightLayout->addWidget(m_detail);

  m_tabs = new QTabWidget(right);
  m_tabs->setObjectName(QStringLiteral("schemaTabs"));
  m_text = new QPlainTextEdit(m_tabs);
  m_text->setObjectName(QStringLiteral("schemaTextView"));
  m_text->setReadOnly(true);
  m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
  m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  m_highlighter = new SchemaHighlighter(m_text->document());
  m_tabs->addTab(m_text, QString());
  auto* compare = new QWidget(m_tabs);
  auto* compareLayout = new QVBoxLayout(compare);
  m_compareFrom = labelledCombo(&m_compareFromLabel, QStringLiteral("schemaCompareFromCombo"), compare);
  m_compareTo = labelledCombo(&m_compareToLabel, QStringLiteral("schemaCompareToCombo"), compare);
  auto* pick = new QHBoxLayout;
  pick->addWidget(m_compareFromLabel);
  pick->addWidget(m_compareFrom);
  pick->addSpacing(12);
  pick->addWidget(m_compareToLabel);
  pick->addWidget(m_compareTo);
  pick->addStretch();
  compareLayout->addLayout(pick);
  m_diffView = new SchemaDiffView(compare);
  m_diffView->setObjectName(QStringLiteral("schemaDiffView"));
  compareLayout->addWidget(m_diffView, 1);
  m_tabs->addTab(compare, QString());
  rightLayout->addWidget(m_tabs, 1);

  m_permanent = new QCheckBox(right);
  m_permanent->setObjectName(QStringLiteral("schemaPermanentCheck"));
  m_deleteVersionButton = new QPushButton(right);
  m_deleteVersionButton->setObjectName(QStringLiteral("schemaDeleteVersionButton"));
  m_deleteSubjectButton = new QPushButton(right);
  m_deleteSubjectButton->setObjectName(QStringLiteral("schemaDeleteSubjectButton"));
  auto* buttons = new QHBoxLayout;
  buttons->addStretch();
  buttons->addWidget(m_permanent);
  buttons->addWidget(m_deleteVersionButton);
  buttons->addWidget(m_deleteSubjectButton);
  rightLayout->addLayout(buttons);

  auto* splitter = new QSplitter(content);
  splitter->addWidget(left);
  splitter->addWidget(right);
  splitter->setStretchFactor(0, 1);
  splitter->setStretchFactor(1, 3);
  splitter->setSizes({240, 720});
  m_status = new QLabel(content);
  m_status->setObjectName(QStringLiteral("schemaStatusLabel"));
  m_status->setWordWrap(true);
  m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* layout = new QVBoxLayout(content);
  layout->addLayout(top);
  layout->addWidget(splitter, 1);
  layout->addWidget(m_status);

  connect(m_refreshButton, &QPushButton::clicked, this, &SchemasPage::refresh);
  connect(m_registerButton, &QPushButton::clicked, this, &SchemasPage::openRegisterDialog);
  connect(m_subjects, &QListWidget::currentTextChanged, this, &SchemasPage::loadSubject);
  connect(m_versions, &QComboBox::currentIndexChanged, this, &SchemasPage::loadVersion);
  connect(m_compareFrom, &QComboBox::currentIndexChanged, this, &SchemasPage::updateDiff);
  connect(m_compareTo, &QComboBox::currentIndexChanged, this, &SchemasPage::updateDiff);
  connect(m_tabs, &QTabWidget::currentChanged, this, &SchemasPage::updateDiff);
  connect(m_level, &QComboBox::activated, this, [this] { setLevel(currentSubject(), m_level->currentText()); });
  connect(m_globalLevel, &QComboBox::activated, this, [this] { setLevel(QString(), m_globalLevel->currentText()); });
  connect(m_deleteVersionButton, &QPushButton::clicked, this, [this] {
    deleteVersion(currentSubject(), m_versions->currentData().toInt(), m_permanent->isChecked());
  });
  connect(m_deleteSubjectButton, &QPushButton::clicked, this,
          [this] { deleteVersion(currentSubject(), -1, m_permanent->isChecked()); });
  return content;
}

QString SchemasPage::title() const { return tr("Schemas"); }

void SchemasPage::setSchemaRegistry(app::SchemaRegistry* registry) {
  for (const auto& link : m_registryLinks) disconnect(link);
  m_registryLinks.clear();
  m_pending.clear();  // answers of the previous registry are not for this one
  m_registry = registry;
  if (registry != nullptr) {
    m_registryLinks << connect(registry, &app::SchemaRegistry::answered, this,
                               [this](quint64 ticket, const app::RegistryAnswer& answer) {
                                 const Handler handler = m_pending.take(ticket);
                                 if (handler) handler(answer);
                                 if (m_pending.isEmpty()) emit idle();
                               });
    // A local cluster's registry is found once the cluster runs: show it as soon as it is.
    m_registryLinks << connect(registry, &app::SchemaRegistry::endpointChanged, this, &SchemasPage::refresh);
  }
  {
    const QSignalBlocker block(m_subjects);
    m_subjects->clear();
  }
  setStatus(QString(), false);
  loadSubject();
  refresh();
}

bool SchemasPage::showsContent() const { return m_stack->currentIndex() == 1; }
QString SchemasPage::emptyStateTitle() const { return m_emptyState->title(); }
QString SchemasPage::currentSubject() const {
  return m_subjects->currentItem() != nullptr ? m_subjects->currentItem()->text() : QString();
}
QString SchemasPage::schemaText() const { return m_text->toPlainText(); }
QString SchemasPage::detailText() const { return m_detail->text(); }
QString SchemasPage::statusText() const { return m_status->text(); }

void SchemasPage::request(const QByteArray& method, const QString& path, const QByteArray& body, Handler handler) {
  if (!m_registry || !m_registry->endpoint().isSet()) return;  // the empty state already says why
  m_pending.insert(m_registry->call(method, path, body), std::move(handler));
}

void SchemasPage::setEmpty(Empty reason, const QString& error) {
  m_empty = reason;
  m_emptyError = error;
  m_stack->setCurrentIndex(reason == Empty::None ? 1 : 0);
  renderEmptyState();
}

void SchemasPage::renderEmptyState() {
  m_retryAction->setVisible(m_empty == Empty::Unreachable);
  switch (m_empty) {
    case Empty::None:
    case Empty::NoConnection:
      m_emptyState->setTitle(tr("No Schema Registry yet"));
      m_emptyState->setDescription(
          tr("The subjects of a cluster's Schema Registry appear here: their versions, schema texts and the "
             "differences between them, and compatibility levels. Start a local cluster (it serves a registry of "
             "its own) or connect to one with a Schema Registry URL."));
      break;
    case Empty::NoRegistry:
      m_emptyState->setTitle(tr("This connection names no Schema Registry"));
      m_emptyState->setDescription(
          tr("Connect again with the registry's URL in the Connect dialog's Schema Registry fields to see its "
             "subjects and schemas here. A local cluster started by Partita serves one of its own."));
      break;
    case Empty::Unreachable:
      m_emptyState->setTitle(tr("The Schema Registry does not answer"));
      m_emptyState->setDescription(tr("%1 could not be reached: %2")
                                       .arg(m_registry ? m_registry->endpoint().url : QString(), m_emptyError));
      break;
  }
}

void SchemasPage::refresh() {
  if (!m_registry) {
    setEmpty(Empty::NoConnection);
    return;
  }
  if (!m_registry->endpoint().isSet()) {
    setEmpty(Empty::NoRegistry);
    return;
  }
  m_endpointLabel->setText(tr("Schema Registry at %1").arg(m_registry->endpoint().url));
  m_versionTexts.clear();  // versions may have been deleted (and their numbers reused) since
  request("GET", QStringLiteral("/config"), {}, [this](const app::RegistryAnswer& a) {
    if (!a.ok()) return;  // /subjects says why
    m_globalLevelValue = json(a.body).object().value(QStringLiteral("compatibilityLevel")).toString();
    selectLevel(m_globalLevel, m_globalLevelValue);
  });
  request("GET", QStringLiteral("/subjects"), {}, [this](const app::RegistryAnswer& a) {
    if (a.httpStatus == 0) {  // no answer at all: the registry is down or the URL is wrong
      setEmpty(Empty::Unreachable, a.error);
      return;
    }
    setEmpty(Empty::None);
    if (!a.ok()) {
      setStatus(a.error, true);
      return;
    }
    const QString current = currentSubject();
    QStringList subjects;
    for (const QJsonValue& v : json(a.body).array()) subjects << v.toString();
    subjects.sort();
    {
      const QSignalBlocker block(m_subjects);
      m_subjects->clear();
      m_subjects->addItems(subjects);
      const auto found = m_subjects->findItems(current, Qt::MatchExactly);
      if (!found.isEmpty()) m_subjects->setCurrentItem(found.first());
      else if (m_subjects->count() > 0) m_subjects->setCurrentRow(0);
    }
    loadSubject();  // also when the same subject stays chosen: a registration or delete changed its versions
    // The status line keeps the answer of the last action (a registration refreshes the list).
  });
}

void SchemasPage::loadSubject() {
  const QString subject = currentSubject();
  for (QComboBox* combo : {m_versions, m_compareFrom, m_compareTo}) {
    const QSignalBlocker block(combo);
    combo->clear();
  }
  m_text->clear();
  m_detail->clear();
  m_levelOrigin->clear();
  m_diffView->showMessage(QString());
  const bool chosen = !subject.isEmpty();
  for (QWidget* w : std::initializer_list<QWidget*>{m_level, m_deleteVersionButton, m_deleteSubjectButton}) w->setEnabled(chosen);
  if (!chosen) return;
  loadLevel();
  request("GET", QStringLiteral("/subjects/%1/versions").arg(encode(subject)), {}, [this, subject](const app::RegistryAnswer& a) {
    if (subject != currentSubject()) return;
    if (!a.ok()) {  // in the detail line: the status line keeps the answer to the user's last action
      m_detail->setText(a.error);
      return;
    }
    for (QComboBox* combo : {m_versions, m_compareFrom, m_compareTo}) {
      const QSignalBlocker block(combo);
      combo->clear();
      for (const QJsonValue& v : json(a.body).array()) combo->addItem(tr("Version %1").arg(v.toInt()), v.toInt());
    }
    m_versions->setCurrentIndex(m_versions->count() - 1);  // the latest (signals were blocked: load it here)
    loadVersion();
  });
}

void SchemasPage::fetchVersion(const QString& subject, int version, std::function<void(const VersionText&)> done) {
  const QString key = cacheKey(subject, version);
  if (m_versionTexts.contains(key)) {
    done(m_versionTexts.value(key));
    return;
  }
  request("GET", QStringLiteral("/subjects/%1/versions/%2").arg(encode(subject)).arg(version), {},
          [this, key, done = std::move(done)](const app::RegistryAnswer& a) {
            if (!a.ok()) {  // e.g. a version deleted meanwhile; the status line keeps the last action's answer
              m_detail->setText(a.error);
              return;
            }
            const QJsonObject o = json(a.body).object();
            VersionText v;
            v.id = o.value(QStringLiteral("id")).toInt();
            v.type = o.value(QStringLiteral("schemaType")).toString(QStringLiteral("AVRO"));
            v.text = displayText(v.type, o.value(QStringLiteral("schema")).toString());
            m_versionTexts.insert(key, v);
            done(v);
          });
}

void SchemasPage::loadVersion() {
  const QString subject = currentSubject();
  if (subject.isEmpty() || m_versions->currentIndex() < 0) return;
  const int index = m_versions->currentIndex();
  const int version = m_versions->currentData().toInt();
  // Compare defaults follow the shown version: it against the one before it (or itself when it is the first).
  {
    const QSignalBlocker blockFrom(m_compareFrom), blockTo(m_compareTo);
    m_compareTo->setCurrentIndex(index);
    m_compareFrom->setCurrentIndex(std::max(0, index - 1));
  }
  fetchVersion(subject, version, [this, subject, version](const VersionText& v) {
    if (subject != currentSubject() || version != m_versions->currentData().toInt()) return;
    renderDetail();
    m_highlighter->setLanguage(SchemaHighlighter::languageForType(v.type));
    m_text->setPlainText(v.text);
  });
  updateDiff();
}

void SchemasPage::renderDetail() {
  const QString subject = currentSubject();
  const int version = m_versions->currentData().toInt();
  const auto shown = m_versionTexts.constFind(cacheKey(subject, version));
  if (subject.isEmpty() || shown == m_versionTexts.constEnd()) return;
  m_detail->setText(tr("Schema id %1 · %2 · version %3 of %4").arg(shown->id).arg(shown->type).arg(version).arg(subject));
}

void SchemasPage::updateDiff() {
  if (m_tabs->currentIndex() != CompareTab) return;  // compared when the tab is shown
  const QString subject = currentSubject();
  if (subject.isEmpty() || m_compareFrom->currentIndex() < 0 || m_compareTo->currentIndex() < 0) return;
  if (m_compareFrom->count() < 2) {
    m_diffView->showMessage(tr("%1 has one version: there is nothing to compare it with yet.").arg(subject));
    return;
  }
  const int from = m_compareFrom->currentData().toInt();
  const int to = m_compareTo->currentData().toInt();
  const auto stillShown = [this, subject, from, to] {
    return subject == currentSubject() && from == m_compareFrom->currentData().toInt() &&
           to == m_compareTo->currentData().toInt();
  };
  fetchVersion(subject, from, [this, subject, from, to, stillShown](const VersionText& before) {
    if (!stillShown()) return;
    fetchVersion(subject, to, [this, from, to, before, stillShown](const VersionText& after) {
      if (!stillShown()) return;
      m_diffView->compare(before.text, after.text, tr("version %1").arg(from), tr("version %1").arg(to));
    });
  });
}

void SchemasPage::loadLevel() {
  const QString subject = currentSubject();
  if (subject.isEmpty()) return;
  // A subject without its own level inherits the global one (40408 from /config/{subject}).
  request("GET", QStringLiteral("/config/%1").arg(encode(subject)), {}, [this, subject](const app::RegistryAnswer& a) {
    if (subject != currentSubject()) return;
    m_subjectLevelOwn = a.ok();
    selectLevel(m_level, m_subjectLevelOwn ? json(a.body).object().value(QStringLiteral("compatibilityLevel")).toString()
                                           : m_globalLevelValue);
    m_levelOrigin->setText(m_subjectLevelOwn ? tr("set for this subject") : tr("inherited from the global level"));
  });
}

void SchemasPage::setLevel(const QString& subject, const QString& level) {
  const QString path = subject.isEmpty() ? QStringLiteral("/config") : QStringLiteral("/config/%1").arg(encode(subject));
  request("PUT", path, QJsonDocument(QJsonObject{{QStringLiteral("compatibility"), level}}).toJson(QJsonDocument::Compact),
          [this, subject, level](const app::RegistryAnswer& a) {
            if (!a.ok()) {
              setStatus(a.error, true);
              return;
            }
            if (subject.isEmpty()) {
              m_globalLevelValue = level;
              setStatus(tr("The global compatibility level is now %1.").arg(level), false);
            } else {
              setStatus(tr("%1 now uses %2.").arg(subject, level), false);
            }
            loadLevel();  // the subject's own level, or the new global one it inherits
          });
}

void SchemasPage::checkCompatibility(const QString& subject, const QString& type, const QString& text,
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
                      // Show the subject registered to (a new one too) once the list is refreshed.
                      const QSignalBlocker block(m_subjects);
                      if (m_subjects->findItems(subject, Qt::MatchExactly).isEmpty()) m_subjects->addItem(subject);
                      m_subjects->setCurrentItem(m_subjects->findItems(subject, Qt::MatchExactly).first());
                      refresh();
                    });
          });
}

void SchemasPage::deleteVersion(const QString& subject, int version, bool permanent) {
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

RegisterSchemaDialog* SchemasPage::openRegisterDialog() {
  const QString type = m_versionTexts.value(cacheKey(currentSubject(), m_versions->currentData().toInt())).type;
  auto* dialog = new RegisterSchemaDialog(currentSubject(), type, m_text->toPlainText(), this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &RegisterSchemaDialog::checkRequested, this, &SchemasPage::checkCompatibility);
  connect(this, &SchemasPage::statusChanged, dialog, &RegisterSchemaDialog::showAnswer);
  dialog->show();
  return dialog;
}

void SchemasPage::setStatus(const QString& text, bool error) {
  m_statusText = text;
  m_statusError = error;
  renderStatus();
  emit statusChanged(text, error);
}

void SchemasPage::renderStatus() {
  m_status->setText(m_statusText);
  m_status->setVisible(!m_statusText.isEmpty());
  m_status->setStyleSheet(m_statusError ? QStringLiteral("color: %1;").arg(codeColors().error.name()) : QString());
}

void SchemasPage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::PaletteChange) {
    m_highlighter->updateColors();
    renderStatus();
  }
  Page::changeEvent(event);
}

void SchemasPage::showEvent(QShowEvent* event) {
  Page::showEvent(event);
  // Others may have registered or deleted since: the page is current whenever it is looked at.
  if (m_pending.isEmpty()) refresh();
}

void SchemasPage::retranslateUi() {
  m_retryAction->setText(tr("&Retry"));
  renderEmptyState();
  if (m_registry && m_registry->endpoint().isSet())
    m_endpointLabel->setText(tr("Schema Registry at %1").arg(m_registry->endpoint().url));
  m_globalLevelLabel->setText(tr("&Global compatibility:"));
  m_globalLevel->setToolTip(tr("The level of every subject without its own"));
  m_refreshButton->setText(tr("R&efresh"));
  m_registerButton->setText(tr("Register &New Version…"));
  m_subjectsLabel->setText(tr("S&ubjects:"));
  m_versionLabel->setText(tr("&Version:"));
  m_levelLabel->setText(tr("&Compatibility:"));
  m_tabs->setTabText(SchemaTab, tr("Schema"));
  m_tabs->setTabText(CompareTab, tr("Compare Versions"));
  m_compareFromLabel->setText(tr("C&ompare:"));
  m_compareToLabel->setText(tr("&with:"));
  m_permanent->setText(tr("&Permanently"));
  m_permanent->setToolTip(tr("A permanent delete needs a soft delete first, as Confluent's registry does."));
  m_deleteVersionButton->setText(tr("&Delete Version…"));
  m_deleteSubjectButton->setText(tr("Delete &Subject…"));
  for (QComboBox* combo : {m_versions, m_compareFrom, m_compareTo})
    for (int i = 0; i < combo->count(); ++i) combo->setItemText(i, tr("Version %1").arg(combo->itemData(i).toInt()));
  if (!m_levelOrigin->text().isEmpty())
    m_levelOrigin->setText(m_subjectLevelOwn ? tr("set for this subject") : tr("inherited from the global level"));
  renderDetail();
  updateDiff();  // its summary names the versions in the new language ("version 1 → version 2")
}

}  // namespace partita::ui
