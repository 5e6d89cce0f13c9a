// Screenshots of widgets in both languages (en, zh_CN) and both themes (light, dark), saved as
// test-artifacts/ui/<name>-<lang>-<theme>.png for a human to look at (issue 13: changed pages are checked by eye).
#pragma once

#include <QCoreApplication>
#include <QEvent>
#include <QList>
#include <QPair>
#include <QString>
#include <QTest>
#include <QWidget>

#include "tests/ui/ui_test_util.h"
#include "ui/language.h"
#include "ui/theme.h"

namespace partita::uitest {

inline bool shootLanguagesAndThemes(const QList<QPair<QWidget*, QString>>& widgets, QSize size = QSize(1100, 620)) {
  ui::LanguageManager language;
  for (const QString& code : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
    if (!language.setLanguage(code)) return false;
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
    for (ui::ThemeMode theme : {ui::ThemeMode::Light, ui::ThemeMode::Dark}) {
      ui::applyTheme(theme);
      for (const auto& [widget, name] : widgets) {
        widget->resize(size);
        widget->show();
        if (!QTest::qWaitForWindowExposed(widget)) return false;
        QCoreApplication::processEvents();
        saveArtifact(widget, QStringLiteral("%1-%2-%3.png").arg(name, code, ui::themeModeName(theme)));
      }
    }
  }
  ui::applyTheme(ui::ThemeMode::Light);
  const bool ok = language.setLanguage(QStringLiteral("en"));
  QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
  return ok;
}

}  // namespace partita::uitest
