// AvroSchema: an Avro schema parsed from its JSON text and checked against the Avro specification
// (https://avro.apache.org/docs/1.11.1/specification/): primitives, record/error, enum, array, map, union,
// fixed, named types with namespaces, references to named types defined earlier (also in referenced schemas),
// logical types kept as annotations. Also Avro's Parsing Canonical Form, the form two schemas are compared in.
// Named types form a graph (a record may refer to itself), so nodes live in one table and refer to each other
// by index. Thread safety: an immutable value after Parse; safe to share between threads.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/status.h"
#include "engine/schema_registry/types.h"

namespace partita::schema_registry {

enum class AvroType { kNull, kBoolean, kInt, kLong, kFloat, kDouble, kBytes, kString,
                      kRecord, kEnum, kArray, kMap, kUnion, kFixed };

// "null", "int", "record"...: the spec's names.
const char* AvroTypeName(AvroType type);
// "NULL", "INT", "RECORD"...: the names Avro's Java SchemaCompatibility prints in its messages.
std::string AvroTypeUpperName(AvroType type);

struct AvroField {
  std::string name;
  std::vector<std::string> aliases;
  int type = -1;  // node index
  std::optional<nlohmann::json> default_value;
};

struct AvroNode {
  AvroType type = AvroType::kNull;
  // Named types (record, enum, fixed): full name ("ns.Name"), aliases as full names.
  std::string full_name;
  std::vector<std::string> aliases;
  std::vector<AvroField> fields;              // record
  std::vector<std::string> symbols;           // enum
  std::optional<std::string> enum_default;    // enum
  int64_t size = 0;                           // fixed
  std::vector<int> children;                  // array: {items}; map: {values}; union: branches
  std::string logical_type;                   // annotation only; resolution ignores it as Avro does

  bool IsNamed() const { return type == AvroType::kRecord || type == AvroType::kEnum || type == AvroType::kFixed; }
  // The name without its namespace.
  std::string ShortName() const;
};

class AvroSchema {
 public:
  // Parses and validates `text`. `references` are schemas whose named types `text` may use; they are parsed
  // first, in order. Errors are kInvalidArgument with a message fit for Confluent's 42201.
  static Result<AvroSchema> Parse(std::string_view text, const std::vector<ResolvedReference>& references = {});

  int root() const { return root_; }
  const AvroNode& node(int index) const { return nodes_[static_cast<size_t>(index)]; }
  const AvroNode& root_node() const { return node(root_); }

  // Parsing Canonical Form (spec section "Parsing Canonical Form for Schemas"): full names, only the
  // attributes that matter for reading, no whitespace. Two schemas with the same PCF read data identically.
  std::string CanonicalForm() const;

 private:
  friend class AvroParser;
  std::vector<AvroNode> nodes_;
  int root_ = -1;
};

// Whether a and b are the same schema once every reference is resolved, as Confluent's AvroSchema.equivalent
// compares them (Avro's Schema.equals plus aliases): the same Parsing Canonical Form and the same field defaults,
// aliases, enum defaults and logical types, which the canonical form leaves out. (Docs are not kept here.)
bool AvroEquivalent(const AvroSchema& a, const AvroSchema& b);

}  // namespace partita::schema_registry
