#include "engine/protocol/error_code.h"

namespace partita::protocol {

// Names are Kafka's (org.apache.kafka.common.protocol.Errors), so logs and the UI match Kafka's tooling.
const char* ErrorCodeName(ErrorCode c) {
  switch (c) {
    case ErrorCode::kUnknownServerError:
      return "UNKNOWN_SERVER_ERROR";
    case ErrorCode::kNone:
      return "NONE";
    case ErrorCode::kOffsetOutOfRange:
      return "OFFSET_OUT_OF_RANGE";
    case ErrorCode::kCorruptMessage:
      return "CORRUPT_MESSAGE";
    case ErrorCode::kUnknownTopicOrPartition:
      return "UNKNOWN_TOPIC_OR_PARTITION";
    case ErrorCode::kInvalidFetchSize:
      return "INVALID_FETCH_SIZE";
    case ErrorCode::kLeaderNotAvailable:
      return "LEADER_NOT_AVAILABLE";
    case ErrorCode::kNotLeaderOrFollower:
      return "NOT_LEADER_OR_FOLLOWER";
    case ErrorCode::kRequestTimedOut:
      return "REQUEST_TIMED_OUT";
    case ErrorCode::kBrokerNotAvailable:
      return "BROKER_NOT_AVAILABLE";
    case ErrorCode::kReplicaNotAvailable:
      return "REPLICA_NOT_AVAILABLE";
    case ErrorCode::kMessageTooLarge:
      return "MESSAGE_TOO_LARGE";
    case ErrorCode::kStaleControllerEpoch:
      return "STALE_CONTROLLER_EPOCH";
    case ErrorCode::kOffsetMetadataTooLarge:
      return "OFFSET_METADATA_TOO_LARGE";
    case ErrorCode::kNetworkException:
      return "NETWORK_EXCEPTION";
    case ErrorCode::kCoordinatorLoadInProgress:
      return "COORDINATOR_LOAD_IN_PROGRESS";
    case ErrorCode::kCoordinatorNotAvailable:
      return "COORDINATOR_NOT_AVAILABLE";
    case ErrorCode::kNotCoordinator:
      return "NOT_COORDINATOR";
    case ErrorCode::kInvalidTopicException:
      return "INVALID_TOPIC_EXCEPTION";
    case ErrorCode::kRecordListTooLarge:
      return "RECORD_LIST_TOO_LARGE";
    case ErrorCode::kNotEnoughReplicas:
      return "NOT_ENOUGH_REPLICAS";
    case ErrorCode::kNotEnoughReplicasAfterAppend:
      return "NOT_ENOUGH_REPLICAS_AFTER_APPEND";
    case ErrorCode::kInvalidRequiredAcks:
      return "INVALID_REQUIRED_ACKS";
    case ErrorCode::kIllegalGeneration:
      return "ILLEGAL_GENERATION";
    case ErrorCode::kInconsistentGroupProtocol:
      return "INCONSISTENT_GROUP_PROTOCOL";
    case ErrorCode::kInvalidGroupId:
      return "INVALID_GROUP_ID";
    case ErrorCode::kUnknownMemberId:
      return "UNKNOWN_MEMBER_ID";
    case ErrorCode::kInvalidSessionTimeout:
      return "INVALID_SESSION_TIMEOUT";
    case ErrorCode::kRebalanceInProgress:
      return "REBALANCE_IN_PROGRESS";
    case ErrorCode::kInvalidCommitOffsetSize:
      return "INVALID_COMMIT_OFFSET_SIZE";
    case ErrorCode::kTopicAuthorizationFailed:
      return "TOPIC_AUTHORIZATION_FAILED";
    case ErrorCode::kGroupAuthorizationFailed:
      return "GROUP_AUTHORIZATION_FAILED";
    case ErrorCode::kClusterAuthorizationFailed:
      return "CLUSTER_AUTHORIZATION_FAILED";
    case ErrorCode::kInvalidTimestamp:
      return "INVALID_TIMESTAMP";
    case ErrorCode::kUnsupportedSaslMechanism:
      return "UNSUPPORTED_SASL_MECHANISM";
    case ErrorCode::kIllegalSaslState:
      return "ILLEGAL_SASL_STATE";
    case ErrorCode::kUnsupportedVersion:
      return "UNSUPPORTED_VERSION";
    case ErrorCode::kTopicAlreadyExists:
      return "TOPIC_ALREADY_EXISTS";
    case ErrorCode::kInvalidPartitions:
      return "INVALID_PARTITIONS";
    case ErrorCode::kInvalidReplicationFactor:
      return "INVALID_REPLICATION_FACTOR";
    case ErrorCode::kInvalidReplicaAssignment:
      return "INVALID_REPLICA_ASSIGNMENT";
    case ErrorCode::kInvalidConfig:
      return "INVALID_CONFIG";
    case ErrorCode::kNotController:
      return "NOT_CONTROLLER";
    case ErrorCode::kInvalidRequest:
      return "INVALID_REQUEST";
    case ErrorCode::kUnsupportedForMessageFormat:
      return "UNSUPPORTED_FOR_MESSAGE_FORMAT";
    case ErrorCode::kPolicyViolation:
      return "POLICY_VIOLATION";
    case ErrorCode::kOutOfOrderSequenceNumber:
      return "OUT_OF_ORDER_SEQUENCE_NUMBER";
    case ErrorCode::kDuplicateSequenceNumber:
      return "DUPLICATE_SEQUENCE_NUMBER";
    case ErrorCode::kInvalidProducerEpoch:
      return "INVALID_PRODUCER_EPOCH";
    case ErrorCode::kInvalidTxnState:
      return "INVALID_TXN_STATE";
    case ErrorCode::kInvalidProducerIdMapping:
      return "INVALID_PRODUCER_ID_MAPPING";
    case ErrorCode::kInvalidTransactionTimeout:
      return "INVALID_TRANSACTION_TIMEOUT";
    case ErrorCode::kConcurrentTransactions:
      return "CONCURRENT_TRANSACTIONS";
    case ErrorCode::kTransactionCoordinatorFenced:
      return "TRANSACTION_COORDINATOR_FENCED";
    case ErrorCode::kTransactionalIdAuthorizationFailed:
      return "TRANSACTIONAL_ID_AUTHORIZATION_FAILED";
    case ErrorCode::kSecurityDisabled:
      return "SECURITY_DISABLED";
    case ErrorCode::kOperationNotAttempted:
      return "OPERATION_NOT_ATTEMPTED";
    case ErrorCode::kKafkaStorageError:
      return "KAFKA_STORAGE_ERROR";
    case ErrorCode::kLogDirNotFound:
      return "LOG_DIR_NOT_FOUND";
    case ErrorCode::kSaslAuthenticationFailed:
      return "SASL_AUTHENTICATION_FAILED";
    case ErrorCode::kUnknownProducerId:
      return "UNKNOWN_PRODUCER_ID";
    case ErrorCode::kReassignmentInProgress:
      return "REASSIGNMENT_IN_PROGRESS";
    case ErrorCode::kNonEmptyGroup:
      return "NON_EMPTY_GROUP";
    case ErrorCode::kGroupIdNotFound:
      return "GROUP_ID_NOT_FOUND";
    case ErrorCode::kFetchSessionIdNotFound:
      return "FETCH_SESSION_ID_NOT_FOUND";
    case ErrorCode::kInvalidFetchSessionEpoch:
      return "INVALID_FETCH_SESSION_EPOCH";
    case ErrorCode::kListenerNotFound:
      return "LISTENER_NOT_FOUND";
    case ErrorCode::kTopicDeletionDisabled:
      return "TOPIC_DELETION_DISABLED";
    case ErrorCode::kFencedLeaderEpoch:
      return "FENCED_LEADER_EPOCH";
    case ErrorCode::kUnknownLeaderEpoch:
      return "UNKNOWN_LEADER_EPOCH";
    case ErrorCode::kUnsupportedCompressionType:
      return "UNSUPPORTED_COMPRESSION_TYPE";
    case ErrorCode::kStaleBrokerEpoch:
      return "STALE_BROKER_EPOCH";
    case ErrorCode::kOffsetNotAvailable:
      return "OFFSET_NOT_AVAILABLE";
    case ErrorCode::kMemberIdRequired:
      return "MEMBER_ID_REQUIRED";
    case ErrorCode::kPreferredLeaderNotAvailable:
      return "PREFERRED_LEADER_NOT_AVAILABLE";
    case ErrorCode::kGroupMaxSizeReached:
      return "GROUP_MAX_SIZE_REACHED";
    case ErrorCode::kFencedInstanceId:
      return "FENCED_INSTANCE_ID";
    case ErrorCode::kEligibleLeadersNotAvailable:
      return "ELIGIBLE_LEADERS_NOT_AVAILABLE";
    case ErrorCode::kElectionNotNeeded:
      return "ELECTION_NOT_NEEDED";
    case ErrorCode::kNoReassignmentInProgress:
      return "NO_REASSIGNMENT_IN_PROGRESS";
    case ErrorCode::kGroupSubscribedToTopic:
      return "GROUP_SUBSCRIBED_TO_TOPIC";
    case ErrorCode::kInvalidRecord:
      return "INVALID_RECORD";
    case ErrorCode::kUnstableOffsetCommit:
      return "UNSTABLE_OFFSET_COMMIT";
    case ErrorCode::kThrottlingQuotaExceeded:
      return "THROTTLING_QUOTA_EXCEEDED";
    case ErrorCode::kProducerFenced:
      return "PRODUCER_FENCED";
    case ErrorCode::kResourceNotFound:
      return "RESOURCE_NOT_FOUND";
    case ErrorCode::kDuplicateResource:
      return "DUPLICATE_RESOURCE";
    case ErrorCode::kUnacceptableCredential:
      return "UNACCEPTABLE_CREDENTIAL";
    case ErrorCode::kUnknownTopicId:
      return "UNKNOWN_TOPIC_ID";
    case ErrorCode::kInconsistentTopicId:
      return "INCONSISTENT_TOPIC_ID";
    case ErrorCode::kInconsistentClusterId:
      return "INCONSISTENT_CLUSTER_ID";
    case ErrorCode::kTransactionalIdNotFound:
      return "TRANSACTIONAL_ID_NOT_FOUND";
    case ErrorCode::kTransactionAbortable:
      return "TRANSACTION_ABORTABLE";
  }
  return "UNKNOWN_ERROR_CODE";
}

const char* ErrorCodeMessage(ErrorCode c) {
  switch (c) {
    case ErrorCode::kUnknownServerError:
      return "The server hit an unexpected error while processing the request.";
    case ErrorCode::kNone:
      return "Success.";
    case ErrorCode::kOffsetOutOfRange:
      return "The requested offset is outside the range the partition holds.";
    case ErrorCode::kCorruptMessage:
      return "The message failed its CRC check or is otherwise corrupt.";
    case ErrorCode::kUnknownTopicOrPartition:
      return "This server does not host this topic or partition.";
    case ErrorCode::kInvalidFetchSize:
      return "The requested fetch size is invalid.";
    case ErrorCode::kLeaderNotAvailable:
      return "The partition has no leader right now (an election may be in progress).";
    case ErrorCode::kNotLeaderOrFollower:
      return "This server is not the leader or a follower for that partition.";
    case ErrorCode::kRequestTimedOut:
      return "The request timed out.";
    case ErrorCode::kBrokerNotAvailable:
      return "The broker is not available.";
    case ErrorCode::kReplicaNotAvailable:
      return "The replica is not available for the requested partition.";
    case ErrorCode::kMessageTooLarge:
      return "The request included a message larger than the server accepts.";
    case ErrorCode::kStaleControllerEpoch:
      return "The controller moved to another broker.";
    case ErrorCode::kOffsetMetadataTooLarge:
      return "The metadata attached to the offset commit is too large.";
    case ErrorCode::kNetworkException:
      return "The server disconnected before a response was received.";
    case ErrorCode::kCoordinatorLoadInProgress:
      return "The coordinator is still loading its state.";
    case ErrorCode::kCoordinatorNotAvailable:
      return "The coordinator is not available.";
    case ErrorCode::kNotCoordinator:
      return "This is not the correct coordinator.";
    case ErrorCode::kInvalidTopicException:
      return "The topic name is invalid or the operation is not allowed on an internal topic.";
    case ErrorCode::kRecordListTooLarge:
      return "The record batch is larger than the maximum segment size.";
    case ErrorCode::kNotEnoughReplicas:
      return "Fewer in-sync replicas than required; the write was rejected.";
    case ErrorCode::kNotEnoughReplicasAfterAppend:
      return "The write was appended but fewer in-sync replicas than required acknowledged it.";
    case ErrorCode::kInvalidRequiredAcks:
      return "The requested acks value is invalid (must be -1, 0 or 1).";
    case ErrorCode::kIllegalGeneration:
      return "The group generation id is not valid.";
    case ErrorCode::kInconsistentGroupProtocol:
      return "The member's protocol type or protocols do not match the group's.";
    case ErrorCode::kInvalidGroupId:
      return "The group id is invalid.";
    case ErrorCode::kUnknownMemberId:
      return "The coordinator does not know this member.";
    case ErrorCode::kInvalidSessionTimeout:
      return "The session timeout is outside the allowed range.";
    case ErrorCode::kRebalanceInProgress:
      return "The group is rebalancing; rejoin it.";
    case ErrorCode::kInvalidCommitOffsetSize:
      return "The committing offset data size is not valid.";
    case ErrorCode::kTopicAuthorizationFailed:
      return "Not authorized to access the topic.";
    case ErrorCode::kGroupAuthorizationFailed:
      return "Not authorized to access the group.";
    case ErrorCode::kClusterAuthorizationFailed:
      return "Not authorized for this cluster operation.";
    case ErrorCode::kInvalidTimestamp:
      return "The record timestamp is out of the acceptable range.";
    case ErrorCode::kUnsupportedSaslMechanism:
      return "The broker does not support the requested SASL mechanism.";
    case ErrorCode::kIllegalSaslState:
      return "The request is not valid in the current SASL state.";
    case ErrorCode::kUnsupportedVersion:
      return "The broker does not support this request version.";
    case ErrorCode::kTopicAlreadyExists:
      return "The topic already exists.";
    case ErrorCode::kInvalidPartitions:
      return "The number of partitions is invalid.";
    case ErrorCode::kInvalidReplicationFactor:
      return "The replication factor is invalid.";
    case ErrorCode::kInvalidReplicaAssignment:
      return "The replica assignment is invalid.";
    case ErrorCode::kInvalidConfig:
      return "The configuration is invalid.";
    case ErrorCode::kNotController:
      return "This is not the correct controller for this cluster.";
    case ErrorCode::kInvalidRequest:
      return "The request is malformed or violates the protocol.";
    case ErrorCode::kUnsupportedForMessageFormat:
      return "The message format version on the broker does not support the request.";
    case ErrorCode::kPolicyViolation:
      return "The request violates a configured policy.";
    case ErrorCode::kOutOfOrderSequenceNumber:
      return "The broker received an out-of-order sequence number.";
    case ErrorCode::kDuplicateSequenceNumber:
      return "The broker received a duplicate sequence number.";
    case ErrorCode::kInvalidProducerEpoch:
      return "The producer epoch is older than the current one (the producer was fenced).";
    case ErrorCode::kInvalidTxnState:
      return "The operation is not valid in the current transaction state.";
    case ErrorCode::kInvalidProducerIdMapping:
      return "The producer id is not mapped to this transactional id.";
    case ErrorCode::kInvalidTransactionTimeout:
      return "The transaction timeout exceeds the maximum allowed.";
    case ErrorCode::kConcurrentTransactions:
      return "Another transaction for this producer is still being completed.";
    case ErrorCode::kTransactionCoordinatorFenced:
      return "This transaction coordinator has been fenced by a newer one.";
    case ErrorCode::kTransactionalIdAuthorizationFailed:
      return "Not authorized to use this transactional id.";
    case ErrorCode::kSecurityDisabled:
      return "Security features are disabled.";
    case ErrorCode::kOperationNotAttempted:
      return "The broker did not attempt this operation because another one in the batch failed.";
    case ErrorCode::kKafkaStorageError:
      return "A disk error occurred while accessing the replica's log.";
    case ErrorCode::kLogDirNotFound:
      return "The log directory was not found in the broker configuration.";
    case ErrorCode::kSaslAuthenticationFailed:
      return "SASL authentication failed.";
    case ErrorCode::kUnknownProducerId:
      return "The broker has no state for this producer id.";
    case ErrorCode::kReassignmentInProgress:
      return "A partition reassignment is in progress.";
    case ErrorCode::kNonEmptyGroup:
      return "The group is not empty.";
    case ErrorCode::kGroupIdNotFound:
      return "The group id does not exist.";
    case ErrorCode::kFetchSessionIdNotFound:
      return "The fetch session id was not found.";
    case ErrorCode::kInvalidFetchSessionEpoch:
      return "The fetch session epoch is invalid.";
    case ErrorCode::kListenerNotFound:
      return "The leader has no endpoint for the listener the request came on.";
    case ErrorCode::kTopicDeletionDisabled:
      return "Topic deletion is disabled.";
    case ErrorCode::kFencedLeaderEpoch:
      return "The leader epoch in the request is older than the broker's.";
    case ErrorCode::kUnknownLeaderEpoch:
      return "The leader epoch in the request is newer than the broker's.";
    case ErrorCode::kUnsupportedCompressionType:
      return "The requesting client does not support the compression type.";
    case ErrorCode::kStaleBrokerEpoch:
      return "The broker epoch has changed.";
    case ErrorCode::kOffsetNotAvailable:
      return "The leader high watermark has not caught up; the offset is not available yet.";
    case ErrorCode::kMemberIdRequired:
      return "The group member needs a member id; rejoin with the given one.";
    case ErrorCode::kPreferredLeaderNotAvailable:
      return "The preferred leader is not available.";
    case ErrorCode::kGroupMaxSizeReached:
      return "The group has reached its maximum size.";
    case ErrorCode::kFencedInstanceId:
      return "Another consumer with the same group.instance.id has fenced this one.";
    case ErrorCode::kEligibleLeadersNotAvailable:
      return "No eligible leaders are available for the requested election.";
    case ErrorCode::kElectionNotNeeded:
      return "No leader election is needed.";
    case ErrorCode::kNoReassignmentInProgress:
      return "No partition reassignment is in progress.";
    case ErrorCode::kGroupSubscribedToTopic:
      return "The group is subscribed to the topic, so its offsets cannot be deleted.";
    case ErrorCode::kInvalidRecord:
      return "A record failed the broker's validation.";
    case ErrorCode::kUnstableOffsetCommit:
      return "There are unstable offsets that need to be cleared.";
    case ErrorCode::kThrottlingQuotaExceeded:
      return "The throttling quota was exceeded.";
    case ErrorCode::kProducerFenced:
      return "A newer producer with the same transactional id has fenced this one.";
    case ErrorCode::kResourceNotFound:
      return "A request illegally referred to a resource that does not exist.";
    case ErrorCode::kDuplicateResource:
      return "A request illegally referred to the same resource twice.";
    case ErrorCode::kUnacceptableCredential:
      return "Requested credential would not meet criteria for acceptability.";
    case ErrorCode::kUnknownTopicId:
      return "This server does not host this topic ID.";
    case ErrorCode::kInconsistentTopicId:
      return "The topic id does not match the topic name.";
    case ErrorCode::kInconsistentClusterId:
      return "The cluster id does not match the broker's.";
    case ErrorCode::kTransactionalIdNotFound:
      return "The transactionalId could not be found.";
    case ErrorCode::kTransactionAbortable:
      return "The server encountered an error with the transaction. The client can abort the transaction to "
             "continue using this transactional ID.";
  }
  return "Unknown error code.";
}

}  // namespace partita::protocol
