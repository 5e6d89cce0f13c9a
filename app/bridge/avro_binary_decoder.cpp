#include "app/bridge/avro_binary_decoder.h"

#include <cmath>
#include <cstring>

#include "app/bridge/confluent_wire.h"

namespace partita::app {

namespace {

using schema_registry::AvroNode;
using schema_registry::AvroSchema;
using schema_registry::AvroType;
using Json = nlohmann::ordered_json;

class Decoder {
 public:
  Decoder(const AvroSchema& schema, std::string_view in, const AvroDecodeLimits& limits)
      : schema_(schema), in_(in), limits_(limits) {}

  Result<Json> Run() {
    auto value = Read(schema_.root(), 0);
    if (!value.ok()) return value.status();
    if (!in_.empty()) {
      return Status::InvalidArgument(std::to_string(in_.size()) + " byte(s) left after the record: the data does not "
                                                                  "match the schema");
    }
    return value;
  }

 private:
  Status Fail(const std::string& what) const {
    return Status::InvalidArgument(what + " at byte " + std::to_string(consumed()));
  }
  size_t consumed() const { return total_ - in_.size(); }

  Result<int64_t> Long() {
    auto v = ReadVarint(&in_, 10);
    if (!v.ok()) return Fail(v.status().message());
    return ZigZagDecode(*v);
  }
  Result<int32_t> Int() {
    auto v = ReadVarint(&in_, 5);
    if (!v.ok()) return Fail(v.status().message());
    const int64_t i = ZigZagDecode(*v);
    if (i < INT32_MIN || i > INT32_MAX) return Fail("int out of range");
    return static_cast<int32_t>(i);
  }
  // A length that must fit in what is left: a huge length is refused before anything is allocated.
  Result<std::string_view> Bytes(int64_t length) {
    if (length < 0) return Fail("negative length " + std::to_string(length));
    if (static_cast<uint64_t>(length) > in_.size()) {
      return Fail("length " + std::to_string(length) + " but only " + std::to_string(in_.size()) + " byte(s) left");
    }
    std::string_view out = in_.substr(0, static_cast<size_t>(length));
    in_.remove_prefix(static_cast<size_t>(length));
    return out;
  }

  static Json Latin1(std::string_view bytes) {
    // Avro's JSON encoding of bytes and fixed: each byte as the code point of the same value.
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char c : bytes) {
      if (c < 0x80) {
        out += static_cast<char>(c);
      } else {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
      }
    }
    return out;
  }

  static std::string BranchName(const AvroNode& node) {
    return node.IsNamed() ? node.full_name : schema_registry::AvroTypeName(node.type);
  }

