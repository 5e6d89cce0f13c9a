#include "engine/protocol/messages/find_coordinator.h"

#include "engine/protocol/messages/codec_array.h"

namespace partita::protocol {

using namespace codec;

void FindCoordinatorRequest::Decode(Reader& r, int16_t version) {
  const bool flex = version >= kFirstFlexibleVersion;
  key = version < kFirstBatchedVersion ? r.ReadString(flex) : std::string();
  key_type = version >= 1 ? r.ReadInt8() : int8_t(0);
  coordinator_keys.clear();
  if (version >= kFirstBatchedVersion) ReadStringArray(r, flex, coordinator_keys);
  if (flex) r.SkipTaggedFields();
}

void FindCoordinatorRequest::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= kFirstFlexibleVersion;
  if (version < kFirstBatchedVersion) w.WriteString(key, flex);
  if (version >= 1) w.WriteInt8(key_type);
  if (version >= kFirstBatchedVersion) WriteStringArray(w, coordinator_keys, flex);
  if (flex) w.WriteEmptyTaggedFields();
}

void FindCoordinatorResponse::Decode(Reader& r, int16_t version) {
  const bool flex = version >= FindCoordinatorRequest::kFirstFlexibleVersion;
  const bool batched = version >= FindCoordinatorRequest::kFirstBatchedVersion;
  throttle_time_ms = version >= 1 ? r.ReadInt32() : 0;
  error_code = 0;
  error_message.reset();
  node_id = 0;
  host.clear();
  port = 0;
  coordinators.clear();
  if (!batched) {
    error_code = r.ReadInt16();
    if (version >= 1) error_message = r.ReadNullableString(flex);
    node_id = r.ReadInt32();
    host = r.ReadString(flex);
    port = r.ReadInt32();
  } else {
    ReadArray(r, flex, 2 * StrMin(flex) + 11 + TagMin(flex), coordinators, [&](Coordinator& c) {
      c.key = r.ReadString(flex);
      c.node_id = r.ReadInt32();
      c.host = r.ReadString(flex);
      c.port = r.ReadInt32();
      c.error_code = r.ReadInt16();
      c.error_message = r.ReadNullableString(flex);
      if (flex) r.SkipTaggedFields();
    });
  }
  if (flex) r.SkipTaggedFields();
}

void FindCoordinatorResponse::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= FindCoordinatorRequest::kFirstFlexibleVersion;
  if (version >= 1) w.WriteInt32(throttle_time_ms);
  if (version < FindCoordinatorRequest::kFirstBatchedVersion) {
    w.WriteInt16(error_code);
    if (version >= 1) w.WriteNullableString(error_message, flex);
    w.WriteInt32(node_id);
    w.WriteString(host, flex);
    w.WriteInt32(port);
  } else {
    WriteArray(w, flex, coordinators, [&](const Coordinator& c) {
      w.WriteString(c.key, flex);
      w.WriteInt32(c.node_id);
      w.WriteString(c.host, flex);
      w.WriteInt32(c.port);
      w.WriteInt16(c.error_code);
      w.WriteNullableString(c.error_message, flex);
      if (flex) w.WriteEmptyTaggedFields();
    });
  }
  if (flex) w.WriteEmptyTaggedFields();
}

}  // namespace partita::protocol
