// Syntax highlighting of schema text (the Schemas page and its Register dialog): JSON for Avro and JSON Schema
// (object keys, strings, numbers, true/false/null, punctuation) and .proto for Protobuf (keywords, scalar types,
// field numbers, strings, // and /* */ comments). Colours come from codeColors() (ui/theme.h), re-read by
// updateColors() after a theme change. Tokenising is per line; only a /* comment */ carries over to the next
// line (QSyntaxHighlighter's block state), and JSON strings never span lines.
// Ownership: a QObject child of the document it colours. GUI thread only.
#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace partita::ui {

class SchemaHighlighter : public QSyntaxHighlighter {
  Q_OBJECT

 public:
  enum class Language { Plain, Json, Protobuf };

  explicit SchemaHighlighter(QTextDocument* document);

  // AVRO and JSON are JSON; PROTOBUF is .proto; anything else is left plain.
  static Language languageForType(const QString& schemaType);
  void setLanguage(Language language);
  Language language() const { return m_language; }
  // Re-reads the theme's colours and re-highlights.
  void updateColors();

  // The formats, for tests that check which range got which.
  QTextCharFormat keyFormat() const { return m_key; }
  QTextCharFormat stringFormat() const { return m_string; }
  QTextCharFormat numberFormat() const { return m_number; }
  QTextCharFormat literalFormat() const { return m_literal; }
  QTextCharFormat punctuationFormat() const { return m_punctuation; }
  QTextCharFormat keywordFormat() const { return m_keyword; }
  QTextCharFormat typeFormat() const { return m_type; }
  QTextCharFormat fieldNumberFormat() const { return m_fieldNumber; }
  QTextCharFormat commentFormat() const { return m_comment; }

 protected:
  void highlightBlock(const QString& text) override;

 private:
  void highlightJson(const QString& text);
  void highlightProto(const QString& text);

  Language m_language = Language::Plain;
  QTextCharFormat m_key, m_string, m_number, m_literal, m_punctuation, m_keyword, m_type, m_fieldNumber, m_comment;
};

}  // namespace partita::ui
