#include "engine/schema_registry/avro_schema.h"

#include <map>
#include <set>

#include "engine/schema_registry/json_util.h"

namespace partita::schema_registry {

using nlohmann::json;

const char* AvroTypeName(AvroType type) {
  switch (type) {
    case AvroType::kNull: return "null";
    case AvroType::kBoolean: return "boolean";
    case AvroType::kInt: return "int";
    case AvroType::kLong: return "long";
    case AvroType::kFloat: return "float";
    case AvroType::kDouble: return "double";
    case AvroType::kBytes: return "bytes";
    case AvroType::kString: return "string";
    case AvroType::kRecord: return "record";
    case AvroType::kEnum: return "enum";
    case AvroType::kArray: return "array";
    case AvroType::kMap: return "map";
    case AvroType::kUnion: return "union";
    case AvroType::kFixed: return "fixed";
  }
  return "null";
}

std::string AvroTypeUpperName(AvroType type) {
  std::string name = AvroTypeName(type);
  for (char& c : name) c = static_cast<char>(c - 'a' + 'A');
  return name;
}

std::string AvroNode::ShortName() const {
  const size_t dot = full_name.rfind('.');
  return dot == std::string::npos ? full_name : full_name.substr(dot + 1);
}

namespace {

std::optional<AvroType> PrimitiveType(std::string_view name) {
  static const std::map<std::string_view, AvroType> kPrimitives = {
      {"null", AvroType::kNull},   {"boolean", AvroType::kBoolean}, {"int", AvroType::kInt},
      {"long", AvroType::kLong},   {"float", AvroType::kFloat},     {"double", AvroType::kDouble},
      {"bytes", AvroType::kBytes}, {"string", AvroType::kString}};
  auto it = kPrimitives.find(name);
  if (it == kPrimitives.end()) return std::nullopt;
  return it->second;
}

// Spec: a name part starts with [A-Za-z_] and continues with [A-Za-z0-9_].
bool IsValidNamePart(std::string_view part) {
  if (part.empty()) return false;
  auto alpha = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; };
  if (!alpha(part[0])) return false;
  for (char c : part) {
    if (!alpha(c) && !(c >= '0' && c <= '9')) return false;
  }
  return true;
}

bool IsValidFullName(std::string_view name) {
  size_t start = 0;
  while (true) {
    const size_t dot = name.find('.', start);
    if (!IsValidNamePart(name.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start))) {
      return false;
    }
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

}  // namespace

// Builds an AvroSchema's node table. One instance per Parse call.
class AvroParser {
 public:
  explicit AvroParser(AvroSchema* schema) : schema_(schema) {}

  Result<int> ParseText(std::string_view text) {
    Result<json> parsed = ParseJson(text);
    if (!parsed.ok()) return Status::InvalidArgument("Invalid schema: " + parsed.status().message());
    return Parse(*parsed, "", 0);
  }

 private:
  Status Error(const std::string& message) { return Status::InvalidArgument(message); }

  int AddNode(AvroNode node) {
    schema_->nodes_.push_back(std::move(node));
    return static_cast<int>(schema_->nodes_.size()) - 1;
  }

  // The spec's name resolution: a dotted name is a full name; otherwise the enclosing namespace applies.
  static std::string FullName(const std::string& name, const std::string& ns) {
    if (name.find('.') != std::string::npos || ns.empty()) return name;
    return ns + "." + name;
  }

  Result<int> ParseTypeName(const std::string& name, const std::string& ns) {
    if (auto primitive = PrimitiveType(name)) {
      AvroNode node;
      node.type = *primitive;
      return AddNode(std::move(node));
    }
    auto it = names_.find(FullName(name, ns));
    if (it == names_.end()) it = names_.find(name);  // a name in the null namespace, as Java's parser allows
    if (it == names_.end()) return Error("Undefined name: \"" + name + "\"");
    return it->second;
  }

