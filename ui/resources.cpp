#include "ui/resources.h"

#include <QtGlobal>

// Q_INIT_RESOURCE must be used outside any namespace.
static void initPartitaResources() { Q_INIT_RESOURCE(partita); }

namespace partita::ui {

void ensureResources() {
  static const bool registered = (initPartitaResources(), true);
  Q_UNUSED(registered);
}

QIcon icon(const QString& name) {
  ensureResources();
  return QIcon(QStringLiteral(":/icons/%1.svg").arg(name));
}

}  // namespace partita::ui
