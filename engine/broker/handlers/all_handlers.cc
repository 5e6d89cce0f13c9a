#include "engine/broker/handlers/sasl_handlers.h"
#include "engine/broker/handlers/all_handlers.h"

#include "engine/broker/handlers/acls_handlers.h"
#include "engine/broker/handlers/alter_configs_handler.h"
#include "engine/broker/handlers/alter_partition_reassignments_handler.h"
#include "engine/broker/handlers/client_quota_handlers.h"
#include "engine/broker/handlers/api_versions_handler.h"
#include "engine/broker/handlers/create_partitions_handler.h"
#include "engine/broker/handlers/create_topics_handler.h"
#include "engine/broker/handlers/delete_records_handler.h"
#include "engine/broker/handlers/delete_topics_handler.h"
#include "engine/broker/handlers/describe_cluster_handler.h"
#include "engine/broker/handlers/describe_configs_handler.h"
#include "engine/broker/handlers/describe_log_dirs_handler.h"
#include "engine/broker/handlers/elect_leaders_handler.h"
#include "engine/broker/handlers/fetch_handler.h"
#include "engine/broker/handlers/group_admin_handlers.h"
#include "engine/broker/handlers/group_handlers.h"
#include "engine/broker/handlers/incremental_alter_configs_handler.h"
#include "engine/broker/handlers/init_producer_id_handler.h"
#include "engine/broker/handlers/list_offsets_handler.h"
#include "engine/broker/handlers/list_partition_reassignments_handler.h"
#include "engine/broker/handlers/metadata_handler.h"
#include "engine/broker/handlers/offset_handlers.h"
#include "engine/broker/handlers/offset_for_leader_epoch_handler.h"
#include "engine/broker/handlers/produce_handler.h"
#include "engine/broker/handlers/scram_credentials_handlers.h"
#include "engine/broker/handlers/txn_handlers.h"
#include "engine/broker/handlers/txn_partition_handlers.h"

namespace partita::broker {

void RegisterAllHandlers(HandlerTable& table) {
  table.Register(std::make_unique<ProduceHandler>());
  table.Register(std::make_unique<SaslHandshakeHandler>());
  table.Register(std::make_unique<SaslAuthenticateHandler>());
  table.Register(std::make_unique<FetchHandler>());
  table.Register(std::make_unique<ListOffsetsHandler>());
  table.Register(std::make_unique<MetadataHandler>());
  table.Register(std::make_unique<ApiVersionsHandler>(&table));
  table.Register(std::make_unique<CreateTopicsHandler>());
  table.Register(std::make_unique<DeleteTopicsHandler>());
  table.Register(std::make_unique<DeleteRecordsHandler>());
  table.Register(std::make_unique<DescribeConfigsHandler>());
  table.Register(std::make_unique<CreatePartitionsHandler>());
  table.Register(std::make_unique<OffsetForLeaderEpochHandler>());
  table.Register(std::make_unique<InitProducerIdHandler>());
  table.Register(std::make_unique<AlterConfigsHandler>());
  table.Register(std::make_unique<DescribeLogDirsHandler>());
  table.Register(std::make_unique<ElectLeadersHandler>());
  table.Register(std::make_unique<IncrementalAlterConfigsHandler>());
  table.Register(std::make_unique<AlterPartitionReassignmentsHandler>());
  table.Register(std::make_unique<ListPartitionReassignmentsHandler>());
  table.Register(std::make_unique<DescribeClusterHandler>());
  table.Register(std::make_unique<FindCoordinatorHandler>());
  table.Register(std::make_unique<JoinGroupHandler>());
  table.Register(std::make_unique<SyncGroupHandler>());
  table.Register(std::make_unique<HeartbeatHandler>());
  table.Register(std::make_unique<LeaveGroupHandler>());
  table.Register(std::make_unique<OffsetCommitHandler>());
  table.Register(std::make_unique<OffsetFetchHandler>());
  table.Register(std::make_unique<OffsetDeleteHandler>());
  table.Register(std::make_unique<ListGroupsHandler>());
  table.Register(std::make_unique<DescribeGroupsHandler>());
  table.Register(std::make_unique<DeleteGroupsHandler>());
  table.Register(std::make_unique<DescribeAclsHandler>());
  table.Register(std::make_unique<CreateAclsHandler>());
  table.Register(std::make_unique<DeleteAclsHandler>());
  table.Register(std::make_unique<DescribeUserScramCredentialsHandler>());
  table.Register(std::make_unique<AlterUserScramCredentialsHandler>());
  table.Register(std::make_unique<DescribeClientQuotasHandler>());
  table.Register(std::make_unique<AlterClientQuotasHandler>());
  table.Register(std::make_unique<AddPartitionsToTxnHandler>());
  table.Register(std::make_unique<AddOffsetsToTxnHandler>());
  table.Register(std::make_unique<EndTxnHandler>());
  table.Register(std::make_unique<WriteTxnMarkersHandler>());
  table.Register(std::make_unique<TxnOffsetCommitHandler>());
  table.Register(std::make_unique<DescribeProducersHandler>());
  table.Register(std::make_unique<DescribeTransactionsHandler>());
  table.Register(std::make_unique<ListTransactionsHandler>());
}

}  // namespace partita::broker
