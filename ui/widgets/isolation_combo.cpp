#include "ui/widgets/isolation_combo.h"

#include <QEvent>

namespace partita::ui {

IsolationCombo::IsolationCombo(QWidget* parent) : QComboBox(parent) {
  setObjectName(QStringLiteral("messagesIsolationCombo"));
  addItems({QString(), QString()});  // read_uncommitted, read_committed
  setSizeAdjustPolicy(QComboBox::AdjustToContents);
  retranslate();
}

void IsolationCombo::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QComboBox::changeEvent(event);
}

void IsolationCombo::retranslate() {
  setItemText(0, tr("read_uncommitted"));
  setItemText(1, tr("read_committed"));
  setToolTip(tr("Isolation level of the reads (Kafka's isolation.level).\n"
                "read_uncommitted: every record up to the high watermark, including those of open and aborted "
                "transactions; COMMIT / ABORT markers are shown as marked rows.\n"
                "read_committed: what a transactional consumer sees: records up to the last stable offset, without "
                "aborted transactions and markers."));
}

}  // namespace partita::ui
