#include "engine/schema_registry/json_schema.h"

#include <algorithm>
#include <set>

#include "engine/schema_registry/json_util.h"

namespace partita::schema_registry {

using nlohmann::json;

namespace {

const std::set<std::string> kJsonTypes = {"null", "boolean", "object", "array", "number", "integer", "string"};

Status ValidateNode(const json& node, const std::string& path, int depth) {
  if (depth > kMaxJsonDepth) return Status::InvalidArgument("schema nested too deeply");
  if (node.is_boolean()) return Status::Ok();
  if (!node.is_object()) return Status::InvalidArgument("schema at " + path + " is neither an object nor a boolean");
  if (auto t = node.find("type"); t != node.end()) {
    auto known = [](const json& v) { return v.is_string() && kJsonTypes.count(v.get<std::string>()); };
    if (t->is_array()) {
      for (const json& v : *t) {
        if (!known(v)) return Status::InvalidArgument("unknown type " + v.dump() + " at " + path);
      }
    } else if (!known(*t)) {
      return Status::InvalidArgument("unknown type " + t->dump() + " at " + path);
    }
  }
  if (auto p = node.find("properties"); p != node.end()) {
    if (!p->is_object()) return Status::InvalidArgument("properties at " + path + " is not an object");
    for (const auto& [name, sub] : p->items()) {
      PARTITA_RETURN_IF_ERROR(ValidateNode(sub, path + "/properties/" + name, depth + 1));
    }
  }
  if (auto r = node.find("required"); r != node.end()) {
    if (!r->is_array()) return Status::InvalidArgument("required at " + path + " is not an array");
    for (const json& v : *r) {
      if (!v.is_string()) return Status::InvalidArgument("required at " + path + " has a non-string entry");
    }
  }
  if (auto i = node.find("items"); i != node.end() && !i->is_array()) {
    PARTITA_RETURN_IF_ERROR(ValidateNode(*i, path + "/items", depth + 1));
  }
  if (auto a = node.find("additionalProperties"); a != node.end()) {
    PARTITA_RETURN_IF_ERROR(ValidateNode(*a, path + "/additionalProperties", depth + 1));
  }
  if (auto e = node.find("enum"); e != node.end() && !e->is_array()) {
    return Status::InvalidArgument("enum at " + path + " is not an array");
  }
  return Status::Ok();
}

// The types a node allows; an absent "type" allows all. "integer" is a subset of "number".
std::set<std::string> AllowedTypes(const json& node) {
  if (node.is_boolean()) return node.get<bool>() ? kJsonTypes : std::set<std::string>{};
  auto t = node.find("type");
  if (t == node.end()) return kJsonTypes;
  if (t->is_string()) return {t->get<std::string>()};
  std::set<std::string> out;
  for (const json& v : *t) out.insert(v.get<std::string>());
  return out;
}

bool IsClosed(const json& node) {
  if (node.is_boolean()) return !node.get<bool>();
  auto a = node.find("additionalProperties");
  return a != node.end() && a->is_boolean() && !a->get<bool>();
}

const json* Property(const json& node, const std::string& name) {
  if (!node.is_object()) return nullptr;
  auto p = node.find("properties");
  if (p == node.end() || !p->is_object()) return nullptr;
  auto it = p->find(name);
  return it == p->end() ? nullptr : &*it;
}

class JsonChecker {
 public:
  std::vector<SchemaDifference> Check(const json& reader, const json& writer) {
    Compare(reader, writer, "#", 0);
    return std::move(found_);
  }

 private:
  void Report(const char* type, const std::string& path, const std::string& description) {
    found_.push_back({type, path, description});
  }

  void CompareTypes(const json& reader, const json& writer, const std::string& path) {
    const std::set<std::string> r = AllowedTypes(reader);
    const std::set<std::string> w = AllowedTypes(writer);
    bool overlap = false;
    bool all = true;
    for (const std::string& t : w) {
      const bool ok = r.count(t) || (t == "integer" && r.count("number"));
      overlap |= ok;
      all &= ok;
    }
    if (all) return;
    if (overlap) Report("TYPE_NARROWED", path, "The type at " + path + " allows fewer types than before");
    else Report("TYPE_CHANGED", path, "The type at " + path + " changed");
  }

  void CompareBound(const json& reader, const json& writer, const char* key, bool reader_may_be_larger,
                    const char* type, const std::string& path) {
    auto r = reader.find(key);
    if (r == reader.end() || !r->is_number()) return;
    auto w = writer.find(key);
    const bool tightened = w == writer.end() || !w->is_number() ||
                           (reader_may_be_larger ? r->get<double>() < w->get<double>()
                                                 : r->get<double>() > w->get<double>());
    if (tightened) Report(type, path, std::string(key) + " at " + path + " is stricter than before");
  }

