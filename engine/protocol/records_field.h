// RecordsField: the RECORDS field of Produce requests and Fetch responses (nullable bytes holding record
// batches). Decoding leaves a view into the frame (no copy). A broker's fetch answer carries FileRegions that
// the Writer splices in for sendfile; a client-built request carries owned bytes.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/common/file_region.h"
#include "engine/protocol/reader.h"
#include "engine/protocol/writer.h"

namespace partita::protocol {

struct RecordsField {
  bool is_null = false;
  std::span<const uint8_t> view;      // decoded bytes (point into the frame) or into `owned`
  std::vector<uint8_t> owned;         // bytes this field owns; `view` must then be SetOwned()
  std::vector<FileRegion> regions;    // zero-copy file data, written after `view`

  void SetOwned(std::vector<uint8_t> bytes) {
    owned = std::move(bytes);
    view = owned;
    is_null = false;
  }
  size_t size() const;
  void Decode(Reader& r, bool flexible);
  void Encode(Writer& w, bool flexible) const;
};

}  // namespace partita::protocol
