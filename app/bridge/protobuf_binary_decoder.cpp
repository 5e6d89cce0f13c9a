#include "app/bridge/protobuf_binary_decoder.h"

#include <cstring>

#include "app/bridge/confluent_wire.h"

namespace partita::app {

namespace {

using schema_registry::ProtobufField;
using schema_registry::ProtobufMessage;
using schema_registry::ProtobufSchema;
using Json = nlohmann::ordered_json;

constexpr int kMaxDepth = 64;
constexpr int64_t kMaxValues = 1'000'000;

// Messages directly inside `parent` (empty: the file's top level), in declaration order.
std::vector<const ProtobufMessage*> Children(const ProtobufSchema& schema, const std::string& parent) {
  const std::string prefix = parent.empty() ? (schema.package().empty() ? std::string() : schema.package() + ".")
                                            : parent + ".";
  std::vector<const ProtobufMessage*> out;
  for (const auto& m : schema.messages()) {
    if (m.full_name.size() <= prefix.size() || m.full_name.compare(0, prefix.size(), prefix) != 0) continue;
    if (m.full_name.find('.', prefix.size()) == std::string::npos) out.push_back(&m);
  }
  return out;
}

std::string Base64(std::string_view in) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out += kAlphabet[(v >> s) & 63];
  }
  if (i + 1 == in.size()) {
    const uint32_t v = uint8_t(in[i]) << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    const uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

class Decoder {
 public:
  explicit Decoder(const ProtobufSchema& schema) : schema_(schema) {}

  Result<Json> Message(const std::string& name, std::string_view in, int depth) {
    if (depth > kMaxDepth) return Status::InvalidArgument("nesting deeper than " + std::to_string(kMaxDepth));
    const ProtobufMessage* message = schema_.FindMessage(name);
    Json out = Json::object();
    while (!in.empty()) {
      auto tag = ReadVarint(&in, 10);
      if (!tag.ok()) return Status::InvalidArgument(name + ": " + tag.status().message());
      const uint64_t number = *tag >> 3;
      const int wire = static_cast<int>(*tag & 7);
      if (number == 0 || number > 536870911) return Status::InvalidArgument(name + ": bad field number " + std::to_string(number));
      if (++values_ > kMaxValues) return Status::InvalidArgument("more than " + std::to_string(kMaxValues) + " values");
      auto raw = ReadRaw(wire, &in);
      if (!raw.ok()) return Status::InvalidArgument(name + " field " + std::to_string(number) + ": " + raw.status().message());
      const ProtobufField* field = nullptr;
      if (message != nullptr) {
        for (const auto& f : message->fields) {
          if (f.number == static_cast<int32_t>(number)) field = &f;
        }
      }
      if (field == nullptr) {
        Json& slot = out["#" + std::to_string(number)];
        Json value = RawJson(wire, *raw);
        if (slot.is_null()) slot = std::move(value);
        else if (slot.is_array()) slot.push_back(std::move(value));
        else slot = Json::array({slot, std::move(value)});
        continue;
      }
      auto st = Field(*field, wire, *raw, depth, &out);
      if (!st.ok()) return Status::InvalidArgument(name + "." + field->name + ": " + st.message());
    }
    return out;
  }

 private:
  struct Raw {
    uint64_t bits = 0;        // varint, fixed32, fixed64
    std::string_view bytes;   // length-delimited
  };

  static Result<Raw> ReadRaw(int wire, std::string_view* in) {
    Raw raw;
    switch (wire) {
      case 0: {
        auto v = ReadVarint(in, 10);
        if (!v.ok()) return v.status();
        raw.bits = *v;
        return raw;
      }
      case 1:
      case 5: {
        const size_t n = wire == 1 ? 8 : 4;
        if (in->size() < n) return Status::InvalidArgument("truncated fixed-size value");
        for (size_t i = n; i-- > 0;) raw.bits = (raw.bits << 8) | static_cast<uint8_t>((*in)[i]);
        in->remove_prefix(n);
        return raw;
      }
      case 2: {
        auto length = ReadVarint(in, 10);
        if (!length.ok()) return length.status();
        if (*length > in->size()) {
          return Status::InvalidArgument("length " + std::to_string(*length) + " but only " + std::to_string(in->size()) +
                                         " byte(s) left");
        }
        raw.bytes = in->substr(0, static_cast<size_t>(*length));
        in->remove_prefix(static_cast<size_t>(*length));
        return raw;
      }
      default: return Status::InvalidArgument("wire type " + std::to_string(wire) + " (groups) is not supported");
    }
  }

  static Json RawJson(int wire, const Raw& raw) {
    if (wire == 2) return Base64(raw.bytes);
    return Json(raw.bits);
  }

  // A scalar from its wire value. Wrong wire type for the declared type: an error.
  Result<Json> Scalar(const std::string& type, int wire, const Raw& raw) const {
    const bool varint = type == "int32" || type == "int64" || type == "uint32" || type == "uint64" ||
                        type == "sint32" || type == "sint64" || type == "bool";
    const bool fixed64 = type == "fixed64" || type == "sfixed64" || type == "double";
    const bool fixed32 = type == "fixed32" || type == "sfixed32" || type == "float";
    if ((varint && wire != 0) || (fixed64 && wire != 1) || (fixed32 && wire != 5) ||
        ((type == "string" || type == "bytes") && wire != 2)) {
      return Status::InvalidArgument("wire type " + std::to_string(wire) + " does not fit " + type);
    }
    if (type == "int32") return Json(static_cast<int32_t>(raw.bits));
    if (type == "int64") return Json(static_cast<int64_t>(raw.bits));
    if (type == "uint32") return Json(static_cast<uint32_t>(raw.bits));
    if (type == "uint64" || type == "fixed64") return Json(raw.bits);
    if (type == "sint32" || type == "sint64") return Json(ZigZagDecode(raw.bits));
    if (type == "bool") return Json(raw.bits != 0);
    if (type == "sfixed64") return Json(static_cast<int64_t>(raw.bits));
    if (type == "fixed32") return Json(static_cast<uint32_t>(raw.bits));
    if (type == "sfixed32") return Json(static_cast<int32_t>(static_cast<uint32_t>(raw.bits)));
    if (type == "double") {
      double d;
      std::memcpy(&d, &raw.bits, 8);
      return Json(d);
    }
    if (type == "float") {
      const auto bits = static_cast<uint32_t>(raw.bits);
      float f;
      std::memcpy(&f, &bits, 4);
      return Json(static_cast<double>(f));
    }
    if (type == "string") return Json(std::string(raw.bytes));
    return Json(Base64(raw.bytes));  // bytes
  }

  static bool IsScalar(const std::string& t) {
    static const char* kScalars[] = {"double", "float", "int32", "int64", "uint32", "uint64", "sint32", "sint64",
                                     "fixed32", "fixed64", "sfixed32", "sfixed64", "bool", "string", "bytes"};
    for (const char* s : kScalars) if (t == s) return true;
    return false;
  }

  // One value of `type` (scalar, enum or message).
  Result<Json> Value(const std::string& type, int wire, const Raw& raw, int depth) {
    if (IsScalar(type)) return Scalar(type, wire, raw);
    auto e = schema_.enums().find(type);
    if (e != schema_.enums().end()) {
      if (wire != 0) return Status::InvalidArgument("wire type " + std::to_string(wire) + " does not fit an enum");
      const auto number = static_cast<int32_t>(raw.bits);
      for (const auto& [symbol, value] : e->second.values) {
        if (value == number) return Json(symbol);
      }
      return Json(number);  // an enum value newer than the schema: the number, as Protobuf's JSON mapping does
    }
    if (wire != 2) return Status::InvalidArgument("wire type " + std::to_string(wire) + " does not fit message " + type);
    if (schema_.FindMessage(type) == nullptr) return Json(Base64(raw.bytes));  // imported type: raw bytes
    return Message(type, raw.bytes, depth + 1);
  }

  static std::string MapKeyType(const ProtobufField& f) {  // "map<string,int32>" -> "string"
    const size_t open = f.type.find('<');
    const size_t comma = f.type.find(',');
    return open == std::string::npos || comma == std::string::npos ? "string" : f.type.substr(open + 1, comma - open - 1);
  }

  Status Field(const ProtobufField& f, int wire, const Raw& raw, int depth, Json* out) {
    if (f.is_map) {
      if (wire != 2) return Status::InvalidArgument("a map entry must be length-delimited");
      std::string_view entry = raw.bytes;
      Json key = "", value = nullptr;
      while (!entry.empty()) {
        auto tag = ReadVarint(&entry, 10);
        if (!tag.ok()) return tag.status();
        const int w = static_cast<int>(*tag & 7);
        auto r = ReadRaw(w, &entry);
        if (!r.ok()) return r.status();
        if ((*tag >> 3) == 1) {
          auto k = Scalar(MapKeyType(f), w, *r);
          if (!k.ok()) return k.status();
          key = std::move(*k);
        } else if ((*tag >> 3) == 2) {
          auto v = Value(f.resolved, w, *r, depth);
          if (!v.ok()) return v.status();
          value = std::move(*v);
        }
      }
      Json& map = (*out)[f.name];
      if (!map.is_object()) map = Json::object();
      map[key.is_string() ? key.get<std::string>() : key.dump()] = std::move(value);
      return Status::Ok();
    }
    const bool repeated = f.label == "repeated";
    const bool packable = (IsScalar(f.resolved) && f.resolved != "string" && f.resolved != "bytes") ||
                          schema_.enums().count(f.resolved) > 0;
    if (repeated && wire == 2 && packable) {
      // Packed: the scalars one after another in one length-delimited value.
      const int inner = (f.resolved == "double" || f.resolved == "fixed64" || f.resolved == "sfixed64") ? 1
                        : (f.resolved == "float" || f.resolved == "fixed32" || f.resolved == "sfixed32") ? 5
                                                                                                         : 0;
      std::string_view packed = raw.bytes;
      Json& list = (*out)[f.name];
      if (!list.is_array()) list = Json::array();
      while (!packed.empty()) {
        if (++values_ > kMaxValues) return Status::InvalidArgument("too many values");
        auto r = ReadRaw(inner, &packed);
        if (!r.ok()) return r.status();
        auto v = Value(f.resolved, inner, *r, depth);
        if (!v.ok()) return v.status();
        list.push_back(std::move(*v));
      }
      return Status::Ok();
    }
    auto v = Value(f.resolved, wire, raw, depth);
    if (!v.ok()) return v.status();
    if (repeated) {
      Json& list = (*out)[f.name];
      if (!list.is_array()) list = Json::array();
      list.push_back(std::move(*v));
    } else {
      (*out)[f.name] = std::move(*v);  // the last one wins, as Protobuf merges
    }
    return Status::Ok();
  }

  const ProtobufSchema& schema_;
  int64_t values_ = 0;
};

}  // namespace

Result<std::string> ProtobufMessageForIndexes(const ProtobufSchema& schema, const std::vector<int32_t>& indexes) {
  std::string parent;
  for (int32_t index : indexes) {
    const auto children = Children(schema, parent);
    if (index < 0 || static_cast<size_t>(index) >= children.size()) {
      return Status::NotFound("message index " + std::to_string(index) + " not in the schema (" +
                              (parent.empty() ? std::string("top level") : parent) + " has " +
                              std::to_string(children.size()) + " message(s))");
    }
    parent = children[static_cast<size_t>(index)]->full_name;
  }
  if (parent.empty()) return Status::NotFound("the schema has no message");
  return parent;
}

Result<std::vector<int32_t>> ProtobufIndexesForMessage(const ProtobufSchema& schema, const std::string& messageName) {
  std::vector<int32_t> path;
  std::string parent;
  while (parent != messageName) {
    const auto children = Children(schema, parent);
    int32_t found = -1;
    for (size_t i = 0; i < children.size() && found < 0; ++i) {
      const std::string& name = children[i]->full_name;
      // The child on the way: messageName itself or one of its enclosing messages.
      if (name == messageName || messageName.compare(0, name.size() + 1, name + ".") == 0) found = static_cast<int32_t>(i);
    }
    if (found < 0) return Status::NotFound("the schema has no message " + messageName);
    path.push_back(found);
    parent = children[static_cast<size_t>(found)]->full_name;
  }
  return path;
}

Result<nlohmann::ordered_json> DecodeProtobufBinary(const ProtobufSchema& schema, const std::string& messageName,
                                                    std::string_view bytes) {
  return Decoder(schema).Message(messageName, bytes, 0);
}

}  // namespace partita::app
