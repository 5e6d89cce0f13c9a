// Application colour themes (light, dark, or whatever the platform provides).
//
// Contract: applyTheme() changes the QApplication-wide style and palette, so every widget in the
// process follows. GUI thread only. Holds no objects: the palettes are values built on each call.
#pragma once

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

}  // namespace partita::ui
