#include "engine/protocol/messages/fetch.h"

#include "engine/protocol/messages/codec_util.h"

namespace partita::protocol {

using namespace codec;

void FetchRequest::Decode(Reader& r, int16_t version) {
  const bool flex = version >= kFirstFlexibleVersion;
  replica_id = r.ReadInt32();
  max_wait_ms = r.ReadInt32();
  min_bytes = r.ReadInt32();
  max_bytes = version >= 3 ? r.ReadInt32() : 0x7fffffff;
  isolation_level = version >= 4 ? r.ReadInt8() : 0;
  session_id = version >= 7 ? r.ReadInt32() : 0;
  session_epoch = version >= 7 ? r.ReadInt32() : -1;
  int32_t nt = ReadCount(r, flex, StrMin(flex) + ArrMin(flex) + TagMin(flex));
  topics.clear();
  topics.reserve(static_cast<size_t>(nt));
  for (int32_t i = 0; i < nt && r.ok(); ++i) {
    Topic& t = topics.emplace_back();
    t.topic = r.ReadString(flex);
    int32_t np = ReadCount(r, flex, 4 + 8 + 4 + TagMin(flex));
    t.partitions.reserve(static_cast<size_t>(np));
    for (int32_t j = 0; j < np && r.ok(); ++j) {
      Partition& p = t.partitions.emplace_back();
      p.partition = r.ReadInt32();
      if (version >= 9) p.current_leader_epoch = r.ReadInt32();
      p.fetch_offset = r.ReadInt64();
      if (version >= 12) p.last_fetched_epoch = r.ReadInt32();
      if (version >= 5) p.log_start_offset = r.ReadInt64();
      p.partition_max_bytes = r.ReadInt32();
      if (flex) r.SkipTaggedFields();
    }
    if (flex) r.SkipTaggedFields();
  }
  forgotten_topics_data.clear();
  if (version >= 7) {
    int32_t nf = ReadCount(r, flex, StrMin(flex) + ArrMin(flex) + TagMin(flex));
    forgotten_topics_data.reserve(static_cast<size_t>(nf));
    for (int32_t i = 0; i < nf && r.ok(); ++i) {
      ForgottenTopic& f = forgotten_topics_data.emplace_back();
      f.topic = r.ReadString(flex);
      ReadInt32Array(r, flex, f.partitions);
      if (flex) r.SkipTaggedFields();
    }
  }
  if (version >= 11) {
    rack_id = r.ReadString(flex);
  } else {
    rack_id.clear();
  }
  if (flex) r.SkipTaggedFields();  // cluster_id (tag 0) is not used by this broker
}

void FetchRequest::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= kFirstFlexibleVersion;
  w.WriteInt32(replica_id);
  w.WriteInt32(max_wait_ms);
  w.WriteInt32(min_bytes);
  if (version >= 3) w.WriteInt32(max_bytes);
  if (version >= 4) w.WriteInt8(isolation_level);
  if (version >= 7) {
    w.WriteInt32(session_id);
    w.WriteInt32(session_epoch);
  }
  WriteCount(w, topics.size(), flex);
  for (const auto& t : topics) {
    w.WriteString(t.topic, flex);
    WriteCount(w, t.partitions.size(), flex);
    for (const auto& p : t.partitions) {
      w.WriteInt32(p.partition);
      if (version >= 9) w.WriteInt32(p.current_leader_epoch);
      w.WriteInt64(p.fetch_offset);
      if (version >= 12) w.WriteInt32(p.last_fetched_epoch);
      if (version >= 5) w.WriteInt64(p.log_start_offset);
      w.WriteInt32(p.partition_max_bytes);
      if (flex) w.WriteEmptyTaggedFields();
    }
    if (flex) w.WriteEmptyTaggedFields();
  }
  if (version >= 7) {
    WriteCount(w, forgotten_topics_data.size(), flex);
    for (const auto& f : forgotten_topics_data) {
      w.WriteString(f.topic, flex);
      WriteInt32Array(w, f.partitions, flex);
      if (flex) w.WriteEmptyTaggedFields();
    }
  }
  if (version >= 11) w.WriteString(rack_id, flex);
  if (flex) w.WriteEmptyTaggedFields();
}