  void Compare(const json& reader, const json& writer, const std::string& path, int depth) {
    if (depth > kMaxJsonDepth) return;
    if (reader.is_boolean() && reader.get<bool>()) return;  // `true` accepts everything
    if (writer.is_boolean() && !writer.get<bool>()) return;  // `false` produced nothing
    if (reader.is_boolean() || writer.is_boolean()) {
      if (!reader.is_object() || !writer.is_object()) {
        if (reader.is_boolean()) Report("TYPE_NARROWED", path, "The schema at " + path + " is now false");
        return;
      }
    }
    CompareTypes(reader, writer, path);
    if (auto re = reader.find("enum"); re != reader.end() && re->is_array()) {
      auto we = writer.find("enum");
      bool narrowed = we == writer.end() || !we->is_array();
      if (!narrowed) {
        for (const json& v : *we) {
          if (std::find(re->begin(), re->end(), v) == re->end()) narrowed = true;
        }
      }
      if (narrowed) Report("ENUM_ARRAY_NARROWED", path, "The enum at " + path + " lost values");
    }
    CompareBound(reader, writer, "maxLength", true, "MAX_LENGTH_DECREASED", path);
    CompareBound(reader, writer, "minLength", false, "MIN_LENGTH_INCREASED", path);
    CompareBound(reader, writer, "maximum", true, "MAXIMUM_DECREASED", path);
    CompareBound(reader, writer, "minimum", false, "MINIMUM_INCREASED", path);
    CompareBound(reader, writer, "maxItems", true, "MAX_ITEMS_DECREASED", path);
    CompareBound(reader, writer, "minItems", false, "MIN_ITEMS_INCREASED", path);
    if (IsClosed(reader) && !IsClosed(writer)) {
      Report("ADDITIONAL_PROPERTIES_REMOVED", path, "additionalProperties at " + path + " is now false");
    }
    CompareProperties(reader, writer, path, depth);
    auto ri = reader.find("items");
    auto wi = writer.find("items");
    if (ri != reader.end() && wi != writer.end() && !ri->is_array() && !wi->is_array()) {
      Compare(*ri, *wi, path + "/items", depth + 1);
    }
  }

  void CompareProperties(const json& reader, const json& writer, const std::string& path, int depth) {
    std::set<std::string> writer_required;
    if (auto r = writer.find("required"); r != writer.end()) {
      for (const json& v : *r) writer_required.insert(v.get<std::string>());
    }
    if (auto r = reader.find("required"); r != reader.end()) {
      for (const json& v : *r) {
        const std::string name = v.get<std::string>();
        const json* prop = Property(reader, name);
        const bool has_default = prop && prop->is_object() && prop->contains("default");
        if (!writer_required.count(name) && !has_default) {
          Report("REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL", path + "/required",
                 "The property '" + name + "' at " + path + " is now required");
        }
      }
    }
    if (auto rp = reader.find("properties"); rp != reader.end()) {
      for (const auto& [name, sub] : rp->items()) {
        const std::string sub_path = path + "/properties/" + name;
        if (const json* w = Property(writer, name)) {
          Compare(sub, *w, sub_path, depth + 1);
        } else if (!IsClosed(writer)) {
          // The old open model may have carried `name` with any value; the new one constrains it.
          Report("PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL", sub_path,
                 "The property '" + name + "' was added to an open content model at " + path);
        }
      }
    }
    if (auto wp = writer.find("properties"); wp != writer.end() && IsClosed(reader)) {
      for (const auto& [name, sub] : wp->items()) {
        if (!Property(reader, name)) {
          Report("PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL", path + "/properties/" + name,
                 "The property '" + name + "' was removed from a closed content model at " + path);
        }
      }
    }
  }

  std::vector<SchemaDifference> found_;
};

}  // namespace

Result<JsonSchema> JsonSchema::Parse(std::string_view text) {
  Result<json> parsed = ParseJson(text);
  if (!parsed.ok()) return Status::InvalidArgument("Invalid JSON schema: " + parsed.status().message());
  PARTITA_RETURN_IF_ERROR(ValidateNode(*parsed, "#", 0));
  JsonSchema schema;
  schema.root_ = std::move(*parsed);
  return schema;
}

std::vector<SchemaDifference> CheckJsonCanRead(const JsonSchema& reader, const JsonSchema& writer) {
  return JsonChecker().Check(reader.root(), writer.root());
}

}  // namespace partita::schema_registry
