#include "ui/widgets/message_format.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>

namespace partita::ui {

bool isUtf8Text(const QByteArray& bytes) {
  QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
  const QString text = decoder(bytes);
  if (decoder.hasError()) return false;
  for (QChar c : text) {
    if (c.unicode() < 0x20 && c != QLatin1Char('\n') && c != QLatin1Char('\r') && c != QLatin1Char('\t')) return false;
  }
  return true;
}

QString formatDataSize(qint64 bytes) {
  return QLocale().formattedDataSize(bytes, bytes < 1024 ? 0 : 1, QLocale::DataSizeIecFormat);
}

QString nullText() { return QCoreApplication::translate("MessageFormat", "(null)"); }

QString bytesPreview(const QByteArray& bytes, bool isNull, int maxChars) {
  if (isNull) return nullText();
  if (!isUtf8Text(bytes)) {
    const QByteArray head = bytes.left(maxChars / 2);
    return QStringLiteral("0x") + QString::fromLatin1(head.toHex()) +
           (head.size() < bytes.size() ? QStringLiteral("…") : QString());
  }
  QString text = QString::fromUtf8(bytes);
  text.replace(QLatin1Char('\n'), QStringLiteral("⏎")).replace(QLatin1Char('\r'), QString()).replace(QLatin1Char('\t'), QLatin1Char(' '));
  if (text.size() > maxChars) text = text.left(maxChars) + QStringLiteral("…");
  return text;
}

QString hexDump(const QByteArray& bytes) {
  QString out;
  for (qsizetype line = 0; line < bytes.size(); line += 16) {
    out += QStringLiteral("%1  ").arg(line, 8, 16, QLatin1Char('0'));
    QString ascii;
    for (qsizetype i = 0; i < 16; ++i) {
      if (line + i < bytes.size()) {
        const auto b = static_cast<uint8_t>(bytes[line + i]);
        out += QStringLiteral("%1 ").arg(b, 2, 16, QLatin1Char('0'));
        ascii += (b >= 0x20 && b < 0x7f) ? QChar(b) : QLatin1Char('.');
      } else {
        out += QStringLiteral("   ");
      }
      if (i == 7) out += QLatin1Char(' ');
    }
    out += QStringLiteral(" |") + ascii + QStringLiteral("|\n");
  }
  return out;
}

QString prettyJson(const QByteArray& bytes) {
  QJsonParseError error{};
  const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
  if (error.error != QJsonParseError::NoError || doc.isNull()) return {};
  // Valid JSON: re-indent its own text, token by token, so nothing is reordered or re-encoded.
  const QString text = QString::fromUtf8(bytes);
  QString out;
  out.reserve(text.size() * 2);
  int depth = 0;
  bool inString = false;
  auto newline = [&] { out += QLatin1Char('\n') + QString(4 * depth, QLatin1Char(' ')); };
  for (qsizetype i = 0; i < text.size(); ++i) {
    const QChar c = text[i];
    if (inString) {
      out += c;
      if (c == QLatin1Char('\\') && i + 1 < text.size()) out += text[++i];
      else if (c == QLatin1Char('"')) inString = false;
      continue;
    }
    if (c.isSpace()) continue;
    if (c == QLatin1Char('"')) {
      inString = true;
      out += c;
    } else if (c == QLatin1Char('{') || c == QLatin1Char('[')) {
      qsizetype j = i + 1;
      while (j < text.size() && text[j].isSpace()) ++j;
      if (j < text.size() && (text[j] == QLatin1Char('}') || text[j] == QLatin1Char(']'))) {  // empty: {} or []
        out += c;
        out += text[j];
        i = j;
        continue;
      }
      out += c;
      ++depth;
      newline();
    } else if (c == QLatin1Char('}') || c == QLatin1Char(']')) {
      --depth;
      newline();
      out += c;
    } else if (c == QLatin1Char(',')) {
      out += c;
      newline();
    } else if (c == QLatin1Char(':')) {
      out += QStringLiteral(": ");
    } else {
      out += c;
    }
  }
  return out + QLatin1Char('\n');
}

QString formatTimestamp(qint64 ms) {
  if (ms < 0) return QStringLiteral("-");
  return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

QString headersPreview(const QList<app::MessageHeader>& headers) {
  QStringList parts;
  for (const auto& h : headers) {
    parts << bytesPreview(h.key, false, 40) + QLatin1Char('=') + bytesPreview(h.value, h.valueIsNull, 60);
  }
  return parts.join(QStringLiteral(", "));
}

namespace {

void putBytes(QJsonObject* o, const QString& name, const QByteArray& bytes, bool isNull) {
  if (isNull) {
    o->insert(name, QJsonValue::Null);
  } else if (isUtf8Text(bytes)) {
    o->insert(name, QString::fromUtf8(bytes));
  } else {
    o->insert(name, QString::fromLatin1(bytes.toBase64()));
    o->insert(name + QStringLiteral("Encoding"), QStringLiteral("base64"));
  }
}

QByteArray csvField(const QString& s) {
  QByteArray f = s.toUtf8();
  if (f.contains(',') || f.contains('"') || f.contains('\n') || f.contains('\r')) {
    f.replace("\"", "\"\"");
    f = '"' + f + '"';
  }
  return f;
}

QString exportText(const QByteArray& bytes, bool isNull) {
  if (isNull) return {};
  return isUtf8Text(bytes) ? QString::fromUtf8(bytes) : QStringLiteral("base64:") + QString::fromLatin1(bytes.toBase64());
}

}  // namespace

QByteArray toJsonLine(const app::MessageRow& row) {
  QJsonObject o;
  o.insert(QStringLiteral("partition"), row.partition);
  o.insert(QStringLiteral("offset"), row.offset);
  o.insert(QStringLiteral("timestamp"), row.timestamp);
  putBytes(&o, QStringLiteral("key"), row.key, row.keyIsNull);
  putBytes(&o, QStringLiteral("value"), row.value, row.valueIsNull);
  QJsonArray headers;
  for (const auto& h : row.headers) {
    QJsonObject ho;
    putBytes(&ho, QStringLiteral("key"), h.key, false);
    putBytes(&ho, QStringLiteral("value"), h.value, h.valueIsNull);
    headers.append(ho);
  }
  o.insert(QStringLiteral("headers"), headers);
  return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray csvHeaderLine() { return "partition,offset,timestamp,key,value,headers"; }

QByteArray toCsvLine(const app::MessageRow& row) {
  QStringList headers;
  for (const auto& h : row.headers) headers << exportText(h.key, false) + QLatin1Char('=') + exportText(h.value, h.valueIsNull);
  return QByteArray::number(row.partition) + ',' + QByteArray::number(row.offset) + ',' +
         QByteArray::number(row.timestamp) + ',' + csvField(exportText(row.key, row.keyIsNull)) + ',' +
         csvField(exportText(row.value, row.valueIsNull)) + ',' + csvField(headers.join(QLatin1Char(';')));
}

}  // namespace partita::ui
