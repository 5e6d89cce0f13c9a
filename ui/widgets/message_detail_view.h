// MessageDetailView: the message page's detail pane for one record: a Text view (metadata, headers, key and
// value as text), a pretty-printed JSON view of the value (or key), and a hex dump, with a switch between
// the value and the key. Ownership: a plain child widget holding a copy of the record. GUI thread only.
#pragma once

#include <QWidget>
#include <optional>

#include "app/bridge/message_types.h"
#include "app/bridge/schema_registry.h"

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QTabWidget;

namespace partita::ui {

class MessageDetailView : public QWidget {
  Q_OBJECT

 public:
  enum Tab { TextTab, JsonTab, HexTab };
  enum Format { SchemaRegistryFormat, RawFormat };

  explicit MessageDetailView(QWidget* parent = nullptr);

  void setRow(const std::optional<app::MessageRow>& row, const QString& topic = {});
  // nullptr: no decoding. The registry must outlive the view or be reset to nullptr first.
  void setSchemaRegistry(app::SchemaRegistry* registry);
  QComboBox* formatCombo() const { return m_formatCombo; }
  QString text(Tab tab) const;
  QTabWidget* tabs() const { return m_tabs; }

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslateUi();
  void refresh();
  void requestDecoding();

  std::optional<app::MessageRow> m_row;
  QString m_topic;
  QLabel* m_partLabel;
  QComboBox* m_partCombo;
  QLabel* m_formatLabel;
  QComboBox* m_formatCombo;
  app::SchemaRegistry* m_registry = nullptr;
  QMetaObject::Connection m_registryLink, m_localLink;
  quint64 m_decodeTicket = 0;
  std::optional<app::DecodedRow> m_decoded;
  QTabWidget* m_tabs;
  QPlainTextEdit* m_text;
  QPlainTextEdit* m_json;
  QPlainTextEdit* m_hex;
};

}  // namespace partita::ui