  Result<int> Parse(const json& value, const std::string& ns, int depth) {
    if (depth > kMaxJsonDepth) return Error("Schema nested too deeply");
    if (value.is_string()) return ParseTypeName(value.get<std::string>(), ns);
    if (value.is_array()) return ParseUnion(value, ns, depth);
    if (!value.is_object()) return Error("Schema must be a string, an object or an array, not: " + value.dump());
    auto type_it = value.find("type");
    if (type_it == value.end()) return Error("No type: " + value.dump());
    if (!type_it->is_string()) {
      // {"type": {...}} or {"type": [...]}: a schema nested as the type, with annotations around it.
      return Parse(*type_it, ns, depth + 1);
    }
    const std::string type = type_it->get<std::string>();
    std::string logical;
    if (auto lt = value.find("logicalType"); lt != value.end() && lt->is_string()) logical = lt->get<std::string>();
    const size_t nodes_before = schema_->nodes_.size();
    Result<int> parsed = Status::InvalidArgument("");
    if (type == "record" || type == "error") parsed = ParseRecord(value, ns, depth);
    else if (type == "enum") parsed = ParseEnum(value, ns);
    else if (type == "fixed") parsed = ParseFixed(value, ns);
    else if (type == "array" || type == "map") parsed = ParseContainer(value, type == "array", ns, depth);
    else parsed = ParseTypeName(type, ns);
    // Annotate only a node made here: a reference to a named type shares the definition's node.
    if (parsed.ok() && !logical.empty() && static_cast<size_t>(*parsed) >= nodes_before) {
      schema_->nodes_[static_cast<size_t>(*parsed)].logical_type = logical;
    }
    return parsed;
  }

  Result<int> ParseUnion(const json& value, const std::string& ns, int depth) {
    AvroNode node;
    node.type = AvroType::kUnion;
    std::set<std::string> seen;  // the spec: no two branches of the same unnamed type or the same name
    for (const json& branch : value) {
      Result<int> child = Parse(branch, ns, depth + 1);
      if (!child.ok()) return child.status();
      const AvroNode& c = schema_->node(*child);
      if (c.type == AvroType::kUnion) return Error("Nested union: " + value.dump());
      const std::string key = c.IsNamed() ? c.full_name : AvroTypeName(c.type);
      if (!seen.insert(key).second) return Error("Duplicate in union:" + key);
      node.children.push_back(*child);
    }
    return AddNode(std::move(node));
  }

  // Starts a named node: type, full name from "name"/"namespace" (a named type may not be redefined),
  // aliases; `own_ns` is the namespace its children inherit.
  Status DefineName(const json& value, const std::string& ns, AvroType type, AvroNode* node, std::string* own_ns) {
    node->type = type;
    auto name_it = value.find("name");
    if (name_it == value.end() || !name_it->is_string()) return Error("No name in schema: " + value.dump());
    const std::string name = name_it->get<std::string>();
    std::string space = ns;
    if (auto ns_it = value.find("namespace"); ns_it != value.end()) {
      if (ns_it->is_string()) space = ns_it->get<std::string>();
      else if (!ns_it->is_null()) return Error("Namespace must be a string: " + value.dump());
    }
    const std::string full = FullName(name, space);
    if (!IsValidFullName(full)) return Error("Illegal name: " + full);
    if (PrimitiveType(full)) return Error("Illegal name (a primitive type): " + full);
    if (names_.count(full)) return Error("Can't redefine: " + full);
    const size_t dot = full.rfind('.');
    *own_ns = dot == std::string::npos ? "" : full.substr(0, dot);
    if (auto al = value.find("aliases"); al != value.end()) {
      if (!al->is_array()) return Error("aliases not an array: " + value.dump());
      for (const json& a : *al) {
        if (!a.is_string()) return Error("alias not a string: " + a.dump());
        const std::string alias = FullName(a.get<std::string>(), *own_ns);
        if (!IsValidFullName(alias)) return Error("Illegal alias: " + alias);
        node->aliases.push_back(alias);
      }
    }
    node->full_name = full;
    return Status::Ok();
  }

