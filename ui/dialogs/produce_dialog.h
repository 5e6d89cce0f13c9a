// "Produce…": composes one record for a topic: key (or null), value (or null), headers (one "name=value" per
// line), partition (automatic = Kafka's default partitioner, or a chosen one), compression and acks.
//
// Contract: OK is enabled only when the input is valid (a topic is chosen, every header line has a
// non-empty name before '=', a chosen partition exists); errorText() says what is wrong. spec() returns the
// request for MessageBrowser::produce. Owned by whoever opens it. GUI thread only.
#pragma once

#include <QDialog>

#include "app/bridge/message_types.h"

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace partita::ui {

class ProduceDialog : public QDialog {
  Q_OBJECT

 public:
  explicit ProduceDialog(const QList<app::TopicSummary>& topics, const QString& topic, QWidget* parent = nullptr);

  app::ProduceSpec spec() const;
  bool isValid() const { return errorText().isEmpty(); }
  QString errorText() const;

  // Parses "name=value" lines (blank lines skipped; "name" alone is a header with a null value). Returns
  // false with *badLine set (1-based) when a line has no name.
  static bool parseHeaders(const QString& text, QList<app::MessageHeader>* headers, int* badLine);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslateUi();
  void updateState();
  int partitionsOfTopic() const;

  QList<app::TopicSummary> m_topics;
  QFormLayout* m_form;
  QList<QLabel*> m_labels;  // one per form row
  QComboBox* m_topicCombo;
  QComboBox* m_partitionCombo;
  QLineEdit* m_keyEdit;
  QCheckBox* m_nullKey;
  QPlainTextEdit* m_valueEdit;
  QCheckBox* m_nullValue;
  QPlainTextEdit* m_headersEdit;
  QComboBox* m_compressionCombo;
  QComboBox* m_acksCombo;
  QLabel* m_errorLabel;
  QDialogButtonBox* m_buttons;
  QPushButton* m_produceButton;  // AcceptRole (a renamed standard Ok says "OK" again on a language change)
};

}  // namespace partita::ui
