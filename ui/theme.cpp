#include "ui/theme.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

namespace partita::ui {
namespace {

QPalette darkPalette() {
  // Neutral greys with enough contrast for 9-10 pt text; blue accent matches the icons.
  const QColor window(0x2b, 0x2d, 0x30);
  const QColor base(0x1f, 0x20, 0x23);
  const QColor button(0x3a, 0x3d, 0x41);
  const QColor text(0xdf, 0xe1, 0xe5);
  const QColor disabledText(0x7f, 0x83, 0x89);
  const QColor accent(0x2f, 0x6b, 0xcc);

  QPalette p;
  p.setColor(QPalette::Window, window);
  p.setColor(QPalette::WindowText, text);
  p.setColor(QPalette::Base, base);
  p.setColor(QPalette::AlternateBase, window);
  p.setColor(QPalette::ToolTipBase, button);
  p.setColor(QPalette::ToolTipText, text);
  p.setColor(QPalette::PlaceholderText, disabledText);
  p.setColor(QPalette::Text, text);
  p.setColor(QPalette::Button, button);
  p.setColor(QPalette::ButtonText, text);
  p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
  p.setColor(QPalette::Light, button.lighter(130));
  p.setColor(QPalette::Midlight, button.lighter(115));
  p.setColor(QPalette::Mid, window.darker(120));
  p.setColor(QPalette::Dark, window.darker(150));
  p.setColor(QPalette::Shadow, Qt::black);
  p.setColor(QPalette::Highlight, accent);
  p.setColor(QPalette::HighlightedText, Qt::white);
  p.setColor(QPalette::Link, QColor(0x6c, 0xa8, 0xf5));
  p.setColor(QPalette::LinkVisited, QColor(0xa9, 0x8b, 0xf0));
  for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
    p.setColor(QPalette::Disabled, role, disabledText);
  }
  p.setColor(QPalette::Disabled, QPalette::Highlight, button);
  return p;
}

QPalette lightPalette() {
  QPalette p = QApplication::style()->standardPalette();
  p.setColor(QPalette::Highlight, QColor(0x2f, 0x6b, 0xcc));
  p.setColor(QPalette::HighlightedText, Qt::white);
  return p;
}

}  // namespace

void applyTheme(ThemeMode mode) {
  // Captured once, before we ever replace it, so "System" can go back to it.
  static const QPalette systemPalette = QApplication::palette();
  if (QApplication::style()->name().compare(QLatin1String("fusion"), Qt::CaseInsensitive) != 0) {
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
  }
  switch (mode) {
    case ThemeMode::System:
      QApplication::setPalette(systemPalette);
      break;
    case ThemeMode::Light:
      QApplication::setPalette(lightPalette());
      break;
    case ThemeMode::Dark:
      QApplication::setPalette(darkPalette());
      break;
  }
  // Fusion draws a line edit's frame a shade darker than the window: on the dark palette that is the colour of
  // the field itself, so search fields had no visible edge. Dark mode gets an explicit frame.
  const bool dark = QApplication::palette().color(QPalette::Window).lightness() < 128;
  qApp->setStyleSheet(dark ? QStringLiteral("QLineEdit { border: 1px solid #6b7078; border-radius: 3px; padding: 2px 4px;"
                                            " background: palette(base); }"
                                            "QLineEdit:focus { border-color: #4a86e0; }")
                           : QString());
}

CodeColors codeColors() {
  const bool dark = QApplication::palette().color(QPalette::Window).lightness() < 128;
  // Light: saturated, darker hues on white; dark: the same families lightened for #1f2023 (the dark base).
  // Diff backgrounds are tints, so the highlighted syntax on top of them stays readable.
  if (dark) {
    return {QColor(0x8c, 0xc4, 0xff), QColor(0xa5, 0xd6, 0x8b), QColor(0xf0, 0xb0, 0x72), QColor(0xd7, 0x9b, 0xf5),
            QColor(0x9a, 0xa0, 0xa6), QColor(0xf0, 0x8d, 0xb0), QColor(0x6f, 0xd6, 0xc9), QColor(0x8a, 0x90, 0x98),
            QColor(0x23, 0x4a, 0x2e), QColor(0x5a, 0x26, 0x2a), QColor(0xff, 0x7b, 0x72)};
  }
  return {QColor(0x0b, 0x4f, 0xa8), QColor(0x1a, 0x7f, 0x37), QColor(0xa3, 0x4a, 0x00), QColor(0x80, 0x38, 0xb0),
          QColor(0x5f, 0x63, 0x68), QColor(0xb3, 0x1d, 0x5c), QColor(0x00, 0x7a, 0x75), QColor(0x6a, 0x73, 0x7d),
          QColor(0xdc, 0xf5, 0xe1), QColor(0xfd, 0xe2, 0xe2), QColor(0xd9, 0x53, 0x4f)};
}

QString themeModeName(ThemeMode mode) {
  switch (mode) {
    case ThemeMode::Light:
      return QStringLiteral("light");
    case ThemeMode::Dark:
      return QStringLiteral("dark");
    case ThemeMode::System:
      break;
  }
  return QStringLiteral("system");
}

bool themeModeFromName(const QString& name, ThemeMode* mode) {
  for (ThemeMode m : {ThemeMode::System, ThemeMode::Light, ThemeMode::Dark}) {
    if (name.compare(themeModeName(m), Qt::CaseInsensitive) == 0) {
      *mode = m;
      return true;
    }
  }
  return false;
}

}  // namespace partita::ui