  // Adds a named node and makes its name visible to what follows.
  int AddNamed(AvroNode node) {
    const std::string full = node.full_name;
    const int index = AddNode(std::move(node));
    names_[full] = index;
    return index;
  }

  Result<int> ParseRecord(const json& value, const std::string& ns, int depth) {
    AvroNode node;
    std::string own_ns;
    PARTITA_RETURN_IF_ERROR(DefineName(value, ns, AvroType::kRecord, &node, &own_ns));
    auto fields_it = value.find("fields");
    if (fields_it == value.end() || !fields_it->is_array()) return Error("Record has no fields: " + value.dump());
    // Register the name before the fields so a field may refer to its own record (recursive types).
    const int index = AddNamed(std::move(node));
    const std::string full = schema_->node(index).full_name;
    std::set<std::string> field_names;
    for (const json& f : *fields_it) {
      if (!f.is_object()) return Error("Field not an object: " + f.dump());
      auto name_it = f.find("name");
      if (name_it == f.end() || !name_it->is_string()) return Error("No field name: " + f.dump());
      AvroField field;
      field.name = name_it->get<std::string>();
      if (!IsValidNamePart(field.name)) return Error("Illegal field name: " + field.name);
      if (!field_names.insert(field.name).second) return Error("Duplicate field " + field.name + " in record " + full);
      auto type_it = f.find("type");
      if (type_it == f.end()) return Error("No field type: " + f.dump());
      Result<int> type = Parse(*type_it, own_ns, depth + 1);
      if (!type.ok()) return type.status();
      field.type = *type;
      if (auto al = f.find("aliases"); al != f.end()) {
        if (!al->is_array()) return Error("aliases not an array: " + f.dump());
        for (const json& a : *al) {
          if (!a.is_string()) return Error("alias not a string: " + a.dump());
          field.aliases.push_back(a.get<std::string>());
        }
      }
      if (auto def = f.find("default"); def != f.end()) {
        if (!IsValidDefault(*type, *def, 0)) {
          return Error("Invalid default for field " + field.name + ": " + def->dump() + " not a " + TypeDump(*type));
        }
        field.default_value = *def;
      }
      if (auto order = f.find("order"); order != f.end()) {
        if (!order->is_string() || (*order != "ascending" && *order != "descending" && *order != "ignore")) {
          return Error("Illegal field order: " + order->dump());
        }
      }
      schema_->nodes_[static_cast<size_t>(index)].fields.push_back(std::move(field));
    }
    return index;
  }

  Result<int> ParseEnum(const json& value, const std::string& ns) {
    AvroNode node;
    std::string own_ns;
    PARTITA_RETURN_IF_ERROR(DefineName(value, ns, AvroType::kEnum, &node, &own_ns));
    auto symbols = value.find("symbols");
    if (symbols == value.end() || !symbols->is_array()) return Error("Enum has no symbols: " + value.dump());
    std::set<std::string> seen;
    for (const json& s : *symbols) {
      if (!s.is_string() || !IsValidNamePart(s.get<std::string>())) return Error("Illegal enum symbol: " + s.dump());
      if (!seen.insert(s.get<std::string>()).second) return Error("Duplicate enum symbol: " + s.dump());
      node.symbols.push_back(s.get<std::string>());
    }
    if (auto def = value.find("default"); def != value.end()) {
      if (!def->is_string() || !seen.count(def->get<std::string>())) {
        return Error("The Enum Default: " + def->dump() + " is not in the enum symbol set: " + symbols->dump());
      }
      node.enum_default = def->get<std::string>();
    }
    return AddNamed(std::move(node));
  }

