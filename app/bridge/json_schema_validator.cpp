#include "app/bridge/json_schema_validator.h"

#include <cmath>
#include <regex>
#include <set>
#include <string>

namespace partita::app {

namespace {

using Json = nlohmann::json;

constexpr int kMaxDepth = 64;

size_t CodePoints(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string Short(const Json& v) {
  std::string text = v.dump(-1, ' ', false, Json::error_handler_t::replace);
  return text.size() > 40 ? text.substr(0, 37) + "..." : text;
}

class Validator {
 public:
  explicit Validator(const Json& root) : root_(root) {}

  Status Check(const Json& schema, const Json& v, const std::string& path, int depth) {
    if (depth > kMaxDepth) return Fail(path, "schema nesting or $ref chain deeper than " + std::to_string(kMaxDepth));
    if (schema.is_boolean()) return schema.get<bool>() ? Status::Ok() : Fail(path, "no value is allowed here");
    if (!schema.is_object()) return Status::Ok();
    if (auto ref = schema.find("$ref"); ref != schema.end() && ref->is_string()) {
      const Json* target = Resolve(ref->get<std::string>());
      if (target == nullptr) return Fail(path, "$ref " + ref->get<std::string>() + " cannot be resolved in the schema");
      if (auto st = Check(*target, v, path, depth + 1); !st.ok()) return st;
    }
    if (auto st = Type(schema, v, path); !st.ok()) return st;
    if (auto e = schema.find("enum"); e != schema.end() && e->is_array()) {
      bool found = false;
      for (const auto& option : *e) found = found || option == v;
      if (!found) return Fail(path, Short(v) + " is not one of " + Short(*e));
    }
    if (auto c = schema.find("const"); c != schema.end() && *c != v) return Fail(path, "must be " + Short(*c));
    if (v.is_number()) {
      if (auto st = Number(schema, v, path); !st.ok()) return st;
    } else if (v.is_string()) {
      if (auto st = String(schema, v.get_ref<const std::string&>(), path); !st.ok()) return st;
    } else if (v.is_array()) {
      if (auto st = Array(schema, v, path, depth); !st.ok()) return st;
    } else if (v.is_object()) {
      if (auto st = Object(schema, v, path, depth); !st.ok()) return st;
    }
    if (auto all = schema.find("allOf"); all != schema.end() && all->is_array()) {
      for (const auto& s : *all)
        if (auto st = Check(s, v, path, depth + 1); !st.ok()) return st;
    }
    if (auto any = schema.find("anyOf"); any != schema.end() && any->is_array()) {
      bool one = false;
      for (const auto& s : *any) one = one || Check(s, v, path, depth + 1).ok();
      if (!one) return Fail(path, "matches none of anyOf's schemas");
    }
    if (auto of = schema.find("oneOf"); of != schema.end() && of->is_array()) {
      int matches = 0;
      for (const auto& s : *of) matches += Check(s, v, path, depth + 1).ok();
      if (matches != 1) return Fail(path, "matches " + std::to_string(matches) + " of oneOf's schemas, not exactly one");
    }
    if (auto no = schema.find("not"); no != schema.end() && Check(*no, v, path, depth + 1).ok()) {
      return Fail(path, "matches the schema under \"not\"");
    }
    return Status::Ok();
  }

 private:
  static bool HasType(const std::string& type, const Json& v) {
    if (type == "null") return v.is_null();
    if (type == "boolean") return v.is_boolean();
    if (type == "object") return v.is_object();
    if (type == "array") return v.is_array();
    if (type == "string") return v.is_string();
    if (type == "number") return v.is_number();
    if (type == "integer") {
      return v.is_number_integer() || (v.is_number_float() && std::floor(v.get<double>()) == v.get<double>());
    }
    return true;  // an unknown type name: not ours to refuse
  }

  static Status Type(const Json& schema, const Json& v, const std::string& path) {
    auto t = schema.find("type");
    if (t == schema.end()) return Status::Ok();
    if (t->is_string()) {
      return HasType(t->get<std::string>(), v) ? Status::Ok()
                                               : Fail(path, "expected " + t->get<std::string>() + ", got " + Short(v));
    }
    if (t->is_array()) {
      for (const auto& one : *t)
        if (one.is_string() && HasType(one.get<std::string>(), v)) return Status::Ok();
      return Fail(path, "expected one of the types " + Short(*t) + ", got " + Short(v));
    }
    return Status::Ok();
  }

  static Status Number(const Json& schema, const Json& v, const std::string& path) {
    const double x = v.get<double>();
    const auto bound = [&](const char* key, double* out) {
      auto it = schema.find(key);
      if (it == schema.end() || !it->is_number()) return false;
      *out = it->get<double>();
      return true;
    };
    const auto flag = [&](const char* key) {  // draft 4: exclusiveMinimum/Maximum as booleans
      auto it = schema.find(key);
      return it != schema.end() && it->is_boolean() && it->get<bool>();
    };
    const auto shown = [&](const char* key) { return Short(schema.at(key)); };  // the bound as the schema writes it
    double b = 0;
    if (bound("minimum", &b) && (flag("exclusiveMinimum") ? x <= b : x < b)) {
      return Fail(path, Short(v) + " is below the minimum " + shown("minimum"));
    }
    if (bound("maximum", &b) && (flag("exclusiveMaximum") ? x >= b : x > b)) {
      return Fail(path, Short(v) + " is above the maximum " + shown("maximum"));
    }
    if (bound("exclusiveMinimum", &b) && x <= b) return Fail(path, Short(v) + " is not above " + shown("exclusiveMinimum"));
    if (bound("exclusiveMaximum", &b) && x >= b) return Fail(path, Short(v) + " is not below " + shown("exclusiveMaximum"));
    if (bound("multipleOf", &b) && b > 0) {
      const double q = x / b;
      if (std::fabs(q - std::round(q)) > 1e-9) return Fail(path, Short(v) + " is not a multiple of " + shown("multipleOf"));
    }
    return Status::Ok();
  }

  static Status String(const Json& schema, const std::string& s, const std::string& path) {
    const size_t n = CodePoints(s);
    if (auto it = schema.find("minLength"); it != schema.end() && it->is_number_integer() && n < it->get<size_t>()) {
      return Fail(path, "shorter than " + std::to_string(it->get<size_t>()) + " characters");
    }
    if (auto it = schema.find("maxLength"); it != schema.end() && it->is_number_integer() && n > it->get<size_t>()) {
      return Fail(path, "longer than " + std::to_string(it->get<size_t>()) + " characters");
    }
    if (auto it = schema.find("pattern"); it != schema.end() && it->is_string()) {
      try {
        if (!std::regex_search(s, std::regex(it->get<std::string>(), std::regex::ECMAScript))) {
          return Fail(path, "does not match the pattern " + it->get<std::string>());
        }
      } catch (const std::regex_error&) {
        // A pattern std::regex cannot compile (lookbehind, Unicode classes) is not checked.
      }
    }
    return Status::Ok();
  }

  Status Array(const Json& schema, const Json& v, const std::string& path, int depth) {
    if (auto it = schema.find("minItems"); it != schema.end() && it->is_number_integer() && v.size() < it->get<size_t>()) {
      return Fail(path, "fewer than " + std::to_string(it->get<size_t>()) + " items");
    }
    if (auto it = schema.find("maxItems"); it != schema.end() && it->is_number_integer() && v.size() > it->get<size_t>()) {
      return Fail(path, "more than " + std::to_string(it->get<size_t>()) + " items");
    }
    if (auto it = schema.find("uniqueItems"); it != schema.end() && it->is_boolean() && it->get<bool>()) {
      std::set<std::string> seen;
      for (const auto& item : v)
        if (!seen.insert(item.dump()).second) return Fail(path, "has " + Short(item) + " more than once");
    }
    // Positional schemas: prefixItems (2020-12), or items as a list (earlier drafts); then items for the rest.
    const Json* prefix = nullptr;
    if (auto it = schema.find("prefixItems"); it != schema.end() && it->is_array()) prefix = &*it;
    auto items = schema.find("items");
    if (prefix == nullptr && items != schema.end() && items->is_array()) prefix = &*items;
    const size_t positional = prefix != nullptr ? prefix->size() : 0;
    for (size_t i = 0; i < v.size(); ++i) {
      const std::string item_path = path + "[" + std::to_string(i) + "]";
      const Json* s = nullptr;
      if (i < positional) s = &(*prefix)[i];
      else if (items != schema.end() && !items->is_array()) s = &*items;
      else if (auto extra = schema.find("additionalItems"); extra != schema.end()) s = &*extra;
      if (s != nullptr)
        if (auto st = Check(*s, v[i], item_path, depth + 1); !st.ok()) return st;
    }
    return Status::Ok();
  }

  Status Object(const Json& schema, const Json& v, const std::string& path, int depth) {
    if (auto req = schema.find("required"); req != schema.end() && req->is_array()) {
      for (const auto& name : *req)
        if (name.is_string() && !v.contains(name.get<std::string>())) {
          return Fail(path, "the required property '" + name.get<std::string>() + "' is missing");
        }
    }
    auto props = schema.find("properties");
    auto patterns = schema.find("patternProperties");
    auto additional = schema.find("additionalProperties");
    for (const auto& [key, value] : v.items()) {
      const std::string key_path = path + "." + key;
      if (props != schema.end() && props->is_object() && props->contains(key)) {
        if (auto st = Check((*props)[key], value, key_path, depth + 1); !st.ok()) return st;
        continue;
      }
      bool by_pattern = false;
      if (patterns != schema.end() && patterns->is_object()) {
        for (const auto& [pattern, s] : patterns->items()) {
          try {
            if (!std::regex_search(key, std::regex(pattern, std::regex::ECMAScript))) continue;
          } catch (const std::regex_error&) {
            continue;
          }
          by_pattern = true;
          if (auto st = Check(s, value, key_path, depth + 1); !st.ok()) return st;
        }
      }
      if (by_pattern || additional == schema.end()) continue;
      if (additional->is_boolean() && !additional->get<bool>()) {
        return Fail(path, "the property '" + key + "' is not allowed (additionalProperties is false)");
      }
      if (auto st = Check(*additional, value, key_path, depth + 1); !st.ok()) return st;
    }
    return Status::Ok();
  }

  // Local references only: "#" and JSON pointers into the schema ("#/definitions/x", "#/$defs/x").
  const Json* Resolve(const std::string& ref) const {
    if (ref == "#") return &root_;
    if (ref.rfind("#/", 0) != 0) return nullptr;
    try {
      const Json::json_pointer pointer(ref.substr(1));
      return root_.contains(pointer) ? &root_.at(pointer) : nullptr;
    } catch (const Json::exception&) {
      return nullptr;
    }
  }

  static Status Fail(const std::string& path, const std::string& what) {
    return Status::InvalidArgument(path + ": " + what);
  }

  const Json& root_;
};

}  // namespace

Status ValidateJsonSchema(const nlohmann::json& schema, const nlohmann::json& document) {
  return Validator(schema).Check(schema, document, "$", 0);
}

}  // namespace partita::app
