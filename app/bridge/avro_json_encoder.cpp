#include "app/bridge/avro_json_encoder.h"

#include <bit>
#include <limits>

namespace partita::app {

namespace {

using schema_registry::AvroNode;
using schema_registry::AvroType;
using Json = nlohmann::json;

constexpr int kMaxDepth = 64;
// Avro writes float and double little-endian; they are copied as they lie in memory.
static_assert(std::endian::native == std::endian::little);

class Encoder {
 public:
  explicit Encoder(const schema_registry::AvroSchema& schema) : schema_(schema) {}

  Status Write(int index, const Json& v, const std::string& path, int depth) {
    if (depth > kMaxDepth) return Fail(path, "nesting deeper than " + std::to_string(kMaxDepth));
    const AvroNode& node = schema_.node(index);
    switch (node.type) {
      case AvroType::kNull:
        return v.is_null() ? Status::Ok() : Fail(path, "expected null");
      case AvroType::kBoolean:
        if (!v.is_boolean()) return Fail(path, "expected true or false");
        out_ += v.get<bool>() ? '\1' : '\0';
        return Status::Ok();
      case AvroType::kInt:
      case AvroType::kLong: {
        const bool is_int = node.type == AvroType::kInt;
        if (!v.is_number_integer()) return Fail(path, is_int ? "expected an int" : "expected a long");
        if (v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
          return Fail(path, "does not fit a long");
        }
        const int64_t n = v.get<int64_t>();
        if (is_int && (n < std::numeric_limits<int32_t>::min() || n > std::numeric_limits<int32_t>::max())) {
          return Fail(path, "does not fit an int (32 bits)");
        }
        Varint((static_cast<uint64_t>(n) << 1) ^ static_cast<uint64_t>(n >> 63));  // zigzag
        return Status::Ok();
      }
      case AvroType::kFloat: {
        if (!v.is_number()) return Fail(path, "expected a number");
        const float f = static_cast<float>(v.get<double>());
        Little(&f, sizeof f);
        return Status::Ok();
      }
      case AvroType::kDouble: {
        if (!v.is_number()) return Fail(path, "expected a number");
        const double d = v.get<double>();
        Little(&d, sizeof d);
        return Status::Ok();
      }
      case AvroType::kString: {
        if (!v.is_string()) return Fail(path, "expected a string");
        const std::string& s = v.get_ref<const std::string&>();
        Length(s.size());
        out_ += s;
        return Status::Ok();
      }
      case AvroType::kBytes:
      case AvroType::kFixed: {
        if (!v.is_string()) return Fail(path, "expected a string of code points 0-255 (Avro's JSON encoding of bytes)");
        std::string raw;
        if (!FromLatin1(v.get_ref<const std::string&>(), &raw)) return Fail(path, "has a character above U+00FF");
        if (node.type == AvroType::kFixed) {
          if (static_cast<int64_t>(raw.size()) != node.size) {
            return Fail(path, "fixed " + node.full_name + " takes " + std::to_string(node.size) + " bytes, not " +
                                  std::to_string(raw.size()));
          }
        } else {
          Length(raw.size());
        }
        out_ += raw;
        return Status::Ok();
      }
      case AvroType::kEnum: {
        if (!v.is_string()) return Fail(path, "expected one of the symbols of " + node.full_name);
        for (size_t i = 0; i < node.symbols.size(); ++i) {
          if (node.symbols[i] == v.get_ref<const std::string&>()) {
            Varint(static_cast<uint64_t>(i) << 1);
            return Status::Ok();
          }
        }
        return Fail(path, "'" + v.get<std::string>() + "' is not a symbol of " + node.full_name);
      }
      case AvroType::kRecord: {
        if (!v.is_object()) return Fail(path, "expected an object (record " + node.full_name + ")");
        for (const auto& [key, ignored] : v.items()) {
          bool known = false;
          for (const auto& f : node.fields) known = known || f.name == key;
          if (!known) return Fail(path, "record " + node.full_name + " has no field '" + key + "'");
        }
        for (const auto& f : node.fields) {
          const auto it = v.find(f.name);
          const std::string field_path = path + "." + f.name;
          if (it != v.end()) {
            if (auto st = Write(f.type, *it, field_path, depth + 1); !st.ok()) return st;
          } else if (f.default_value) {
            // A default is written in the JSON of the field's type (for a union: of its first branch).
            const AvroNode& type = schema_.node(f.type);
            const int target = type.type == AvroType::kUnion && !type.children.empty() ? type.children[0] : f.type;
            if (target != f.type) Varint(0);
            if (auto st = Write(target, *f.default_value, field_path, depth + 1); !st.ok()) return st;
          } else {
            return Fail(field_path, "missing, and the field has no default");
          }
        }
        return Status::Ok();
      }
      case AvroType::kArray: {
        if (!v.is_array()) return Fail(path, "expected an array");
        if (!v.empty()) {
          Varint(static_cast<uint64_t>(v.size()) << 1);
          for (size_t i = 0; i < v.size(); ++i) {
            if (auto st = Write(node.children[0], v[i], path + "[" + std::to_string(i) + "]", depth + 1); !st.ok()) return st;
          }
        }
        out_ += '\0';  // the empty block that ends the array
        return Status::Ok();
      }
      case AvroType::kMap: {
        if (!v.is_object()) return Fail(path, "expected an object (map)");
        if (!v.empty()) {
          Varint(static_cast<uint64_t>(v.size()) << 1);
          for (const auto& [key, value] : v.items()) {
            Length(key.size());
            out_ += key;
            if (auto st = Write(node.children[0], value, path + "." + key, depth + 1); !st.ok()) return st;
          }
        }
        out_ += '\0';
        return Status::Ok();
      }
      case AvroType::kUnion: return WriteUnion(node, v, path, depth);
    }
    return Fail(path, "unknown type");
  }

