#include "ui/language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace partita::ui {

LanguageManager::LanguageManager(QObject* parent)
    : QObject(parent), m_translator(new QTranslator(this)), m_qtTranslator(new QTranslator(this)) {}

LanguageManager::~LanguageManager() {
  if (QCoreApplication::instance() != nullptr) {
    QCoreApplication::removeTranslator(m_translator);
    QCoreApplication::removeTranslator(m_qtTranslator);
  }
}

QStringList LanguageManager::availableLanguages() {
  return {QStringLiteral("en"), QStringLiteral("zh_CN")};
}

QString LanguageManager::nativeName(const QString& code) {
  if (code == QLatin1String("zh_CN")) return QString::fromUtf8("中文 (zh_CN)");
  return QStringLiteral("English");
}

QString LanguageManager::languageForLocale(const QString& localeName) {
  // Simplified Chinese is what we ship; Traditional-script locales still read it better than English.
  if (localeName.startsWith(QLatin1String("zh"))) return QStringLiteral("zh_CN");
  return QStringLiteral("en");
}

bool LanguageManager::setLanguage(const QString& code) {
  if (!availableLanguages().contains(code)) return false;
  if (code == m_current) return true;

  if (code == QLatin1String("en")) {
    // English is the source language; its translator only carries the plural forms of the %n strings
    // ("1 partition", "3 partitions" instead of "partition(s)").
    auto* next = new QTranslator(this);
    QCoreApplication::removeTranslator(m_translator);
    QCoreApplication::removeTranslator(m_qtTranslator);
    delete m_translator;
    m_translator = next;
    if (m_translator->load(QStringLiteral(":/i18n/partita_en.qm"))) QCoreApplication::installTranslator(m_translator);
  } else {
    auto* next = new QTranslator(this);
    if (!next->load(QStringLiteral(":/i18n/partita_%1.qm").arg(code))) {
      delete next;
      return false;
    }
    QCoreApplication::removeTranslator(m_translator);
    delete m_translator;
    m_translator = next;
    QCoreApplication::installTranslator(m_translator);
    // Qt's own strings (Cancel, Close, context menus, standard dialogs): the qtbase catalogue embedded at build
    // time (:/i18n/qtbase_<code>.qm, from qt6-translations-l10n), else the system's copy.
    QCoreApplication::removeTranslator(m_qtTranslator);
    if (m_qtTranslator->load(QStringLiteral(":/i18n/qtbase_%1.qm").arg(code)) ||
        m_qtTranslator->load(QStringLiteral("qtbase_%1").arg(code), QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
      QCoreApplication::installTranslator(m_qtTranslator);
    }
  }
  m_current = code;
  QLocale::setDefault(QLocale(code));
  emit languageChanged(code);
  return true;
}

}  // namespace partita::ui