  Result<Json> Read(int index, int depth) {
    if (depth > limits_.maxDepth) return Fail("nesting deeper than " + std::to_string(limits_.maxDepth));
    if (++values_ > limits_.maxValues) return Fail("more than " + std::to_string(limits_.maxValues) + " values");
    const AvroNode& node = schema_.node(index);
    switch (node.type) {
      case AvroType::kNull: return Json(nullptr);
      case AvroType::kBoolean: {
        auto b = Bytes(1);
        if (!b.ok()) return b.status();
        if ((*b)[0] != 0 && (*b)[0] != 1) return Fail("boolean byte is neither 0 nor 1");
        return Json((*b)[0] == 1);
      }
      case AvroType::kInt: {
        auto v = Int();
        if (!v.ok()) return v.status();
        return Json(*v);
      }
      case AvroType::kLong: {
        auto v = Long();
        if (!v.ok()) return v.status();
        return Json(*v);
      }
      case AvroType::kFloat: {
        auto b = Bytes(4);
        if (!b.ok()) return b.status();
        uint32_t bits = 0;
        for (int i = 3; i >= 0; --i) bits = (bits << 8) | static_cast<uint8_t>((*b)[static_cast<size_t>(i)]);
        float f;
        std::memcpy(&f, &bits, 4);
        return std::isfinite(f) ? Json(static_cast<double>(f)) : Json(std::to_string(f));
      }
      case AvroType::kDouble: {
        auto b = Bytes(8);
        if (!b.ok()) return b.status();
        uint64_t bits = 0;
        for (int i = 7; i >= 0; --i) bits = (bits << 8) | static_cast<uint8_t>((*b)[static_cast<size_t>(i)]);
        double d;
        std::memcpy(&d, &bits, 8);
        return std::isfinite(d) ? Json(d) : Json(std::to_string(d));
      }
      case AvroType::kBytes:
      case AvroType::kString: {
        auto length = Long();
        if (!length.ok()) return length.status();
        auto b = Bytes(*length);
        if (!b.ok()) return b.status();
        return node.type == AvroType::kString ? Json(std::string(*b)) : Latin1(*b);
      }
      case AvroType::kFixed: {
        auto b = Bytes(node.size);
        if (!b.ok()) return b.status();
        return Latin1(*b);
      }
      case AvroType::kEnum: {
        auto v = Int();
        if (!v.ok()) return v.status();
        if (*v < 0 || static_cast<size_t>(*v) >= node.symbols.size()) {
          return Fail("enum index " + std::to_string(*v) + " outside " + node.full_name + "'s " +
                      std::to_string(node.symbols.size()) + " symbols");
        }
        return Json(node.symbols[static_cast<size_t>(*v)]);
      }
      case AvroType::kRecord: {
        Json out = Json::object();
        for (const auto& field : node.fields) {
          auto v = Read(field.type, depth + 1);
          if (!v.ok()) return Status::InvalidArgument(node.ShortName() + "." + field.name + ": " + v.status().message());
          out[field.name] = std::move(*v);
        }
        return out;
      }
      case AvroType::kUnion: {
        auto branch = Long();
        if (!branch.ok()) return branch.status();
        if (*branch < 0 || static_cast<size_t>(*branch) >= node.children.size()) {
          return Fail("union branch " + std::to_string(*branch) + " outside its " + std::to_string(node.children.size()) +
                      " types");
        }
        const int child = node.children[static_cast<size_t>(*branch)];
        auto v = Read(child, depth + 1);
        if (!v.ok()) return v.status();
        if (schema_.node(child).type == AvroType::kNull) return Json(nullptr);
        Json wrapped = Json::object();
        wrapped[BranchName(schema_.node(child))] = std::move(*v);
        return wrapped;
      }
      case AvroType::kArray:
      case AvroType::kMap: {
        const bool isMap = node.type == AvroType::kMap;
        Json out = isMap ? Json::object() : Json::array();
        for (;;) {
          auto count = Long();
          if (!count.ok()) return count.status();
          if (*count == 0) break;
          int64_t n = *count;
          if (n < 0) {
            // A negative count is followed by the block's size in bytes (for skipping); we read the items.
            if (n == INT64_MIN) return Fail("bad block count");
            n = -n;
            auto size = Long();
            if (!size.ok()) return size.status();
            if (*size < 0 || static_cast<uint64_t>(*size) > in_.size()) return Fail("bad block size");
          }
          if (n > limits_.maxValues - values_) return Fail("block of " + std::to_string(n) + " items is too large");
          for (int64_t i = 0; i < n; ++i) {
            std::string key;
            if (isMap) {
              auto length = Long();
              if (!length.ok()) return length.status();
              auto k = Bytes(*length);
              if (!k.ok()) return k.status();
              key = std::string(*k);
            }
            auto v = Read(node.children[0], depth + 1);
            if (!v.ok()) return v.status();
            if (isMap) out[key] = std::move(*v);
            else out.push_back(std::move(*v));
          }
        }
        return out;
      }
    }
    return Fail("unknown Avro type");
  }

  const AvroSchema& schema_;
  std::string_view in_;
  const size_t total_ = in_.size();
  const AvroDecodeLimits limits_;
  int64_t values_ = 0;
};

}  // namespace

Result<nlohmann::ordered_json> DecodeAvroBinary(const schema_registry::AvroSchema& schema, std::string_view bytes,
                                                const AvroDecodeLimits& limits) {
  return Decoder(schema, bytes, limits).Run();
}

}  // namespace partita::app
