// Access to the icons compiled into partita_ui (resources/partita.qrc).
//
// Contract: the resource data lives in the static library, so it must be registered explicitly
// before first use; icon() does that on its first call. GUI thread only.
#pragma once

#include <QIcon>
#include <QString>

namespace partita::ui {

// Registers the compiled-in icons; safe to call any number of times.
void ensureResources();

// `name` is the file name without ".svg", e.g. "nav-topics", "broker", "partita".
QIcon icon(const QString& name);

}  // namespace partita::ui
