// IsolationCombo: the Messages page's read_uncommitted / read_committed switch (KIP-98 isolation levels), as a
// combo box whose items and tooltip follow the UI language. GUI thread only; owned by its parent widget.
#pragma once

#include <QComboBox>

namespace partita::ui {

class IsolationCombo : public QComboBox {
  Q_OBJECT

 public:
  explicit IsolationCombo(QWidget* parent = nullptr);
  bool readCommitted() const { return currentIndex() == 1; }
  void setReadCommitted(bool on) { setCurrentIndex(on ? 1 : 0); }

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
};

}  // namespace partita::ui
