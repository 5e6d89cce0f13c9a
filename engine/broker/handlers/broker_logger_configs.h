// BROKER_LOGGER config resources (resource type 8): DescribeConfigs lists this broker's loggers and their levels,
// IncrementalAlterConfigs sets (SET) or unsets (DELETE) a logger's level at run time — Kafka's ConfigHelper and
// ConfigAdminManager.validateLogLevelConfigs rules: the resource name is this broker's id, every entry is
// DYNAMIC_BROKER_LOGGER_CONFIG and not read-only, an unknown logger or level is INVALID_CONFIG, unsetting root's
// level or APPEND/SUBTRACT is INVALID_REQUEST, and nothing is applied unless every operation is valid.
// Thread safety: called from network threads; broker_loggers.h is thread-safe.
#pragma once

#include <cstdint>

#include "engine/protocol/messages/describe_configs.h"
#include "engine/protocol/messages/incremental_alter_configs.h"

namespace partita::broker {

class Broker;

constexpr int8_t kBrokerLoggerResourceType = 8;

void DescribeBrokerLoggerResource(const Broker& broker, const protocol::DescribeConfigsRequest::Resource& resource,
                                  protocol::DescribeConfigsResponse::Result& out);
void AlterBrokerLoggerResource(const Broker& broker, const protocol::IncrementalAlterConfigsRequest::Resource& resource,
                               bool validate_only, protocol::IncrementalAlterConfigsResponse::Result& out);

}  // namespace partita::broker
