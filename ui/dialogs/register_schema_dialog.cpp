#include "ui/dialogs/register_schema_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/theme.h"
#include "ui/widgets/schema_highlighter.h"

namespace partita::ui {

RegisterSchemaDialog::RegisterSchemaDialog(const QString& subject, const QString& type, const QString& text,
                                           QWidget* parent)
    : QDialog(parent),
      m_subjectLabel(new QLabel(this)),
      m_subject(new QLineEdit(subject, this)),
      m_typeLabel(new QLabel(this)),
      m_type(new QComboBox(this)),
      m_text(new QPlainTextEdit(text, this)),
      m_highlighter(new SchemaHighlighter(m_text->document())),
      m_answer(new QLabel(this)) {
  setObjectName(QStringLiteral("registerSchemaDialog"));
  m_subject->setObjectName(QStringLiteral("registerSubjectEdit"));
  m_type->setObjectName(QStringLiteral("registerTypeCombo"));
  m_type->addItems({QStringLiteral("AVRO"), QStringLiteral("JSON"), QStringLiteral("PROTOBUF")});
  if (m_type->findText(type) >= 0) m_type->setCurrentIndex(m_type->findText(type));
  m_text->setObjectName(QStringLiteral("registerSchemaEdit"));
  m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
  m_highlighter->setLanguage(SchemaHighlighter::languageForType(m_type->currentText()));
  connect(m_type, &QComboBox::currentTextChanged, this,
          [this](const QString& t) { m_highlighter->setLanguage(SchemaHighlighter::languageForType(t)); });
  m_answer->setObjectName(QStringLiteral("registerAnswerLabel"));
  m_answer->setWordWrap(true);
  m_answer->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_subjectLabel->setBuddy(m_subject);
  m_typeLabel->setBuddy(m_type);

  auto* form = new QFormLayout;
  form->addRow(m_subjectLabel, m_subject);
  form->addRow(m_typeLabel, m_type);
  auto* buttons = new QDialogButtonBox(this);
  m_check = buttons->addButton(QString(), QDialogButtonBox::ActionRole);
  m_check->setObjectName(QStringLiteral("registerCheckButton"));
  m_register = buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
  m_register->setObjectName(QStringLiteral("registerRegisterButton"));
  m_close = buttons->addButton(QString(), QDialogButtonBox::RejectRole);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(m_text, 1);
  layout->addWidget(m_answer);
  layout->addWidget(buttons);
  resize(720, 520);

  const auto ask = [this](bool registerAfter) {
    emit checkRequested(this->subject(), schemaType(), schemaText(), registerAfter);
  };
  connect(m_check, &QPushButton::clicked, this, [ask] { ask(false); });
  // Register does not close the dialog: the answer (compatible or not, the new id) is shown here.
  connect(m_register, &QPushButton::clicked, this, [ask] { ask(true); });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  retranslateUi();
}

QString RegisterSchemaDialog::subject() const { return m_subject->text().trimmed(); }
QString RegisterSchemaDialog::schemaType() const { return m_type->currentText(); }
QString RegisterSchemaDialog::schemaText() const { return m_text->toPlainText(); }
QString RegisterSchemaDialog::answer() const { return m_answer->text(); }

void RegisterSchemaDialog::showAnswer(const QString& text, bool error) {
  m_answerIsError = error;
  m_answer->setText(text);
  m_answer->setStyleSheet(error ? QStringLiteral("color: %1;").arg(codeColors().error.name()) : QString());
}

void RegisterSchemaDialog::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslateUi();
  if (event->type() == QEvent::PaletteChange) {
    m_highlighter->updateColors();
    showAnswer(m_answer->text(), m_answerIsError);
  }
  QDialog::changeEvent(event);
}

void RegisterSchemaDialog::retranslateUi() {
  setWindowTitle(tr("Register Schema"));
  m_subjectLabel->setText(tr("&Subject:"));
  m_typeLabel->setText(tr("&Type:"));
  m_check->setText(tr("&Check Compatibility"));
  m_register->setText(tr("&Register"));
  m_close->setText(tr("Close"));
}

}  // namespace partita::ui
