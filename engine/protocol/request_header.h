// Request header v0-v2 and response header v0-v1.
// Request header v1: api_key, api_version, correlation_id, client_id (INT16-length nullable string).
// v2 (flexible requests) adds tagged fields after client_id; client_id keeps its INT16 length.
// Response header v0: correlation_id; v1 (flexible responses) adds tagged fields. ApiVersions responses always
// use v0 so that a client can read them whatever version it asked for.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/protocol/reader.h"
#include "engine/protocol/writer.h"

namespace partita::protocol {

struct RequestHeader {
  int16_t api_key = 0;
  int16_t api_version = 0;
  int32_t correlation_id = 0;
  std::optional<std::string> client_id;

  // Decodes the fixed part (key, version, correlation id, client id). The caller then knows the API and
  // calls SkipTaggedFields() when the request version is flexible (header v2).
  void DecodeCommon(Reader& r);
  // header_version: 0, 1 or 2.
  void Encode(Writer& w, int header_version) const;
};

// Writes a response header: v0 = correlation id, v1 = plus empty tagged fields.
void EncodeResponseHeader(Writer& w, int32_t correlation_id, int header_version);

}  // namespace partita::protocol