  Result<int> ParseFixed(const json& value, const std::string& ns) {
    AvroNode node;
    std::string own_ns;
    PARTITA_RETURN_IF_ERROR(DefineName(value, ns, AvroType::kFixed, &node, &own_ns));
    auto size = value.find("size");
    if (size == value.end() || !size->is_number_integer() || size->get<int64_t>() < 0 ||
        size->get<int64_t>() > INT32_MAX) {
      return Error("Invalid or no size: " + value.dump());
    }
    node.size = size->get<int64_t>();
    return AddNamed(std::move(node));
  }

  Result<int> ParseContainer(const json& value, bool is_array, const std::string& ns, int depth) {
    const char* key = is_array ? "items" : "values";
    auto child_it = value.find(key);
    if (child_it == value.end()) {
      return Error(std::string(is_array ? "Array has no items type: " : "Map has no values type: ") + value.dump());
    }
    Result<int> child = Parse(*child_it, ns, depth + 1);
    if (!child.ok()) return child.status();
    AvroNode node;
    node.type = is_array ? AvroType::kArray : AvroType::kMap;
    node.children.push_back(*child);
    return AddNode(std::move(node));
  }

  std::string TypeDump(int index) const {
    const AvroNode& n = schema_->node(index);
    return n.IsNamed() ? n.full_name : AvroTypeName(n.type);
  }

  // The spec's table of default values per type; a union's default belongs to its first branch.
  bool IsValidDefault(int index, const json& v, int depth) const {
    if (depth > kMaxJsonDepth) return false;
    const AvroNode& n = schema_->node(index);
    switch (n.type) {
      case AvroType::kNull: return v.is_null();
      case AvroType::kBoolean: return v.is_boolean();
      case AvroType::kInt:
        return v.is_number_integer() && v.get<int64_t>() >= INT32_MIN && v.get<int64_t>() <= INT32_MAX;
      case AvroType::kLong: return v.is_number_integer();
      case AvroType::kFloat:
      case AvroType::kDouble: return v.is_number() || (v.is_string() && (v == "NaN" || v == "Infinity" || v == "-Infinity"));
      case AvroType::kBytes:
      case AvroType::kString:
      case AvroType::kFixed: return v.is_string();
      case AvroType::kEnum:
        return v.is_string() && std::find(n.symbols.begin(), n.symbols.end(), v.get<std::string>()) != n.symbols.end();
      case AvroType::kArray:
        if (!v.is_array()) return false;
        for (const json& item : v) {
          if (!IsValidDefault(n.children[0], item, depth + 1)) return false;
        }
        return true;
      case AvroType::kMap:
        if (!v.is_object()) return false;
        for (const auto& [k, item] : v.items()) {
          if (!IsValidDefault(n.children[0], item, depth + 1)) return false;
        }
        return true;
      case AvroType::kUnion: return !n.children.empty() && IsValidDefault(n.children[0], v, depth + 1);
      case AvroType::kRecord:
        if (!v.is_object()) return false;
        for (const AvroField& f : n.fields) {
          auto it = v.find(f.name);
          if (it == v.end()) {
            if (!f.default_value) return false;
          } else if (!IsValidDefault(f.type, *it, depth + 1)) {
            return false;
          }
        }
        return true;
    }
    return false;
  }

  AvroSchema* schema_;
  std::map<std::string, int> names_;

