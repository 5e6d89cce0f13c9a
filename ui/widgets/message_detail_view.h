// MessageDetailView: the message page's detail pane for one record: a Text view (metadata, headers, key and
// value as text), a pretty-printed JSON view of the value (or key), and a hex dump, with a switch between
// the value and the key. Ownership: a plain child widget holding a copy of the record. GUI thread only.
#pragma once

#include <QWidget>
#include <optional>

#include "app/bridge/message_types.h"

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QTabWidget;

namespace partita::ui {

class MessageDetailView : public QWidget {
  Q_OBJECT

 public:
  enum Tab { TextTab, JsonTab, HexTab };

  explicit MessageDetailView(QWidget* parent = nullptr);

  void setRow(const std::optional<app::MessageRow>& row);
  QString text(Tab tab) const;
  QTabWidget* tabs() const { return m_tabs; }

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslateUi();
  void refresh();

  std::optional<app::MessageRow> m_row;
  QLabel* m_partLabel;
  QComboBox* m_partCombo;
  QTabWidget* m_tabs;
  QPlainTextEdit* m_text;
  QPlainTextEdit* m_json;
  QPlainTextEdit* m_hex;
};

}  // namespace partita::ui
