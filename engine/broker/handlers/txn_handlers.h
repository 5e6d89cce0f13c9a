// The transaction coordinator's APIs (KIP-98, KIP-664), answered by the coordinator of the transactional id's
// __transaction_state partition (TransactionService): AddPartitionsToTxn (24), AddOffsetsToTxn (25), EndTxn (26),
// DescribeTransactions (65), ListTransactions (66). A broker that does not coordinate the id answers
// NOT_COORDINATOR (the client looks the coordinator up again), COORDINATOR_LOAD_IN_PROGRESS while it loads.
// AddPartitionsToTxn v4+ come from partition leaders (CLUSTER_ACTION): several transactions per request, each
// added or, verify_only, checked (KIP-890; see TxnVerifier).
#pragma once

#include "engine/broker/handler.h"
#include "engine/protocol/messages/add_offsets_to_txn.h"
#include "engine/protocol/messages/add_partitions_to_txn.h"
#include "engine/protocol/messages/describe_transactions.h"
#include "engine/protocol/messages/end_txn.h"
#include "engine/protocol/messages/list_transactions.h"

namespace partita::broker {

class AddPartitionsToTxnHandler
    : public ApiHandler<protocol::AddPartitionsToTxnRequest, protocol::AddPartitionsToTxnResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::AddPartitionsToTxnRequest& request, Done done) override;
};

class AddOffsetsToTxnHandler
    : public ApiHandler<protocol::AddOffsetsToTxnRequest, protocol::AddOffsetsToTxnResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::AddOffsetsToTxnRequest& request, Done done) override;
};

class EndTxnHandler : public ApiHandler<protocol::EndTxnRequest, protocol::EndTxnResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::EndTxnRequest& request, Done done) override;
};

class DescribeTransactionsHandler
    : public ApiHandler<protocol::DescribeTransactionsRequest, protocol::DescribeTransactionsResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::DescribeTransactionsRequest& request, Done done) override;
};

class ListTransactionsHandler
    : public ApiHandler<protocol::ListTransactionsRequest, protocol::ListTransactionsResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::ListTransactionsRequest& request, Done done) override;
};

}  // namespace partita::broker
