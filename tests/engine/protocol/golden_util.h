// Shared helpers for the golden-byte tests: hex parsing, decoding a captured request frame (header + body) and
// re-encoding it byte for byte, and checking a hand-written message body against a decoded value.
// The helpers use QVERIFY/QCOMPARE, so callers check QTest::currentTestFailed() when they need to stop early.
#pragma once

#include <QtTest>

#include <cstdint>
#include <vector>

#include "engine/protocol/reader.h"
#include "engine/protocol/request_header.h"
#include "engine/protocol/writer.h"

namespace partita::protocol::testing {

inline std::vector<uint8_t> FromHex(const char* hex) {
  QByteArray b = QByteArray::fromHex(QByteArray(hex));
  return std::vector<uint8_t>(b.begin(), b.end());
}

inline QByteArray ToHex(const std::vector<uint8_t>& b) {
  return QByteArray(reinterpret_cast<const char*>(b.data()), static_cast<qsizetype>(b.size())).toHex();
}

// Decodes header + body of a captured frame into `out`, then re-encodes and compares.
template <typename T>
void DecodeCaptured(const std::vector<uint8_t>& frame, int header_version, RequestHeader& header, T& out) {
  Reader r(frame);
  header.DecodeCommon(r);
  if (header_version >= 2) r.SkipTaggedFields();
  QCOMPARE(header.api_key, static_cast<int16_t>(T::kApiKey));
  QVERIFY(header.api_version >= T::kMinVersion && header.api_version <= T::kMaxVersion);
  out.Decode(r, header.api_version);
  QVERIFY2(r.ok(), r.status().ToString().c_str());
  QCOMPARE(r.remaining(), size_t(0));
  Writer w;
  header.Encode(w, header_version);
  out.Encode(w, header.api_version);
  QCOMPARE(ToHex(w.bytes()), ToHex(frame));
}

// Decodes a hand-written message body (request or response), runs `check`, re-encodes and compares.
template <typename T, typename Check>
void CheckGolden(const char* hex, int16_t version, Check check) {
  const std::vector<uint8_t> bytes = FromHex(hex);
  T out;
  Reader r(bytes);
  out.Decode(r, version);
  QVERIFY2(r.ok(), r.status().ToString().c_str());
  QCOMPARE(r.remaining(), size_t(0));
  check(out);
  if (QTest::currentTestFailed()) return;
  Writer w;
  out.Encode(w, version);
  QCOMPARE(ToHex(w.bytes()), QByteArray(hex));
}

}  // namespace partita::protocol::testing
