// The Schemas page's "Register New Version" dialog: a subject, a schema type and the schema text (highlighted as
// it is typed). "Check Compatibility" and "Register" only ask (checkRequested); the page runs the registry's
// compatibility check, registers when asked and compatible, and shows its answer here (showAnswer).
// Ownership: a non-modal child of the page, deleted on close. GUI thread only.
#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace partita::ui {

class SchemaHighlighter;

class RegisterSchemaDialog : public QDialog {
  Q_OBJECT

 public:
  RegisterSchemaDialog(const QString& subject, const QString& type, const QString& text, QWidget* parent = nullptr);

  QString subject() const;
  QString schemaType() const;
  QString schemaText() const;
  QString answer() const;

 public slots:
  void showAnswer(const QString& text, bool error);

 signals:
  void checkRequested(const QString& subject, const QString& type, const QString& text, bool registerAfter);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslateUi();

  QLabel* m_subjectLabel;
  QLineEdit* m_subject;
  QLabel* m_typeLabel;
  QComboBox* m_type;
  QPlainTextEdit* m_text;
  SchemaHighlighter* m_highlighter;
  QLabel* m_answer;
  QPushButton* m_check;
  QPushButton* m_register;
  QPushButton* m_close;
  bool m_answerIsError = false;
};

}  // namespace partita::ui
