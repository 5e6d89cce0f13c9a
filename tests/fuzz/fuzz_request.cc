// libFuzzer target: one request frame as the broker receives it (request header + body, without the 4-byte
// size prefix). The header picks the API and version, as RequestDispatcher does, so every decoder of a
// request the broker serves is reached. A frame that decodes is encoded again and the encoding decoded once
// more: the encoders must accept whatever the decoders produce, and the result must decode the same way.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "engine/protocol/reader.h"
#include "engine/protocol/request_header.h"
#include "engine/protocol/writer.h"
#include "tests/fuzz/request_types.h"

using namespace partita::protocol;

namespace {

template <typename T>
void DecodeBody(Reader& reader, int16_t version) {
  T request;
  if (version >= T::kFirstFlexibleVersion) reader.SkipTaggedFields();  // header v2
  request.Decode(reader, version);
  if (!reader.ok()) return;
  Writer w;
  request.Encode(w, version);
  if (!w.splices().empty()) return;  // records spliced from files: not the case for decoded requests
  T again;
  Reader r2(w.bytes());
  again.Decode(r2, version);
  if (!r2.ok() || r2.remaining() != 0) abort();  // our own encoding of a decoded request must decode
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Reader reader(std::span<const uint8_t>(data, size));
  RequestHeader header;
  header.DecodeCommon(reader);
  if (!reader.ok()) return 0;
  fuzzing::ForEachRequestType([&](auto request) {
    using T = decltype(request);
    if (header.api_key != static_cast<int16_t>(T::kApiKey)) return;
    if (header.api_version < T::kMinVersion || header.api_version > T::kMaxVersion) return;
    DecodeBody<T>(reader, header.api_version);
  });
  return 0;
}