void FetchResponse::Decode(Reader& r, int16_t version) {
  const bool flex = version >= FetchRequest::kFirstFlexibleVersion;
  throttle_time_ms = version >= 1 ? r.ReadInt32() : 0;
  error_code = version >= 7 ? r.ReadInt16() : 0;
  session_id = version >= 7 ? r.ReadInt32() : 0;
  int32_t nt = ReadCount(r, flex, StrMin(flex) + ArrMin(flex) + TagMin(flex));
  responses.clear();
  responses.reserve(static_cast<size_t>(nt));
  for (int32_t i = 0; i < nt && r.ok(); ++i) {
    Topic& t = responses.emplace_back();
    t.topic = r.ReadString(flex);
    int32_t np = ReadCount(r, flex, 4 + 2 + 8 + (flex ? 1 : 4) + TagMin(flex));
    t.partitions.reserve(static_cast<size_t>(np));
    for (int32_t j = 0; j < np && r.ok(); ++j) {
      Partition& p = t.partitions.emplace_back();
      p.partition_index = r.ReadInt32();
      p.error_code = r.ReadInt16();
      p.high_watermark = r.ReadInt64();
      if (version >= 4) p.last_stable_offset = r.ReadInt64();
      if (version >= 5) p.log_start_offset = r.ReadInt64();
      if (version >= 4) {
        int32_t na = r.ReadArrayLength(flex, 16 + TagMin(flex));
        if (na >= 0) {
          p.aborted_transactions.emplace();
          p.aborted_transactions->reserve(static_cast<size_t>(na));
          for (int32_t k = 0; k < na && r.ok(); ++k) {
            AbortedTransaction& a = p.aborted_transactions->emplace_back();
            a.producer_id = r.ReadInt64();
            a.first_offset = r.ReadInt64();
            if (flex) r.SkipTaggedFields();
          }
        }
      }
      if (version >= 11) p.preferred_read_replica = r.ReadInt32();
      p.records.Decode(r, flex);
      // diverging_epoch / current_leader / snapshot_id (tags 0-2) are skipped.
      if (flex) r.SkipTaggedFields();
    }
    if (flex) r.SkipTaggedFields();
  }
  if (flex) r.SkipTaggedFields();
}

void FetchResponse::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= FetchRequest::kFirstFlexibleVersion;
  if (version >= 1) w.WriteInt32(throttle_time_ms);
  if (version >= 7) {
    w.WriteInt16(error_code);
    w.WriteInt32(session_id);
  }
  WriteCount(w, responses.size(), flex);
  for (const auto& t : responses) {
    w.WriteString(t.topic, flex);
    WriteCount(w, t.partitions.size(), flex);
    for (const auto& p : t.partitions) {
      w.WriteInt32(p.partition_index);
      w.WriteInt16(p.error_code);
      w.WriteInt64(p.high_watermark);
      if (version >= 4) w.WriteInt64(p.last_stable_offset);
      if (version >= 5) w.WriteInt64(p.log_start_offset);
      if (version >= 4) {
        if (!p.aborted_transactions) {
          w.WriteArrayLength(-1, flex);
        } else {
          WriteCount(w, p.aborted_transactions->size(), flex);
          for (const auto& a : *p.aborted_transactions) {
            w.WriteInt64(a.producer_id);
            w.WriteInt64(a.first_offset);
            if (flex) w.WriteEmptyTaggedFields();
          }
        }
      }
      if (version >= 11) w.WriteInt32(p.preferred_read_replica);
      p.records.Encode(w, flex);
      if (flex) w.WriteEmptyTaggedFields();
    }
    if (flex) w.WriteEmptyTaggedFields();
  }
  if (flex) w.WriteEmptyTaggedFields();
}

}  // namespace partita::protocol
