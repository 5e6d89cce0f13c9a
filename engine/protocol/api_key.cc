#include "engine/protocol/api_key.h"

namespace partita::protocol {

// Kafka's API names (as in the protocol guide), for logs and the UI. Takes the raw wire value because
// requests may carry keys this broker does not know.
const char* ApiKeyName(int16_t key) {
  switch (key) {
    case 0:
      return "Produce";
    case 1:
      return "Fetch";
    case 2:
      return "ListOffsets";
    case 3:
      return "Metadata";
    case 4:
      return "LeaderAndIsr";
    case 5:
      return "StopReplica";
    case 6:
      return "UpdateMetadata";
    case 7:
      return "ControlledShutdown";
    case 8:
      return "OffsetCommit";
    case 9:
      return "OffsetFetch";
    case 10:
      return "FindCoordinator";
    case 11:
      return "JoinGroup";
    case 12:
      return "Heartbeat";
    case 13:
      return "LeaveGroup";
    case 14:
      return "SyncGroup";
    case 15:
      return "DescribeGroups";
    case 16:
      return "ListGroups";
    case 17:
      return "SaslHandshake";
    case 18:
      return "ApiVersions";
    case 19:
      return "CreateTopics";
    case 20:
      return "DeleteTopics";
    case 21:
      return "DeleteRecords";
    case 22:
      return "InitProducerId";
    case 23:
      return "OffsetForLeaderEpoch";
    case 24:
      return "AddPartitionsToTxn";
    case 25:
      return "AddOffsetsToTxn";
    case 26:
      return "EndTxn";
    case 27:
      return "WriteTxnMarkers";
    case 28:
      return "TxnOffsetCommit";
    case 29:
      return "DescribeAcls";
    case 30:
      return "CreateAcls";
    case 31:
      return "DeleteAcls";
    case 32:
      return "DescribeConfigs";
    case 33:
      return "AlterConfigs";
    case 35:
      return "DescribeLogDirs";
    case 36:
      return "SaslAuthenticate";
    case 37:
      return "CreatePartitions";
    case 42:
      return "DeleteGroups";
    case 43:
      return "ElectLeaders";
    case 44:
      return "IncrementalAlterConfigs";
    case 45:
      return "AlterPartitionReassignments";
    case 46:
      return "ListPartitionReassignments";
    case 47:
      return "OffsetDelete";
    case 48:
      return "DescribeClientQuotas";
    case 49:
      return "AlterClientQuotas";
    case 50:
      return "DescribeUserScramCredentials";
    case 51:
      return "AlterUserScramCredentials";
    case 60:
      return "DescribeCluster";
    case 61:
      return "DescribeProducers";
    case 65:
      return "DescribeTransactions";
    case 66:
      return "ListTransactions";
    default:
      return "Unknown";
  }
}

}  // namespace partita::protocol
