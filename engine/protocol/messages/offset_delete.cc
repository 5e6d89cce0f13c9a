#include "engine/protocol/messages/offset_delete.h"

#include "engine/protocol/messages/codec_array.h"

namespace partita::protocol {

using namespace codec;

// The request's partitions are structs of one field (PartitionIndex) on the wire, i.e. a plain INT32 array.
void OffsetDeleteRequest::Decode(Reader& r, int16_t) {
  group_id = r.ReadString(false);
  ReadArray(r, false, 6, topics, [&](Topic& t) {
    t.name = r.ReadString(false);
    ReadInt32Array(r, false, t.partitions);
  });
}

void OffsetDeleteRequest::Encode(Writer& w, int16_t) const {
  w.WriteString(group_id, false);
  WriteArray(w, false, topics, [&](const Topic& t) {
    w.WriteString(t.name, false);
    WriteInt32Array(w, t.partitions, false);
  });
}

void OffsetDeleteResponse::Decode(Reader& r, int16_t) {
  error_code = r.ReadInt16();
  throttle_time_ms = r.ReadInt32();
  ReadArray(r, false, 6, topics, [&](Topic& t) {
    t.name = r.ReadString(false);
    ReadArray(r, false, 6, t.partitions, [&](Partition& p) {
      p.partition_index = r.ReadInt32();
      p.error_code = r.ReadInt16();
    });
  });
}

void OffsetDeleteResponse::Encode(Writer& w, int16_t) const {
  w.WriteInt16(error_code);
  w.WriteInt32(throttle_time_ms);
  WriteArray(w, false, topics, [&](const Topic& t) {
    w.WriteString(t.name, false);
    WriteArray(w, false, t.partitions, [&](const Partition& p) {
      w.WriteInt32(p.partition_index);
      w.WriteInt16(p.error_code);
    });
  });
}

}  // namespace partita::protocol
