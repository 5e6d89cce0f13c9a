// Kafka's Uuid text form (org.apache.kafka.common.Uuid.toString / fromString): the 16 bytes in URL-safe base64
// without padding, 22 characters. Topic ids (KIP-516) travel as 16 raw bytes in requests and as this text in
// the topic znode and in each partition directory's partition.metadata file.
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/protocol/reader.h"

namespace partita::protocol {

// The all-zero id: Kafka's Uuid.ZERO_UUID, "no topic id" on the wire.
inline constexpr Uuid kZeroUuid{};

std::string UuidToText(const Uuid& id);
// nullopt unless `text` is exactly 22 URL-safe base64 characters whose padding bits are zero.
std::optional<Uuid> UuidFromText(std::string_view text);
// UuidFromText, or the zero id for an empty or malformed text (a topic created before ids existed).
Uuid UuidOrZero(std::string_view text);

}  // namespace partita::protocol