 public:
  // Referenced schemas' named types stay visible to the schemas parsed after them.
  Result<int> ParseReference(std::string_view text) { return ParseText(text); }
};

Result<AvroSchema> AvroSchema::Parse(std::string_view text, const std::vector<ResolvedReference>& references) {
  AvroSchema schema;
  AvroParser parser(&schema);
  for (const ResolvedReference& ref : references) {
    Result<int> r = parser.ParseReference(ref.schema);
    if (!r.ok()) return Status::InvalidArgument("Invalid reference " + ref.name + ": " + r.status().message());
  }
  Result<int> root = parser.ParseText(text);
  if (!root.ok()) return root.status();
  schema.root_ = *root;
  return schema;
}

namespace {

void WriteCanonical(const AvroSchema& schema, int index, std::set<std::string>* defined, std::string* out) {
  const AvroNode& n = schema.node(index);
  auto quoted = [](const std::string& s) { return json(s).dump(); };
  switch (n.type) {
    case AvroType::kUnion: {
      *out += '[';
      for (size_t i = 0; i < n.children.size(); ++i) {
        if (i) *out += ',';
        WriteCanonical(schema, n.children[i], defined, out);
      }
      *out += ']';
      return;
    }
    case AvroType::kArray:
    case AvroType::kMap:
      *out += n.type == AvroType::kArray ? R"({"type":"array","items":)" : R"({"type":"map","values":)";
      WriteCanonical(schema, n.children[0], defined, out);
      *out += '}';
      return;
    case AvroType::kRecord:
    case AvroType::kEnum:
    case AvroType::kFixed:
      // A named type is written in full once; later occurrences are its name.
      if (!defined->insert(n.full_name).second) {
        *out += quoted(n.full_name);
        return;
      }
      // PCF attribute order: name, type, fields, symbols, items, values, size.
      *out += R"({"name":)" + quoted(n.full_name) + R"(,"type":")" + AvroTypeName(n.type) + '"';
      if (n.type == AvroType::kRecord) {
        *out += R"(,"fields":[)";
        for (size_t i = 0; i < n.fields.size(); ++i) {
          if (i) *out += ',';
          *out += R"({"name":)" + quoted(n.fields[i].name) + R"(,"type":)";
          WriteCanonical(schema, n.fields[i].type, defined, out);
          *out += '}';
        }
        *out += ']';
      } else if (n.type == AvroType::kEnum) {
        *out += R"(,"symbols":[)";
        for (size_t i = 0; i < n.symbols.size(); ++i) {
          if (i) *out += ',';
          *out += quoted(n.symbols[i]);
        }
        *out += ']';
      } else {
        *out += R"(,"size":)" + std::to_string(n.size);
      }
      *out += '}';
      return;
    default:
      *out += '"';
      *out += AvroTypeName(n.type);
      *out += '"';
      return;
  }
}

}  // namespace

std::string AvroSchema::CanonicalForm() const {
  std::set<std::string> defined;
  std::string out;
  WriteCanonical(*this, root_, &defined, &out);
  return out;
}

namespace {

// Walks two graphs of the same canonical form side by side; `seen` stops at a record met before (recursion).
bool SameAnnotations(const AvroSchema& a, int ia, const AvroSchema& b, int ib, std::set<std::pair<int, int>>* seen) {
  if (!seen->insert({ia, ib}).second) return true;
  const AvroNode& x = a.node(ia);
  const AvroNode& y = b.node(ib);
  if (x.aliases != y.aliases || x.enum_default != y.enum_default || x.logical_type != y.logical_type ||
      x.fields.size() != y.fields.size() || x.children.size() != y.children.size()) {
    return false;
  }
  for (size_t i = 0; i < x.fields.size(); ++i) {
    const AvroField& f = x.fields[i];
    const AvroField& g = y.fields[i];
    if (f.aliases != g.aliases || f.default_value != g.default_value) return false;
    if (!SameAnnotations(a, f.type, b, g.type, seen)) return false;
  }
  for (size_t i = 0; i < x.children.size(); ++i) {
    if (!SameAnnotations(a, x.children[i], b, y.children[i], seen)) return false;
  }
  return true;
}

}  // namespace

bool AvroEquivalent(const AvroSchema& a, const AvroSchema& b) {
  if (a.CanonicalForm() != b.CanonicalForm()) return false;
  std::set<std::pair<int, int>> seen;
  return SameAnnotations(a, a.root(), b, b.root(), &seen);
}

}  // namespace partita::schema_registry
