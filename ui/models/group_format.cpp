#include "ui/models/group_format.h"

#include <QCoreApplication>
#include <QLocale>

namespace partita::ui {

namespace {
// The translation context of these strings.
class GroupFormat {
  Q_DECLARE_TR_FUNCTIONS(GroupFormat)
 public:
};
}  // namespace

QString formatCount(qint64 value) {
  if (value < 0) return QStringLiteral("\u2013");
  return QLocale().toString(value);
}

QString formatDuration(qint64 ms) {
  if (ms < 0) return QStringLiteral("\u2013");
  if (ms < 1000) return GroupFormat::tr("%1 ms").arg(ms);
  const qint64 s = ms / 1000;
  if (s < 60) return GroupFormat::tr("%1 s").arg(s);
  if (s < 3600) return GroupFormat::tr("%1 min %2 s").arg(s / 60).arg(s % 60);
  if (s < 86400) return GroupFormat::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
  return GroupFormat::tr("%1 d %2 h").arg(s / 86400).arg((s % 86400) / 3600);
}

}  // namespace partita::ui
