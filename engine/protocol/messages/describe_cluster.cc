#include "engine/protocol/messages/describe_cluster.h"

#include "engine/protocol/messages/codec_array.h"

namespace partita::protocol {

using namespace codec;

void DescribeClusterRequest::Decode(Reader& r, int16_t version) {
  include_cluster_authorized_operations = r.ReadBool();
  endpoint_type = version >= 1 ? r.ReadInt8() : int8_t(1);
  r.SkipTaggedFields();
}

void DescribeClusterRequest::Encode(Writer& w, int16_t version) const {
  w.WriteBool(include_cluster_authorized_operations);
  if (version >= 1) w.WriteInt8(endpoint_type);
  w.WriteEmptyTaggedFields();
}

void DescribeClusterResponse::Decode(Reader& r, int16_t version) {
  const bool flex = true;
  throttle_time_ms = r.ReadInt32();
  error_code = r.ReadInt16();
  error_message = r.ReadNullableString(flex);
  endpoint_type = version >= 1 ? r.ReadInt8() : int8_t(1);
  cluster_id = r.ReadString(flex);
  controller_id = r.ReadInt32();
  ReadArray(r, flex, 4 + StrMin(flex) + 4 + 1 + TagMin(flex), brokers, [&](Broker& b) {
    b.broker_id = r.ReadInt32();
    b.host = r.ReadString(flex);
    b.port = r.ReadInt32();
    b.rack = r.ReadNullableString(flex);
    r.SkipTaggedFields();
  });
  cluster_authorized_operations = r.ReadInt32();
  r.SkipTaggedFields();
}

void DescribeClusterResponse::Encode(Writer& w, int16_t version) const {
  const bool flex = true;
  w.WriteInt32(throttle_time_ms);
  w.WriteInt16(error_code);
  w.WriteNullableString(error_message, flex);
  if (version >= 1) w.WriteInt8(endpoint_type);
  w.WriteString(cluster_id, flex);
  w.WriteInt32(controller_id);
  WriteArray(w, flex, brokers, [&](const Broker& b) {
    w.WriteInt32(b.broker_id);
    w.WriteString(b.host, flex);
    w.WriteInt32(b.port);
    w.WriteNullableString(b.rack, flex);
    w.WriteEmptyTaggedFields();
  });
  w.WriteInt32(cluster_authorized_operations);
  w.WriteEmptyTaggedFields();
}

}  // namespace partita::protocol
