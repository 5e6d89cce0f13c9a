#include "engine/protocol/messages/sasl_handshake.h"

#include "engine/protocol/messages/codec_array.h"

namespace partita::protocol {

using namespace codec;

void SaslHandshakeRequest::Decode(Reader& r, int16_t /*version*/) { mechanism = r.ReadString(false); }

void SaslHandshakeRequest::Encode(Writer& w, int16_t /*version*/) const { w.WriteString(mechanism, false); }

void SaslHandshakeResponse::Decode(Reader& r, int16_t /*version*/) {
  error_code = r.ReadInt16();
  ReadStringArray(r, false, mechanisms);
}

void SaslHandshakeResponse::Encode(Writer& w, int16_t /*version*/) const {
  w.WriteInt16(error_code);
  WriteStringArray(w, mechanisms, false);
}

}  // namespace partita::protocol
