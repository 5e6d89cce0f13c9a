#include "ui/language.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

namespace partita::ui {

LanguageManager::LanguageManager(QObject* parent) : QObject(parent), m_translator(new QTranslator(this)) {}

LanguageManager::~LanguageManager() {
  if (QCoreApplication::instance() != nullptr) QCoreApplication::removeTranslator(m_translator);
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
    // English is the source language: no translator at all.
    QCoreApplication::removeTranslator(m_translator);
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
  }
  m_current = code;
  QLocale::setDefault(QLocale(code));
  emit languageChanged(code);
  return true;
}

}  // namespace partita::ui
