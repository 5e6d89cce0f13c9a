// libFuzzer target: the body of any generated message (engine/protocol/schemas), request or response, in any
// declared version, including the APIs the broker does not serve yet. Input: INT16 api key, INT16 version,
// one byte (even = request, odd = response), then the body. Whatever decodes must encode again, the encoding
// must decode to the same bytes (decode -> encode -> decode is stable), and the decoders must neither crash
// nor allocate for counts the input cannot hold (ASan's allocation limit and -rss_limit_mb catch that).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "engine/protocol/messages/all_messages.h"
#include "engine/protocol/reader.h"
#include "engine/protocol/writer.h"

using namespace partita::protocol;

namespace {

template <typename T>
void DecodeStable(std::span<const uint8_t> body, int16_t version) {
  T first;
  Reader r(body);
  first.Decode(r, version);
  if (!r.ok()) return;
  Writer w1;
  first.Encode(w1, version);
  if (!w1.splices().empty()) return;  // file regions: not produced by decoding
  T second;
  Reader r2(w1.bytes());
  second.Decode(r2, version);
  if (!r2.ok() || r2.remaining() != 0) abort();  // our own encoding must decode, exactly
  Writer w2;
  second.Encode(w2, version);
  if (w2.bytes() != w1.bytes()) abort();  // and decode -> encode must be a fixed point
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 5) return 0;
  const auto api_key = static_cast<int16_t>((data[0] << 8) | data[1]);
  const auto version = static_cast<int16_t>((data[2] << 8) | data[3]);
  const bool response = (data[4] & 1) != 0;
  const std::span<const uint8_t> body(data + 5, size - 5);
  generated::ForEachApi([&](auto request, auto reply) {
    using Req = decltype(request);
    using Resp = decltype(reply);
    if (api_key != static_cast<int16_t>(Req::kApiKey)) return;
    if (version < Req::kMinVersion || version > Req::kMaxVersion) return;
    if (response) {
      DecodeStable<Resp>(body, version);
    } else {
      DecodeStable<Req>(body, version);
    }
  });
  return 0;
}
