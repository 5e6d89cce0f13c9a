// "Produce…": composes one record for a topic: key (or null), value (or null), headers (one "name=value" per
// line), partition (automatic = Kafka's default partitioner, or a chosen one), compression and acks.
// With a Schema Registry (setSchemaRegistry), the value can be written through a subject's latest schema: the
// JSON typed is encoded (Avro, Protobuf with a chosen message, JSON Schema) in Confluent's wire format, checked
// as the user types (off the GUI thread), and OK waits for a value that fits. The subject <topic>-value
// (Confluent's default TopicNameStrategy) is chosen when it exists. A topic whose values are set to a local
// schema file (Schema Files…) offers "Local file: <name>" too, chosen first: the JSON is encoded with the file
// (Avro, or Protobuf with a chosen message) and written unframed, as the Messages page decodes it. A local key
// file likewise offers "Encode with <name>" for the key (checked when the file is set; JSON typed on one line).
//
// Contract: OK is enabled only when the input is valid (a topic is chosen, every header line has a
// non-empty name before '=', a chosen partition exists); errorText() says what is wrong. spec() returns the
// request for MessageBrowser::produce. Owned by whoever opens it. GUI thread only.
#pragma once

#include <QDialog>

#include "app/bridge/message_types.h"
#include "app/bridge/schema_registry.h"

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

  // Offers the registry's subjects and the topic's local value file (nullptr: plain text only).
  void setSchemaRegistry(app::SchemaRegistry* registry);
  // The subject the value is written through ("" = none); setting one starts the check.
  void setValueSubject(const QString& subject);
  QString valueSubject() const;
  // Whether the value is written through the topic's local schema file; chooseLocalSchema() chooses it.
  bool isLocalSchemaChosen() const;
  void chooseLocalSchema();
  QString schemaStatus() const;
  bool isChecking() const { return m_encodeTicket != 0 || m_keyEncodeTicket != 0; }
  // Whether the key is written through the topic's local key file; its check's line.
  bool isKeyThroughSchema() const;
  QString keySchemaStatus() const;

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
  void checkValue();
  // Refills the schema choices (the topic's local file, the registry's subjects), keeping the subject `keep`.
  void fillSchemaCombo(const QString& keep);
  void retranslateSchemaCombo();
  QString chosenSchemaName() const;  // the subject or the local file's name; "" = none
  void showSchemaStatus();  // the line under the subject: checking, fits, or why not
  QString schemaError() const;  // why the value cannot be produced through the chosen subject yet ("" = it can)
  void onEncoded(quint64 ticket, const app::EncodedValue& value);
  void checkKey();
  void showKeyStatus();  // the line under the key: checking, fits, or why not
  void updateKeySchema();  // the key file's choice for the current topic
  QString keySchemaError() const;  // why the key cannot be produced through its file yet ("" = it can)
  int partitionsOfTopic() const;

  QList<app::TopicSummary> m_topics;
  QFormLayout* m_form;
  QList<QLabel*> m_labels;  // one per form row
  QComboBox* m_topicCombo;
  QComboBox* m_partitionCombo;
  QLineEdit* m_keyEdit;
  QCheckBox* m_nullKey;
  QCheckBox* m_keySchemaCheck;  // shown when the topic has a local key file
  QLabel* m_keyStatus;
  QString m_keyFile;            // the local key file's name ("" = none)
  quint64 m_keyEncodeTicket = 0;
  app::EncodedValue m_keyEncoded;
  QPlainTextEdit* m_valueEdit;
  QCheckBox* m_nullValue;
  QPlainTextEdit* m_headersEdit;
  QComboBox* m_compressionCombo;
  QComboBox* m_acksCombo;
  QLabel* m_errorLabel;
  QDialogButtonBox* m_buttons;
  QComboBox* m_schemaCombo;      // item 0: no schema; then the topic's local file; then the registry's subjects
  QComboBox* m_messageCombo;     // Protobuf: the message the value is
  QLabel* m_schemaStatus;
  app::SchemaRegistry* m_registry = nullptr;
  QStringList m_subjects;        // the registry's
  quint64 m_subjectsTicket = 0;
  quint64 m_encodeTicket = 0;
  app::EncodedValue m_encoded;
  QString m_wantedSubject;       // chosen before the subject list arrived
  QPushButton* m_produceButton;  // AcceptRole (a renamed standard Ok says "OK" again on a language change)
};

}  // namespace partita::ui
