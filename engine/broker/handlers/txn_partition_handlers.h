// The partition-leader side of transactions:
// - WriteTxnMarkers (27, inter-broker, KIP-98): appends each marker's COMMIT/ABORT control batch on the
//   partitions this broker leads (Partition::AppendTxnMarker, fenced on producer and coordinator epochs) and
//   answers once they are replicated to the ISR. A marker on a __consumer_offsets partition then applies
//   (COMMIT) or drops (ABORT) the producer's pending transactional offsets in the group coordinator.
// - TxnOffsetCommit (28): the group coordinator writes the offsets into __consumer_offsets as the producer's
//   transactional batch and keeps them pending until that marker.
// - DescribeProducers (61, KIP-664): a leader's producer state per partition.
#pragma once

#include "engine/broker/handler.h"
#include "engine/protocol/messages/describe_producers.h"
#include "engine/protocol/messages/txn_offset_commit.h"
#include "engine/protocol/messages/write_txn_markers.h"

namespace partita::broker {

class WriteTxnMarkersHandler
    : public ApiHandler<protocol::WriteTxnMarkersRequest, protocol::WriteTxnMarkersResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::WriteTxnMarkersRequest& request, Done done) override;
};

class TxnOffsetCommitHandler
    : public ApiHandler<protocol::TxnOffsetCommitRequest, protocol::TxnOffsetCommitResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::TxnOffsetCommitRequest& request, Done done) override;
};

class DescribeProducersHandler
    : public ApiHandler<protocol::DescribeProducersRequest, protocol::DescribeProducersResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::DescribeProducersRequest& request, Done done) override;
};

}  // namespace partita::broker