  std::string Take() { return std::move(out_); }

 private:
  static std::string BranchName(const AvroNode& node) {
    return node.IsNamed() ? node.full_name : schema_registry::AvroTypeName(node.type);
  }

  Status WriteUnion(const AvroNode& node, const Json& v, const std::string& path, int depth) {
    // Avro's JSON encoding: {"type name": value}; null as null.
    if (v.is_object() && v.size() == 1) {
      const std::string& name = v.begin().key();
      for (size_t i = 0; i < node.children.size(); ++i) {
        const AvroNode& branch = schema_.node(node.children[i]);
        if (BranchName(branch) == name || (branch.IsNamed() && branch.ShortName() == name)) {
          Varint(static_cast<uint64_t>(i) << 1);
          return Write(node.children[i], v.begin().value(), path, depth + 1);
        }
      }
    }
    // A bare value: the first branch that takes it.
    std::string first_error;
    for (size_t i = 0; i < node.children.size(); ++i) {
      const size_t mark = out_.size();
      Varint(static_cast<uint64_t>(i) << 1);
      Status st = Write(node.children[i], v, path, depth + 1);
      if (st.ok()) return st;
      out_.resize(mark);
      if (first_error.empty()) first_error = st.message();
    }
    std::string names;
    for (int child : node.children) names += (names.empty() ? "" : ", ") + BranchName(schema_.node(child));
    return Fail(path, "fits no branch of the union [" + names + "]");
  }

  static bool FromLatin1(const std::string& utf8, std::string* out) {
    for (size_t i = 0; i < utf8.size(); ++i) {
      const auto c = static_cast<unsigned char>(utf8[i]);
      if (c < 0x80) {
        *out += static_cast<char>(c);
      } else if ((c == 0xC2 || c == 0xC3) && i + 1 < utf8.size()) {
        *out += static_cast<char>(((c & 0x1F) << 6) | (static_cast<unsigned char>(utf8[++i]) & 0x3F));
      } else {
        return false;
      }
    }
    return true;
  }

  void Varint(uint64_t v) {
    while (v >= 0x80) {
      out_ += static_cast<char>((v & 0x7F) | 0x80);
      v >>= 7;
    }
    out_ += static_cast<char>(v);
  }
  void Length(size_t n) { Varint(static_cast<uint64_t>(n) << 1); }
  void Little(const void* p, size_t n) { out_.append(static_cast<const char*>(p), n); }

  static Status Fail(const std::string& path, const std::string& what) {
    return Status::InvalidArgument(path + ": " + what);
  }

  const schema_registry::AvroSchema& schema_;
  std::string out_;
};

}  // namespace

Result<std::string> EncodeAvroJson(const schema_registry::AvroSchema& schema, const nlohmann::json& value) {
  Encoder encoder(schema);
  if (auto st = encoder.Write(schema.root(), value, "$", 0); !st.ok()) return st;
  return encoder.Take();
}

}  // namespace partita::app
