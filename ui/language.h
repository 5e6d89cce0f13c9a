// Loads and switches the UI language at run time.
//
// Contract: setLanguage() installs (or removes) the app's QTranslator on the QApplication; Qt then
// sends QEvent::LanguageChange to every widget, and each widget retranslates itself in
// changeEvent(). The translations are compiled into the binary (":/i18n/partita_<code>.qm").
// Ownership: the translator is owned by this object and uninstalled when it is destroyed.
// GUI thread only.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

class QTranslator;

namespace partita::ui {

class LanguageManager : public QObject {
  Q_OBJECT

 public:
  explicit LanguageManager(QObject* parent = nullptr);
  ~LanguageManager() override;

  // Codes we ship, source language first: "en", "zh_CN".
  static QStringList availableLanguages();
  // The language's own name ("English", "中文 (zh_CN)"), shown untranslated on purpose so a
  // user who cannot read the current language still finds their own.
  static QString nativeName(const QString& code);
  // Best match for a locale name such as "zh_CN.UTF-8" or "zh_TW"; "en" when nothing fits.
  static QString languageForLocale(const QString& localeName);

  QString currentLanguage() const { return m_current; }

  // Returns false (and changes nothing) for a code we do not ship or a missing .qm.
  bool setLanguage(const QString& code);

 signals:
  void languageChanged(const QString& code);

 private:
  QTranslator* m_translator = nullptr;    // owned; installed only while a non-English language is active
  QTranslator* m_qtTranslator = nullptr;  // owned; Qt's own strings, installed when Qt ships them
  QString m_current;  // empty until the first setLanguage(), which installs even English (its plural forms)
};

}  // namespace partita::ui
