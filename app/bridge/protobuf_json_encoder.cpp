#include "app/bridge/protobuf_json_encoder.h"

#include <QByteArray>

#include <bit>
#include <cstring>
#include <limits>

namespace partita::app {

namespace {

using schema_registry::ProtobufField;
using schema_registry::ProtobufSchema;
using Json = nlohmann::json;

constexpr int kMaxDepth = 64;
static_assert(std::endian::native == std::endian::little);  // fixed-size values are copied as they lie in memory

class Encoder {
 public:
  explicit Encoder(const ProtobufSchema& schema) : schema_(schema) {}

  Status Message(const std::string& type, const Json& v, const std::string& path, int depth, std::string* out) {
    if (depth > kMaxDepth) return Fail(path, "nesting deeper than " + std::to_string(kMaxDepth));
    const auto* message = schema_.FindMessage(type);
    if (message == nullptr) return Fail(path, "the schema has no message " + type);
    if (!v.is_object()) return Fail(path, "expected an object (message " + type + ")");
    for (const auto& [name, value] : v.items()) {
      bool known = false;
      for (const auto& f : message->fields) known = known || f.name == name;
      if (!known) return Fail(path, "message " + type + " has no field '" + name + "'");
    }
    // In declaration order, as Protobuf's serializers write (and the decoder shows) them.
    for (const auto& f : message->fields) {
      const auto it = v.find(f.name);
      if (it == v.end() || it->is_null()) continue;  // Protobuf's JSON mapping: null is the default (not written)
      if (auto st = Field(f, *it, path + "." + f.name, depth, out); !st.ok()) return st;
    }
    return Status::Ok();
  }

 private:
  static bool IsScalar(const std::string& t) {
    static const char* kScalars[] = {"double", "float", "int32", "int64", "uint32", "uint64", "sint32", "sint64",
                                     "fixed32", "fixed64", "sfixed32", "sfixed64", "bool", "string", "bytes"};
    for (const char* s : kScalars) if (t == s) return true;
    return false;
  }
  bool IsEnum(const std::string& t) const { return schema_.enums().count(t) > 0; }
  // The wire type a value of `type` is written with.
  int WireOf(const std::string& type) const {
    if (type == "double" || type == "fixed64" || type == "sfixed64") return 1;
    if (type == "float" || type == "fixed32" || type == "sfixed32") return 5;
    if (IsEnum(type) || (IsScalar(type) && type != "string" && type != "bytes")) return 0;
    return 2;
  }

  Status Field(const ProtobufField& f, const Json& v, const std::string& path, int depth, std::string* out) {
    if (f.is_map) {
      if (!v.is_object()) return Fail(path, "expected an object (map)");
      const size_t open = f.type.find('<'), comma = f.type.find(',');
      const std::string key_type = open == std::string::npos || comma == std::string::npos
                                       ? "string" : f.type.substr(open + 1, comma - open - 1);
      for (const auto& [key, value] : v.items()) {
        std::string entry;
        // Map keys are strings in JSON; numeric and bool keys are parsed back from them.
        Json typed_key = key;
        if (key_type != "string") {
          typed_key = key == "true" ? Json(true) : key == "false" ? Json(false) : Json::parse(key, nullptr, false);
          if (typed_key.is_discarded()) return Fail(path, "map key '" + key + "' is not a " + key_type);
        }
        if (auto st = Value(key_type, 1, typed_key, path + "." + key, depth, &entry); !st.ok()) return st;
        if (auto st = Value(f.resolved, 2, value, path + "." + key, depth, &entry); !st.ok()) return st;
        Tag(f.number, 2, out);
        Varint(entry.size(), out);
        *out += entry;
      }
      return Status::Ok();
    }
    if (f.label == "repeated") {
      if (!v.is_array()) return Fail(path, "expected an array (repeated " + f.resolved + ")");
      const int wire = WireOf(f.resolved);
      if (wire != 2 && !v.empty()) {  // numeric: packed, proto3's default (proto2 parsers accept it too)
        std::string packed;
        for (size_t i = 0; i < v.size(); ++i) {
          if (auto st = Scalar(f.resolved, v[i], path + "[" + std::to_string(i) + "]", &packed); !st.ok()) return st;
        }
        Tag(f.number, 2, out);
        Varint(packed.size(), out);
        *out += packed;
        return Status::Ok();
      }
      for (size_t i = 0; i < v.size(); ++i) {
        if (auto st = Value(f.resolved, f.number, v[i], path + "[" + std::to_string(i) + "]", depth, out); !st.ok()) return st;
      }
      return Status::Ok();
    }
    return Value(f.resolved, f.number, v, path, depth, out);
  }

  // One tagged value of `type` as field `number`.
  Status Value(const std::string& type, int32_t number, const Json& v, const std::string& path, int depth,
               std::string* out) {
    const int wire = WireOf(type);
    if (wire != 2 || type == "string" || type == "bytes") {
      Tag(number, wire, out);
      return Scalar(type, v, path, out);
    }
    std::string nested;
    if (schema_.FindMessage(type) == nullptr) {  // a type from an imported file: its encoded bytes in base64
      if (!v.is_string()) return Fail(path, type + " is from an imported file: give its encoded bytes as base64");
      auto decoded = QByteArray::fromBase64Encoding(QByteArray::fromStdString(v.get<std::string>()),
                                                    QByteArray::AbortOnBase64DecodingErrors);
      if (!decoded) return Fail(path, "not base64");
      nested = decoded.decoded.toStdString();
    } else if (auto st = Message(type, v, path, depth + 1, &nested); !st.ok()) {
      return st;
    }
    Tag(number, 2, out);
    Varint(nested.size(), out);
    *out += nested;
    return Status::Ok();
  }

