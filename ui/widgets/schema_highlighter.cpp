#include "ui/widgets/schema_highlighter.h"

#include <QSet>

#include "ui/theme.h"

namespace partita::ui {

namespace {

constexpr int kInComment = 1;  // block state: the line ends inside a /* comment */

bool isIdentifierChar(QChar c) { return c.isLetterOrNumber() || c == QLatin1Char('_'); }

// Where the string literal that opens at `start` (a quote) ends, one past its closing quote (or the line's end).
qsizetype stringEnd(const QString& text, qsizetype start) {
  const QChar quote = text[start];
  qsizetype i = start + 1;
  while (i < text.size() && text[i] != quote) i += text[i] == QLatin1Char('\\') ? 2 : 1;
  return std::min(i + 1, text.size());
}

qsizetype numberEnd(const QString& text, qsizetype start) {
  qsizetype i = start;
  while (i < text.size() && (text[i].isLetterOrNumber() || text[i] == QLatin1Char('.') || text[i] == QLatin1Char('-') ||
                             text[i] == QLatin1Char('+')))
    ++i;
  return i;
}

const QSet<QString>& protoKeywords() {
  static const QSet<QString> words = {
      QStringLiteral("syntax"),   QStringLiteral("edition"),  QStringLiteral("package"),  QStringLiteral("import"),
      QStringLiteral("option"),   QStringLiteral("message"),  QStringLiteral("enum"),     QStringLiteral("service"),
      QStringLiteral("rpc"),      QStringLiteral("returns"),  QStringLiteral("stream"),   QStringLiteral("oneof"),
      QStringLiteral("map"),      QStringLiteral("repeated"), QStringLiteral("optional"), QStringLiteral("required"),
      QStringLiteral("reserved"), QStringLiteral("extend"),   QStringLiteral("extensions"), QStringLiteral("to"),
      QStringLiteral("max"),      QStringLiteral("public"),   QStringLiteral("weak"),     QStringLiteral("group")};
  return words;
}

const QSet<QString>& protoTypes() {
  static const QSet<QString> types = {
      QStringLiteral("double"),   QStringLiteral("float"),    QStringLiteral("int32"),    QStringLiteral("int64"),
      QStringLiteral("uint32"),   QStringLiteral("uint64"),   QStringLiteral("sint32"),   QStringLiteral("sint64"),
      QStringLiteral("fixed32"),  QStringLiteral("fixed64"),  QStringLiteral("sfixed32"), QStringLiteral("sfixed64"),
      QStringLiteral("bool"),     QStringLiteral("string"),   QStringLiteral("bytes")};
  return types;
}

QTextCharFormat colored(const QColor& color, bool bold = false) {
  QTextCharFormat format;
  format.setForeground(color);
  if (bold) format.setFontWeight(QFont::Bold);
  return format;
}

}  // namespace

SchemaHighlighter::SchemaHighlighter(QTextDocument* document) : QSyntaxHighlighter(document) { updateColors(); }

SchemaHighlighter::Language SchemaHighlighter::languageForType(const QString& schemaType) {
  if (schemaType == QLatin1String("PROTOBUF")) return Language::Protobuf;
  if (schemaType == QLatin1String("AVRO") || schemaType == QLatin1String("JSON")) return Language::Json;
  return Language::Plain;
}

void SchemaHighlighter::setLanguage(Language language) {
  if (language == m_language) return;
  m_language = language;
  rehighlight();
}

void SchemaHighlighter::updateColors() {
  const CodeColors c = codeColors();
  m_key = colored(c.key);
  m_string = colored(c.string);
  m_number = colored(c.number);
  m_literal = colored(c.literal);
  m_punctuation = colored(c.punctuation);
  m_keyword = colored(c.keyword, true);
  m_type = colored(c.type);
  m_fieldNumber = colored(c.number, true);
  m_comment = colored(c.comment);
  m_comment.setFontItalic(true);
  rehighlight();
}

void SchemaHighlighter::highlightBlock(const QString& text) {
  setCurrentBlockState(0);
  if (m_language == Language::Json) highlightJson(text);
  else if (m_language == Language::Protobuf) highlightProto(text);
}

void SchemaHighlighter::highlightJson(const QString& text) {
  qsizetype i = 0;
  while (i < text.size()) {
    const QChar c = text[i];
    if (c == QLatin1Char('"')) {
      const qsizetype end = stringEnd(text, i);
      qsizetype next = end;
      while (next < text.size() && text[next].isSpace()) ++next;
      const bool isKey = next < text.size() && text[next] == QLatin1Char(':');
      setFormat(int(i), int(end - i), isKey ? m_key : m_string);
      i = end;
    } else if (c.isDigit() || c == QLatin1Char('-')) {
      const qsizetype end = numberEnd(text, i);
      setFormat(int(i), int(end - i), m_number);
      i = end;
    } else if (c.isLetter()) {
      qsizetype end = i;
      while (end < text.size() && isIdentifierChar(text[end])) ++end;
      const QStringView word = QStringView(text).mid(i, end - i);
      if (word == u"true" || word == u"false" || word == u"null") setFormat(int(i), int(end - i), m_literal);
      i = end;
    } else {
      if (QStringView(u"{}[]:,").contains(c)) setFormat(int(i), 1, m_punctuation);
      ++i;
    }
  }
}

void SchemaHighlighter::highlightProto(const QString& text) {
  qsizetype i = 0;
  if (previousBlockState() == kInComment) {
    const qsizetype close = text.indexOf(QLatin1String("*/"));
    const qsizetype end = close < 0 ? text.size() : close + 2;
    setFormat(0, int(end), m_comment);
    if (close < 0) {
      setCurrentBlockState(kInComment);
      return;
    }
    i = end;
  }
  bool afterEquals = false;  // a number right after '=' is a field number (or an enum value)
  while (i < text.size()) {
    const QChar c = text[i];
    if (text.mid(i, 2) == QLatin1String("//")) {
      setFormat(int(i), int(text.size() - i), m_comment);
      return;
    }
    if (text.mid(i, 2) == QLatin1String("/*")) {
      const qsizetype close = text.indexOf(QLatin1String("*/"), i + 2);
      const qsizetype end = close < 0 ? text.size() : close + 2;
      setFormat(int(i), int(end - i), m_comment);
      if (close < 0) {
        setCurrentBlockState(kInComment);
        return;
      }
      i = end;
      continue;
    }
    if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
      const qsizetype end = stringEnd(text, i);
      setFormat(int(i), int(end - i), m_string);
      i = end;
      afterEquals = false;
    } else if (c.isDigit() || (c == QLatin1Char('-') && i + 1 < text.size() && text[i + 1].isDigit())) {
      const qsizetype end = numberEnd(text, i);
      setFormat(int(i), int(end - i), afterEquals ? m_fieldNumber : m_number);
      i = end;
      afterEquals = false;
    } else if (c.isLetter() || c == QLatin1Char('_')) {
      qsizetype end = i;
      while (end < text.size() && isIdentifierChar(text[end])) ++end;
      const QString word = text.mid(i, end - i);
      if (protoKeywords().contains(word)) setFormat(int(i), int(end - i), m_keyword);
      else if (protoTypes().contains(word)) setFormat(int(i), int(end - i), m_type);
      else if (word == QLatin1String("true") || word == QLatin1String("false")) setFormat(int(i), int(end - i), m_literal);
      i = end;
      afterEquals = false;
    } else {
      if (c == QLatin1Char('=')) afterEquals = true;
      else if (!c.isSpace()) afterEquals = false;
      if (QStringView(u"{}[]<>;=,()").contains(c)) setFormat(int(i), 1, m_punctuation);
      ++i;
    }
  }
}

}  // namespace partita::ui
