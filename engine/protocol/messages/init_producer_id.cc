#include "engine/protocol/messages/init_producer_id.h"

namespace partita::protocol {

void InitProducerIdRequest::Decode(Reader& r, int16_t version) {
  const bool flex = version >= kFirstFlexibleVersion;
  transactional_id = r.ReadNullableString(flex);
  transaction_timeout_ms = r.ReadInt32();
  producer_id = version >= 3 ? r.ReadInt64() : -1;
  producer_epoch = version >= 3 ? r.ReadInt16() : int16_t(-1);
  if (flex) r.SkipTaggedFields();
}

void InitProducerIdRequest::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= kFirstFlexibleVersion;
  w.WriteNullableString(transactional_id, flex);
  w.WriteInt32(transaction_timeout_ms);
  if (version >= 3) {
    w.WriteInt64(producer_id);
    w.WriteInt16(producer_epoch);
  }
  if (flex) w.WriteEmptyTaggedFields();
}

void InitProducerIdResponse::Decode(Reader& r, int16_t version) {
  const bool flex = version >= InitProducerIdRequest::kFirstFlexibleVersion;
  throttle_time_ms = r.ReadInt32();
  error_code = r.ReadInt16();
  producer_id = r.ReadInt64();
  producer_epoch = r.ReadInt16();
  if (flex) r.SkipTaggedFields();
}

void InitProducerIdResponse::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= InitProducerIdRequest::kFirstFlexibleVersion;
  w.WriteInt32(throttle_time_ms);
  w.WriteInt16(error_code);
  w.WriteInt64(producer_id);
  w.WriteInt16(producer_epoch);
  if (flex) w.WriteEmptyTaggedFields();
}

}  // namespace partita::protocol
