// --offsets-decoder of partita-cli dump-log: __consumer_offsets records as the JSON of Kafka's
// DumpLogSegments.OffsetsMessageParser: key {"type":"<key version>","data":{...}}, payload
// {"version":"<value version>","data":{...}} with the field names of Kafka's group-coordinator schemas.
#include <nlohmann/json.hpp>

#include "app/cli/dump_log.h"
#include "engine/group/group_records.h"

namespace partita::cli {

namespace {

using Json = nlohmann::ordered_json;

int16_t VersionOf(std::span<const uint8_t> bytes) {
  return bytes.size() >= 2 ? static_cast<int16_t>((bytes[0] << 8) | bytes[1]) : -1;
}

std::string Base64(std::span<const uint8_t> in) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const uint32_t v = (in[i] << 16) | (in[i + 1] << 8) | in[i + 2];
    for (int s : {18, 12, 6, 0}) out += kAlphabet[(v >> s) & 63];
  }
  if (i < in.size()) {
    const uint32_t v = (in[i] << 16) | (i + 1 < in.size() ? in[i + 1] << 8 : 0);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < in.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

Json OptionalString(const std::optional<std::string>& s) { return s ? Json(*s) : Json(nullptr); }

}  // namespace

std::string DecodeConsumerOffsetsRecord(std::span<const uint8_t> key,
                                        const std::optional<std::span<const uint8_t>>& value) {
  auto decoded_key = group::DecodeConsumerOffsetsKey(key);
  if (!decoded_key.ok()) return "key: (not a __consumer_offsets key: " + decoded_key.status().message() + ")";
  Json key_json;
  key_json["type"] = std::to_string(VersionOf(key));
  const bool is_offset = std::holds_alternative<group::OffsetCommitKey>(*decoded_key);
  if (is_offset) {
    const auto& k = std::get<group::OffsetCommitKey>(*decoded_key);
    key_json["data"] = Json{{"group", k.group}, {"topic", k.topic}, {"partition", k.partition}};
  } else {
    key_json["data"] = Json{{"group", std::get<group::GroupMetadataKey>(*decoded_key).group}};
  }
  std::string out = "key: " + key_json.dump() + " payload: ";
  if (!value) return out + "<DELETE>";
  const int16_t version = VersionOf(*value);
  Json payload;
  payload["version"] = std::to_string(version);
  if (is_offset) {
    auto v = group::DecodeOffsetCommitValue(*value);
    if (!v.ok()) return out + "(unreadable: " + v.status().message() + ")";
    Json data{{"offset", v->offset}};
    if (version >= 3) data["leaderEpoch"] = v->leader_epoch;
    data["metadata"] = v->metadata;
    data["commitTimestamp"] = v->commit_timestamp;
    if (version == 1) data["expireTimestamp"] = v->expire_timestamp;
    payload["data"] = data;
  } else {
    auto v = group::DecodeGroupMetadataValue(*value);
    if (!v.ok()) return out + "(unreadable: " + v.status().message() + ")";
    Json data{{"protocolType", v->protocol_type}, {"generation", v->generation},
              {"protocol", OptionalString(v->protocol)}, {"leader", OptionalString(v->leader)}};
    if (version >= 2) data["currentStateTimestamp"] = v->current_state_timestamp;
    Json members = Json::array();
    for (const auto& m : v->members) {
      Json mj{{"memberId", m.member_id}};
      if (version >= 3) mj["groupInstanceId"] = OptionalString(m.group_instance_id);
      mj["clientId"] = m.client_id;
      mj["clientHost"] = m.client_host;
      if (version >= 1) mj["rebalanceTimeout"] = m.rebalance_timeout_ms;
      mj["sessionTimeout"] = m.session_timeout_ms;
      // Kafka decodes the consumer protocol's bytes; the subscribed topics are what an operator looks for.
      auto topics = v->protocol_type == "consumer" ? group::ParseConsumerSubscriptionTopics(m.subscription)
                                                   : Result<std::vector<std::string>>(Status::Unsupported(""));
      if (topics.ok()) {
        mj["subscription"] = Json{{"topics", *topics}};
      } else {
        mj["subscription"] = Base64(m.subscription);
      }
      mj["assignment"] = Base64(m.assignment);
      members.push_back(mj);
    }
    data["members"] = members;
    payload["data"] = data;
  }
  return out + payload.dump();
}

}  // namespace partita::cli
