#include "engine/protocol/messages/elect_leaders.h"

#include "engine/protocol/messages/codec_array.h"

namespace partita::protocol {

using namespace codec;

void ElectLeadersRequest::Decode(Reader& r, int16_t version) {
  const bool flex = version >= kFirstFlexibleVersion;
  election_type = version >= 1 ? r.ReadInt8() : int8_t(0);
  ReadNullableArray(r, flex, StrMin(flex) + ArrMin(flex) + TagMin(flex), topic_partitions,
                    [&](TopicPartitions& t) {
                      t.topic = r.ReadString(flex);
                      ReadInt32Array(r, flex, t.partitions);
                      if (flex) r.SkipTaggedFields();
                    });
  timeout_ms = r.ReadInt32();
  if (flex) r.SkipTaggedFields();
}

void ElectLeadersRequest::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= kFirstFlexibleVersion;
  if (version >= 1) w.WriteInt8(election_type);
  WriteNullableArray(w, flex, topic_partitions, [&](const TopicPartitions& t) {
    w.WriteString(t.topic, flex);
    WriteInt32Array(w, t.partitions, flex);
    if (flex) w.WriteEmptyTaggedFields();
  });
  w.WriteInt32(timeout_ms);
  if (flex) w.WriteEmptyTaggedFields();
}

void ElectLeadersResponse::Decode(Reader& r, int16_t version) {
  const bool flex = version >= ElectLeadersRequest::kFirstFlexibleVersion;
  throttle_time_ms = r.ReadInt32();
  error_code = version >= 1 ? r.ReadInt16() : int16_t(0);
  ReadArray(r, flex, StrMin(flex) + ArrMin(flex) + TagMin(flex), replica_election_results, [&](Result& t) {
    t.topic = r.ReadString(flex);
    ReadArray(r, flex, 6 + (flex ? 1 : 2) + TagMin(flex), t.partition_result, [&](PartitionResult& p) {
      p.partition_id = r.ReadInt32();
      p.error_code = r.ReadInt16();
      p.error_message = r.ReadNullableString(flex);
      if (flex) r.SkipTaggedFields();
    });
    if (flex) r.SkipTaggedFields();
  });
  if (flex) r.SkipTaggedFields();
}

void ElectLeadersResponse::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= ElectLeadersRequest::kFirstFlexibleVersion;
  w.WriteInt32(throttle_time_ms);
  if (version >= 1) w.WriteInt16(error_code);
  WriteArray(w, flex, replica_election_results, [&](const Result& t) {
    w.WriteString(t.topic, flex);
    WriteArray(w, flex, t.partition_result, [&](const PartitionResult& p) {
      w.WriteInt32(p.partition_id);
      w.WriteInt16(p.error_code);
      w.WriteNullableString(p.error_message, flex);
      if (flex) w.WriteEmptyTaggedFields();
    });
    if (flex) w.WriteEmptyTaggedFields();
  });
  if (flex) w.WriteEmptyTaggedFields();
}

}  // namespace partita::protocol
