// Screenshots of what a UI test saw, kept in the build tree (test-artifacts/ui/) for humans to look at.
#pragma once

#include <QDir>
#include <QWidget>

namespace partita::uitest {

inline void saveArtifact(QWidget* widget, const QString& name) {
  const QString dir = qEnvironmentVariable("PARTITA_BUILD_DIR") + QStringLiteral("/test-artifacts/ui");
  QDir().mkpath(dir);
  widget->grab().save(dir + QLatin1Char('/') + name);
}

}  // namespace partita::uitest
