#include "engine/protocol/messages/partition_reassignments.h"

#include "engine/protocol/messages/codec_array.h"

namespace partita::protocol {

using namespace codec;

// Every version of both APIs is flexible.
static constexpr bool kFlex = true;

void AlterPartitionReassignmentsRequest::Decode(Reader& r, int16_t) {
  timeout_ms = r.ReadInt32();
  ReadArray(r, kFlex, 3, topics, [&](Topic& t) {
    t.name = r.ReadString(kFlex);
    ReadArray(r, kFlex, 6, t.partitions, [&](Partition& p) {
      p.partition_index = r.ReadInt32();
      ReadNullableInt32Array(r, kFlex, p.replicas);
      r.SkipTaggedFields();
    });
    r.SkipTaggedFields();
  });
  r.SkipTaggedFields();
}

void AlterPartitionReassignmentsRequest::Encode(Writer& w, int16_t) const {
  w.WriteInt32(timeout_ms);
  WriteArray(w, kFlex, topics, [&](const Topic& t) {
    w.WriteString(t.name, kFlex);
    WriteArray(w, kFlex, t.partitions, [&](const Partition& p) {
      w.WriteInt32(p.partition_index);
      WriteNullableInt32Array(w, p.replicas, kFlex);
      w.WriteEmptyTaggedFields();
    });
    w.WriteEmptyTaggedFields();
  });
  w.WriteEmptyTaggedFields();
}

void AlterPartitionReassignmentsResponse::Decode(Reader& r, int16_t) {
  throttle_time_ms = r.ReadInt32();
  error_code = r.ReadInt16();
  error_message = r.ReadNullableString(kFlex);
  ReadArray(r, kFlex, 3, responses, [&](Topic& t) {
    t.name = r.ReadString(kFlex);
    ReadArray(r, kFlex, 8, t.partitions, [&](Partition& p) {
      p.partition_index = r.ReadInt32();
      p.error_code = r.ReadInt16();
      p.error_message = r.ReadNullableString(kFlex);
      r.SkipTaggedFields();
    });
    r.SkipTaggedFields();
  });
  r.SkipTaggedFields();
}

void AlterPartitionReassignmentsResponse::Encode(Writer& w, int16_t) const {
  w.WriteInt32(throttle_time_ms);
  w.WriteInt16(error_code);
  w.WriteNullableString(error_message, kFlex);
  WriteArray(w, kFlex, responses, [&](const Topic& t) {
    w.WriteString(t.name, kFlex);
    WriteArray(w, kFlex, t.partitions, [&](const Partition& p) {
      w.WriteInt32(p.partition_index);
      w.WriteInt16(p.error_code);
      w.WriteNullableString(p.error_message, kFlex);
      w.WriteEmptyTaggedFields();
    });
    w.WriteEmptyTaggedFields();
  });
  w.WriteEmptyTaggedFields();
}

void ListPartitionReassignmentsRequest::Decode(Reader& r, int16_t) {
  timeout_ms = r.ReadInt32();
  ReadNullableArray(r, kFlex, 3, topics, [&](Topic& t) {
    t.name = r.ReadString(kFlex);
    ReadInt32Array(r, kFlex, t.partition_indexes);
    r.SkipTaggedFields();
  });
  r.SkipTaggedFields();
}

void ListPartitionReassignmentsRequest::Encode(Writer& w, int16_t) const {
  w.WriteInt32(timeout_ms);
  WriteNullableArray(w, kFlex, topics, [&](const Topic& t) {
    w.WriteString(t.name, kFlex);
    WriteInt32Array(w, t.partition_indexes, kFlex);
    w.WriteEmptyTaggedFields();
  });
  w.WriteEmptyTaggedFields();
}

void ListPartitionReassignmentsResponse::Decode(Reader& r, int16_t) {
  throttle_time_ms = r.ReadInt32();
  error_code = r.ReadInt16();
  error_message = r.ReadNullableString(kFlex);
  ReadArray(r, kFlex, 3, topics, [&](Topic& t) {
    t.name = r.ReadString(kFlex);
    ReadArray(r, kFlex, 8, t.partitions, [&](Partition& p) {
      p.partition_index = r.ReadInt32();
      ReadInt32Array(r, kFlex, p.replicas);
      ReadInt32Array(r, kFlex, p.adding_replicas);
      ReadInt32Array(r, kFlex, p.removing_replicas);
      r.SkipTaggedFields();
    });
    r.SkipTaggedFields();
  });
  r.SkipTaggedFields();
}

void ListPartitionReassignmentsResponse::Encode(Writer& w, int16_t) const {
  w.WriteInt32(throttle_time_ms);
  w.WriteInt16(error_code);
  w.WriteNullableString(error_message, kFlex);
  WriteArray(w, kFlex, topics, [&](const Topic& t) {
    w.WriteString(t.name, kFlex);
    WriteArray(w, kFlex, t.partitions, [&](const Partition& p) {
      w.WriteInt32(p.partition_index);
      WriteInt32Array(w, p.replicas, kFlex);
      WriteInt32Array(w, p.adding_replicas, kFlex);
      WriteInt32Array(w, p.removing_replicas, kFlex);
      w.WriteEmptyTaggedFields();
    });
    w.WriteEmptyTaggedFields();
  });
  w.WriteEmptyTaggedFields();
}

}  // namespace partita::protocol
