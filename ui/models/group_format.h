// Text for the numbers of the consumer-group views: counts with the locale's digit grouping, durations as
// "1 h 5 min", and a dash for unknown (-1) values. Pure functions; any thread (they read QLocale()).
#pragma once

#include <QString>

namespace partita::ui {

// "12,345"; an en dash for a negative (unknown) value.
QString formatCount(qint64 value);
// "850 ms", "42 s", "3 min 20 s", "2 h 5 min", "3 d 4 h"; an en dash for a negative (unknown) value.
QString formatDuration(qint64 milliseconds);

}  // namespace partita::ui
