// ProtobufSchema: a .proto file (proto2 or proto3) parsed far enough for a registry: package, imports
// (resolved against the schema's references and the google/protobuf well-known files), messages with nested
// messages and enums, fields (labels, scalar / named / map types, numbers, oneofs), enums. Options,
// services, extensions and reserved ranges are read and skipped. Validation: syntax, unique field names and
// numbers (1..2^29-1 outside 19000-19999), resolvable type names, proto3 enums starting at 0.
// Compatibility (Confluent's documented Protobuf rules, reader = the schema that must read the other's data):
// PACKAGE_CHANGED, MESSAGE_REMOVED (also a renamed message), FIELD_KIND_CHANGED (scalar / message / enum /
// map), FIELD_SCALAR_KIND_CHANGED outside a wire-compatible group, FIELD_NAMED_TYPE_CHANGED,
// REQUIRED_FIELD_ADDED / REQUIRED_FIELD_REMOVED (proto2), ONEOF_FIELD_REMOVED, MULTIPLE_FIELDS_MOVED_TO_ONEOF
// are incompatible; added or removed optional fields, renamed fields, enum constants added or removed are not.
// Thread safety: immutable value.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/status.h"
#include "engine/schema_registry/types.h"

namespace partita::schema_registry {

struct ProtobufField {
  std::string name;
  int32_t number = 0;
  std::string label;       // "", "optional", "required", "repeated"
  std::string type;        // as written: "int32", "Foo", ".pkg.Foo"
  std::string resolved;    // scalar name, or the full name of the message / enum (no leading dot)
  bool is_map = false;
  std::string oneof;       // the oneof it belongs to, empty if none
};

struct ProtobufMessage {
  std::string full_name;   // "pkg.Outer.Inner"
  std::vector<ProtobufField> fields;
};

struct ProtobufEnum {
  std::string full_name;
  std::map<std::string, int32_t> values;
};

class ProtobufSchema {
 public:
  // `references` carry the imported files by import path (a reference's name) for type resolution.
  static Result<ProtobufSchema> Parse(std::string_view text, const std::vector<ResolvedReference>& references = {});

  const std::string& syntax() const { return syntax_; }
  const std::string& package() const { return package_; }
  const std::vector<std::string>& imports() const { return imports_; }
  // This file's own messages and enums, by full name; messages in declaration order (outer before inner).
  const std::vector<ProtobufMessage>& messages() const { return messages_; }
  const std::map<std::string, ProtobufEnum>& enums() const { return enums_; }
  const ProtobufMessage* FindMessage(const std::string& full_name) const;

 private:
  friend class ProtobufParser;
  std::string syntax_ = "proto2";
  std::string package_;
  std::vector<std::string> imports_;
  std::vector<ProtobufMessage> messages_;
  std::map<std::string, ProtobufEnum> enums_;
};

// The text's tokens joined by single spaces, comments dropped: two .proto texts that differ only in layout and
// comments compare equal (the registry's fingerprint for Protobuf). Untokenizable text is returned unchanged.
std::string ProtobufTokenText(std::string_view text);

std::vector<SchemaDifference> CheckProtobufCanRead(const ProtobufSchema& reader, const ProtobufSchema& writer);

}  // namespace partita::schema_registry
