#include "engine/protocol/messages/describe_configs.h"

#include "engine/protocol/messages/codec_util.h"

namespace partita::protocol {

using namespace codec;

void DescribeConfigsRequest::Decode(Reader& r, int16_t version) {
  const bool flex = version >= kFirstFlexibleVersion;
  int32_t n = ReadCount(r, flex, 1 + StrMin(flex) + ArrMin(flex) + TagMin(flex));
  resources.clear();
  resources.reserve(static_cast<size_t>(n));
  for (int32_t i = 0; i < n && r.ok(); ++i) {
    Resource& res = resources.emplace_back();
    res.resource_type = r.ReadInt8();
    res.resource_name = r.ReadString(flex);
    ReadNullableStringArray(r, flex, res.configuration_keys);
    if (flex) r.SkipTaggedFields();
  }
  include_synonyms = version >= 1 ? r.ReadBool() : false;
  include_documentation = version >= 3 ? r.ReadBool() : false;
  if (flex) r.SkipTaggedFields();
}

void DescribeConfigsRequest::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= kFirstFlexibleVersion;
  WriteCount(w, resources.size(), flex);
  for (const auto& res : resources) {
    w.WriteInt8(res.resource_type);
    w.WriteString(res.resource_name, flex);
    WriteNullableStringArray(w, res.configuration_keys, flex);
    if (flex) w.WriteEmptyTaggedFields();
  }
  if (version >= 1) w.WriteBool(include_synonyms);
  if (version >= 3) w.WriteBool(include_documentation);
  if (flex) w.WriteEmptyTaggedFields();
}

void DescribeConfigsResponse::Decode(Reader& r, int16_t version) {
  const bool flex = version >= DescribeConfigsRequest::kFirstFlexibleVersion;
  throttle_time_ms = r.ReadInt32();
  int32_t n = ReadCount(r, flex, 2 + 1 + 1 + StrMin(flex) + ArrMin(flex) + TagMin(flex));
  results.clear();
  results.reserve(static_cast<size_t>(n));
  for (int32_t i = 0; i < n && r.ok(); ++i) {
    Result& res = results.emplace_back();
    res.error_code = r.ReadInt16();
    res.error_message = r.ReadNullableString(flex);
    res.resource_type = r.ReadInt8();
    res.resource_name = r.ReadString(flex);
    int32_t nc = ReadCount(r, flex, StrMin(flex) + 1 + 3 + TagMin(flex));
    res.configs.reserve(static_cast<size_t>(nc));
    for (int32_t j = 0; j < nc && r.ok(); ++j) {
      Config& c = res.configs.emplace_back();
      c.name = r.ReadString(flex);
      c.value = r.ReadNullableString(flex);
      c.read_only = r.ReadBool();
      if (version == 0) c.is_default = r.ReadBool();
      if (version >= 1) c.config_source = r.ReadInt8();
      c.is_sensitive = r.ReadBool();
      if (version >= 1) {
        int32_t ns = ReadCount(r, flex, StrMin(flex) + 1 + 1 + TagMin(flex));
        c.synonyms.reserve(static_cast<size_t>(ns));
        for (int32_t k = 0; k < ns && r.ok(); ++k) {
          Synonym& s = c.synonyms.emplace_back();
          s.name = r.ReadString(flex);
          s.value = r.ReadNullableString(flex);
          s.source = r.ReadInt8();
          if (flex) r.SkipTaggedFields();
        }
      }
      if (version >= 3) {
        c.config_type = r.ReadInt8();
        c.documentation = r.ReadNullableString(flex);
      }
      if (flex) r.SkipTaggedFields();
    }
    if (flex) r.SkipTaggedFields();
  }
  if (flex) r.SkipTaggedFields();
}

void DescribeConfigsResponse::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= DescribeConfigsRequest::kFirstFlexibleVersion;
  w.WriteInt32(throttle_time_ms);
  WriteCount(w, results.size(), flex);
  for (const auto& res : results) {
    w.WriteInt16(res.error_code);
    w.WriteNullableString(res.error_message, flex);
    w.WriteInt8(res.resource_type);
    w.WriteString(res.resource_name, flex);
    WriteCount(w, res.configs.size(), flex);
    for (const auto& c : res.configs) {
      w.WriteString(c.name, flex);
      w.WriteNullableString(c.value, flex);
      w.WriteBool(c.read_only);
      if (version == 0) w.WriteBool(c.is_default);
      if (version >= 1) w.WriteInt8(c.config_source);
      w.WriteBool(c.is_sensitive);
      if (version >= 1) {
        WriteCount(w, c.synonyms.size(), flex);
        for (const auto& s : c.synonyms) {
          w.WriteString(s.name, flex);
          w.WriteNullableString(s.value, flex);
          w.WriteInt8(s.source);
          if (flex) w.WriteEmptyTaggedFields();
        }
      }
      if (version >= 3) {
        w.WriteInt8(c.config_type);
        w.WriteNullableString(c.documentation, flex);
      }
      if (flex) w.WriteEmptyTaggedFields();
    }
    if (flex) w.WriteEmptyTaggedFields();
  }
  if (flex) w.WriteEmptyTaggedFields();
}

}  // namespace partita::protocol
