// Writer: builds one message's bytes. Record data that lives in segment files is not copied: AppendRegion
// records a FileRegion to be spliced in at the current position; the network layer sends bytes and regions in
// order (sendfile for the regions). size() counts both.
// Thread safety: one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/file_region.h"
#include "engine/protocol/reader.h"

namespace partita::protocol {

class Writer {
 public:
  // A region spliced into the byte stream after bytes()[0..at).
  struct Splice {
    size_t at;
    FileRegion region;
  };

  Writer() = default;
  explicit Writer(size_t reserve) { buf_.reserve(reserve); }

  void WriteBool(bool v) { WriteInt8(v ? 1 : 0); }
  void WriteInt8(int8_t v) { buf_.push_back(static_cast<uint8_t>(v)); }
  void WriteInt16(int16_t v);
  void WriteInt32(int32_t v);
  void WriteInt64(int64_t v);
  void WriteUint16(uint16_t v) { WriteInt16(static_cast<int16_t>(v)); }
  void WriteUint32(uint32_t v) { WriteInt32(static_cast<int32_t>(v)); }
  void WriteFloat64(double v);
  void WriteUuid(const Uuid& u) { WriteRaw(u); }
  void WriteVarint(int32_t v);
  void WriteVarlong(int64_t v);
  void WriteUnsignedVarint(uint32_t v);

  void WriteString(std::string_view s);
  void WriteNullableString(const std::optional<std::string>& s);
  void WriteCompactString(std::string_view s);
  void WriteCompactNullableString(const std::optional<std::string>& s);
  void WriteString(std::string_view s, bool flexible) {
    flexible ? WriteCompactString(s) : WriteString(s);
  }
  void WriteNullableString(const std::optional<std::string>& s, bool flexible) {
    flexible ? WriteCompactNullableString(s) : WriteNullableString(s);
  }

  void WriteBytes(std::span<const uint8_t> b);
  void WriteNullableBytes(const std::optional<std::span<const uint8_t>>& b);
  void WriteCompactBytes(std::span<const uint8_t> b);
  void WriteCompactNullableBytes(const std::optional<std::span<const uint8_t>>& b);
  void WriteBytes(std::span<const uint8_t> b, bool flexible) { flexible ? WriteCompactBytes(b) : WriteBytes(b); }

  // -1 writes null.
  void WriteArrayLength(int32_t n);
  void WriteCompactArrayLength(int32_t n);
  void WriteArrayLength(int32_t n, bool flexible) {
    flexible ? WriteCompactArrayLength(n) : WriteArrayLength(n);
  }
  // An empty tagged-field section.
  void WriteEmptyTaggedFields() { WriteUnsignedVarint(0); }

  void WriteRaw(std::span<const uint8_t> b) { buf_.insert(buf_.end(), b.begin(), b.end()); }
  // Splices a file region (length region.length) at the current position without copying it.
  void AppendRegion(FileRegion region);

  // Reserves 4 bytes for an INT32 filled in later with PatchInt32 (e.g. a length prefix).
  size_t ReserveInt32() {
    buf_.resize(buf_.size() + 4);
    return buf_.size() - 4;
  }
  void PatchInt32(size_t at, int32_t v);

  // Total size: bytes plus spliced regions.
  size_t size() const { return buf_.size() + region_bytes_; }
  const std::vector<uint8_t>& bytes() const { return buf_; }
  std::vector<uint8_t>& mutable_bytes() { return buf_; }
  const std::vector<Splice>& splices() const { return splices_; }
  // Releases the bytes (only meaningful when there are no splices).
  std::vector<uint8_t> TakeBytes() { return std::move(buf_); }

 private:
  std::vector<uint8_t> buf_;
  std::vector<Splice> splices_;
  size_t region_bytes_ = 0;
};

}  // namespace partita::protocol
