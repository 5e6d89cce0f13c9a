#include "engine/storage/batch_scanner.h"

#include <algorithm>

#include "engine/common/crc32c.h"
#include "engine/storage/file_util.h"

namespace partita::storage {

using protocol::kBatchHeaderSize;
using protocol::kLogOverhead;

bool BatchScanner::Fill(int64_t position, size_t need) {
  if (position >= buf_pos_ && position + static_cast<int64_t>(need) <= buf_pos_ + static_cast<int64_t>(buf_len_))
    return true;
  const size_t len = static_cast<size_t>(std::min<int64_t>(static_cast<int64_t>(buf_.size()), end_ - position));
  if (len < need) return false;
  status_ = PreadFully(fd_, {buf_.data(), len}, position, "read segment");
  if (!status_.ok()) {
    buf_len_ = 0;
    return false;
  }
  buf_pos_ = position;
  buf_len_ = len;
  return true;
}

bool BatchScanner::Next() {
  if (!status_.ok() || next_ >= end_) return false;
  if (end_ - next_ < static_cast<int64_t>(kBatchHeaderSize)) {
    status_ = Status::Corruption("partial batch header at position " + std::to_string(next_));
    return false;
  }
  if (!Fill(next_, kBatchHeaderSize)) {
    if (status_.ok()) status_ = Status::Corruption("short read at position " + std::to_string(next_));
    return false;
  }
  header_ = protocol::ReadBatchHeader(buf_.data() + (next_ - buf_pos_));
  const std::string where = " at position " + std::to_string(next_);
  if (header_.magic != 2) {
    status_ = Status::Corruption("unsupported magic " + std::to_string(header_.magic) + where);
    return false;
  }
  if (header_.batch_length < static_cast<int32_t>(kBatchHeaderSize - kLogOverhead)) {
    status_ = Status::Corruption("batch length too small" + where);
    return false;
  }
  if (static_cast<int64_t>(header_.total_size()) > end_ - next_) {
    status_ = Status::Corruption("batch extends past the end of the segment" + where);
    return false;
  }
  if (header_.last_offset_delta < 0 || header_.base_offset < 0) {
    status_ = Status::Corruption("negative offset" + where);
    return false;
  }
  position_ = next_;
  next_ += static_cast<int64_t>(header_.total_size());
  return true;
}

Status BatchScanner::VerifyCrc() {
  // CRC covers attributes..end: from header offset 21 to the batch end.
  int64_t pos = position_ + static_cast<int64_t>(protocol::kAttributesOffset);
  const int64_t stop = position_ + static_cast<int64_t>(header_.total_size());
  uint32_t crc = 0;
  bool first = true;
  while (pos < stop) {
    const size_t n = static_cast<size_t>(std::min<int64_t>(static_cast<int64_t>(buf_.size()), stop - pos));
    if (!Fill(pos, n)) return status_.ok() ? Status::Corruption("short read during CRC check") : status_;
    const std::span<const uint8_t> chunk(buf_.data() + (pos - buf_pos_), n);
    crc = first ? Crc32c(chunk) : Crc32cExtend(crc, chunk);
    first = false;
    pos += static_cast<int64_t>(n);
  }
  if (crc != header_.crc)
    return Status::Corruption("CRC mismatch in batch at position " + std::to_string(position_));
  return Status::Ok();
}

}  // namespace partita::storage
