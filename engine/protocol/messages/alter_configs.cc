#include "engine/protocol/messages/alter_configs.h"

#include "engine/protocol/messages/codec_array.h"

namespace partita::protocol {

using namespace codec;

void AlterConfigsRequest::Decode(Reader& r, int16_t version) {
  const bool flex = version >= kFirstFlexibleVersion;
  ReadArray(r, flex, 1 + StrMin(flex) + ArrMin(flex) + TagMin(flex), resources, [&](Resource& res) {
    res.resource_type = r.ReadInt8();
    res.resource_name = r.ReadString(flex);
    ReadArray(r, flex, StrMin(flex) + (flex ? 1 : 2) + TagMin(flex), res.configs, [&](Config& c) {
      c.name = r.ReadString(flex);
      c.value = r.ReadNullableString(flex);
      if (flex) r.SkipTaggedFields();
    });
    if (flex) r.SkipTaggedFields();
  });
  validate_only = r.ReadBool();
  if (flex) r.SkipTaggedFields();
}

void AlterConfigsRequest::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= kFirstFlexibleVersion;
  WriteArray(w, flex, resources, [&](const Resource& res) {
    w.WriteInt8(res.resource_type);
    w.WriteString(res.resource_name, flex);
    WriteArray(w, flex, res.configs, [&](const Config& c) {
      w.WriteString(c.name, flex);
      w.WriteNullableString(c.value, flex);
      if (flex) w.WriteEmptyTaggedFields();
    });
    if (flex) w.WriteEmptyTaggedFields();
  });
  w.WriteBool(validate_only);
  if (flex) w.WriteEmptyTaggedFields();
}

void AlterConfigsResponse::Decode(Reader& r, int16_t version) {
  const bool flex = version >= AlterConfigsRequest::kFirstFlexibleVersion;
  throttle_time_ms = r.ReadInt32();
  ReadArray(r, flex, 2 + (flex ? 1 : 2) + 1 + StrMin(flex) + TagMin(flex), responses, [&](Result& res) {
    res.error_code = r.ReadInt16();
    res.error_message = r.ReadNullableString(flex);
    res.resource_type = r.ReadInt8();
    res.resource_name = r.ReadString(flex);
    if (flex) r.SkipTaggedFields();
  });
  if (flex) r.SkipTaggedFields();
}

void AlterConfigsResponse::Encode(Writer& w, int16_t version) const {
  const bool flex = version >= AlterConfigsRequest::kFirstFlexibleVersion;
  w.WriteInt32(throttle_time_ms);
  WriteArray(w, flex, responses, [&](const Result& res) {
    w.WriteInt16(res.error_code);
    w.WriteNullableString(res.error_message, flex);
    w.WriteInt8(res.resource_type);
    w.WriteString(res.resource_name, flex);
    if (flex) w.WriteEmptyTaggedFields();
  });
  if (flex) w.WriteEmptyTaggedFields();
}

}  // namespace partita::protocol
