// Text forms of record bytes for the message page: one-line previews, a hex dump, pretty JSON, timestamps,
// and the JSON-lines / CSV export lines. Bytes that are not valid UTF-8 show as hex in previews.
// Thread safety: pure functions (GUI thread or any).
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include "app/bridge/message_types.h"

namespace partita::ui {

// Sizes in one convention everywhere: IEC binary units (KiB, MiB, GiB = 1024-based, as Kafka's byte configs).
QString formatDataSize(qint64 bytes);
// What a null key or value shows: "(null)" (translated), never the four letters a string "null" would show.
QString nullText();
// nullText() for a null field; UTF-8 text with control characters escaped and cut at maxChars ("…"); otherwise
// "0x" + hex.
QString bytesPreview(const QByteArray& bytes, bool isNull, int maxChars);
bool isUtf8Text(const QByteArray& bytes);
// "00000000  7b 22 61 22 ...  |{"a"...|", 16 bytes a line.
QString hexDump(const QByteArray& bytes);
// Indented JSON with the keys in their original order and numbers as written (QJsonDocument would sort keys and
// round big integers), or an empty string when the bytes are not a JSON object or array.
QString prettyJson(const QByteArray& bytes);
// ISO 8601 local time with milliseconds; "-" for negative timestamps.
QString formatTimestamp(qint64 ms);
QString headersPreview(const QList<app::MessageHeader>& headers);

// One JSON object per row: partition, offset, timestamp, key, value (strings; base64 with keyEncoding /
// valueEncoding "base64" when not UTF-8), headers.
QByteArray toJsonLine(const app::MessageRow& row);
QByteArray csvHeaderLine();
QByteArray toCsvLine(const app::MessageRow& row);

}  // namespace partita::ui