  // An integer from a JSON number or a decimal string (Protobuf's JSON mapping writes 64-bit values as strings).
  static bool Integer(const Json& v, bool is_unsigned, int64_t* s, uint64_t* u) {
    if (v.is_number_integer()) {
      if (is_unsigned) {
        if (!v.is_number_unsigned()) return false;
        *u = v.get<uint64_t>();
      } else {
        if (v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return false;
        *s = v.get<int64_t>();
      }
      return true;
    }
    if (!v.is_string()) return false;
    const std::string& text = v.get_ref<const std::string&>();
    if (text.empty()) return false;
    char* end = nullptr;
    errno = 0;
    if (is_unsigned) {
      if (text[0] == '-') return false;
      *u = std::strtoull(text.c_str(), &end, 10);
    } else {
      *s = std::strtoll(text.c_str(), &end, 10);
    }
    return errno == 0 && end == text.c_str() + text.size();
  }

  Status Scalar(const std::string& type, const Json& v, const std::string& path, std::string* out) const {
    if (IsEnum(type)) {
      const auto& values = schema_.enums().at(type).values;
      if (v.is_string()) {
        const auto it = values.find(v.get<std::string>());
        if (it == values.end()) return Fail(path, "'" + v.get<std::string>() + "' is not a value of " + type);
        Varint(static_cast<uint64_t>(static_cast<int64_t>(it->second)), out);
        return Status::Ok();
      }
      if (!v.is_number_integer()) return Fail(path, "expected a value name or number of " + type);
      Varint(static_cast<uint64_t>(v.get<int64_t>()), out);
      return Status::Ok();
    }
    if (type == "string") {
      if (!v.is_string()) return Fail(path, "expected a string");
      Varint(v.get_ref<const std::string&>().size(), out);
      *out += v.get_ref<const std::string&>();
      return Status::Ok();
    }
    if (type == "bytes") {
      if (!v.is_string()) return Fail(path, "expected base64 text (bytes)");
      auto decoded = QByteArray::fromBase64Encoding(QByteArray::fromStdString(v.get<std::string>()),
                                                    QByteArray::AbortOnBase64DecodingErrors);
      if (!decoded) return Fail(path, "not base64");
      Varint(static_cast<uint64_t>(decoded.decoded.size()), out);
      out->append(decoded.decoded.constData(), static_cast<size_t>(decoded.decoded.size()));
      return Status::Ok();
    }
    if (type == "bool") {
      if (!v.is_boolean()) return Fail(path, "expected true or false");
      *out += v.get<bool>() ? '\1' : '\0';
      return Status::Ok();
    }
    if (type == "double" || type == "float") {
      if (!v.is_number()) return Fail(path, "expected a number");
      if (type == "double") {
        const double d = v.get<double>();
        out->append(reinterpret_cast<const char*>(&d), 8);
      } else {
        const float f = static_cast<float>(v.get<double>());
        out->append(reinterpret_cast<const char*>(&f), 4);
      }
      return Status::Ok();
    }
    const bool is_unsigned = type == "uint32" || type == "uint64" || type == "fixed32" || type == "fixed64";
    const bool is_32 = type == "int32" || type == "uint32" || type == "sint32" || type == "fixed32" || type == "sfixed32";
    int64_t s = 0;
    uint64_t u = 0;
    if (!Integer(v, is_unsigned, &s, &u)) return Fail(path, "expected " + std::string(is_unsigned ? "a non-negative " : "an ") + "integer (" + type + ")");
    if (is_32 && (is_unsigned ? u > std::numeric_limits<uint32_t>::max()
                              : (s < std::numeric_limits<int32_t>::min() || s > std::numeric_limits<int32_t>::max()))) {
      return Fail(path, "does not fit " + type);
    }
    if (type == "int32" || type == "int64") {
      Varint(static_cast<uint64_t>(s), out);  // a negative int32 is sign-extended to 10 bytes, as Protobuf does
    } else if (type == "uint32" || type == "uint64") {
      Varint(u, out);
    } else if (type == "sint32" || type == "sint64") {
      Varint((static_cast<uint64_t>(s) << 1) ^ static_cast<uint64_t>(s >> 63), out);
    } else if (type == "fixed32") {
      const auto x = static_cast<uint32_t>(u);
      out->append(reinterpret_cast<const char*>(&x), 4);
    } else if (type == "sfixed32") {
      const auto x = static_cast<int32_t>(s);
      out->append(reinterpret_cast<const char*>(&x), 4);
    } else if (type == "fixed64") {
      out->append(reinterpret_cast<const char*>(&u), 8);
    } else {  // sfixed64
      out->append(reinterpret_cast<const char*>(&s), 8);
    }
    return Status::Ok();
  }

  static void Varint(uint64_t v, std::string* out) {
    while (v >= 0x80) {
      *out += static_cast<char>((v & 0x7f) | 0x80);
      v >>= 7;
    }
    *out += static_cast<char>(v);
  }
  static void Tag(int32_t number, int wire, std::string* out) {
    Varint((static_cast<uint64_t>(number) << 3) | static_cast<uint64_t>(wire), out);
  }
  static Status Fail(const std::string& path, const std::string& what) { return Status::InvalidArgument(path + ": " + what); }

  const ProtobufSchema& schema_;
};

}  // namespace

Result<std::string> EncodeProtobufJson(const ProtobufSchema& schema, const std::string& messageName, const Json& value) {
  std::string out;
  if (auto st = Encoder(schema).Message(messageName, value, "$", 0, &out); !st.ok()) return st;
  return out;
}

}  // namespace partita::app
