// MessageBar: an inline strip at the top of a page that reports the outcome of an operation where it happened
// (red with an error icon, or green with a check that hides itself after a few seconds). A plain child widget;
// hidden until showError/showSuccess. GUI thread only.
#pragma once

#include <QFrame>

class QLabel;
class QTimer;

namespace partita::ui {

class MessageBar : public QFrame {
  Q_OBJECT

 public:
  explicit MessageBar(QWidget* parent = nullptr);
  void showError(const QString& text);
  void showSuccess(const QString& text);
  QString text() const;
  bool isError() const { return m_error; }

 private:
  void showMessage(const QString& text, bool error);
  QLabel* m_icon;
  QLabel* m_text;
  QTimer* m_hide;
  bool m_error = false;
};

}  // namespace partita::ui
