// Application colour themes (light, dark, or whatever the platform provides).
//
// Contract: applyTheme() changes the QApplication-wide style and palette, so every widget in the
// process follows. GUI thread only. Holds no objects: the palettes are values built on each call.
#pragma once

#include <QColor>
#include <QString>

namespace partita::ui {

enum class ThemeMode { System, Light, Dark };

// Switches the application to Fusion (the same look on every desktop) with the palette of `mode`.
// System restores the palette the platform gave us before the first call.
void applyTheme(ThemeMode mode);

// Stable names for settings and the command line: "system", "light", "dark".
QString themeModeName(ThemeMode mode);
// Returns false for an unknown name and leaves `mode` untouched.
bool themeModeFromName(const QString& name, ThemeMode* mode);

// Colours for code and diffs (the Schemas page's highlighted schema text and version diff), picked for the
// application palette in use so that they read on the light and on the dark theme alike.
struct CodeColors {
  QColor key;          // JSON object keys
  QColor string;       // string literals
  QColor number;       // numbers (and Protobuf field numbers, with bold)
  QColor literal;      // true, false, null
  QColor punctuation;  // braces, brackets, colons, commas
  QColor keyword;      // .proto keywords (message, enum, repeated, ...)
  QColor type;         // .proto scalar types (int32, string, ...)
  QColor comment;      // .proto comments
  QColor addedBackground;    // a line only the newer version has
  QColor removedBackground;  // a line only the older version has
  QColor error;              // error sentences (status lines)
};
// From QApplication::palette(): the dark set when the window colour is dark. Call again after a theme change.
CodeColors codeColors();

}  // namespace partita::ui
