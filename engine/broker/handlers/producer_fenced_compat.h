// PRODUCER_FENCED (error 90, KIP-588) exists only from InitProducerId v4, AddPartitionsToTxn v2,
// AddOffsetsToTxn v2 and EndTxn v2 on. Kafka's KafkaApis answers older requests INVALID_PRODUCER_EPOCH instead,
// and clients depend on it: librdkafka 2.0 sends AddOffsetsToTxn v0 and treats INVALID_PRODUCER_EPOCH there as
// fatal but an unknown PRODUCER_FENCED as abortable, so a fenced zombie would abort and carry on instead of stopping.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>

#include "engine/protocol/error_code.h"

namespace partita::broker {

inline constexpr int16_t kInitProducerIdFirstFencedVersion = 4;
inline constexpr int16_t kTxnApiFirstFencedVersion = 2;  // AddPartitionsToTxn, AddOffsetsToTxn, EndTxn

// `error` as a client speaking `version` of an API whose first version with PRODUCER_FENCED is `first_fenced`
// understands it.
inline protocol::ErrorCode FencedErrorForVersion(protocol::ErrorCode error, int16_t version, int16_t first_fenced) {
  if (error == protocol::ErrorCode::kProducerFenced && version < first_fenced) {
    return protocol::ErrorCode::kInvalidProducerEpoch;
  }
  return error;
}

}  // namespace partita::broker
