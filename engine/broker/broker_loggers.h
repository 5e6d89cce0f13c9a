// Broker loggers: the log levels that Kafka exposes as BROKER_LOGGER config resources (DescribeConfigs /
// IncrementalAlterConfigs with resource type 8, `kafka-configs --entity-type broker-loggers`), changed at run time
// without a restart. The loggers are spdlog's: "root" (the default logger every module writes to) and every
// named logger, among them "kafka.request.logger", the request log (Kafka's name): one line per completed request
// at DEBUG, off (WARN) by default as in Kafka's log4j.properties.
// Levels use Kafka's names (LogLevelConfig.VALID_LOG_LEVELS): TRACE, DEBUG, INFO, WARN, ERROR, FATAL (spdlog's
// critical). Levels are per process, like log4j's: brokers embedded in one process share them, and a restart
// returns to the configured ones (SPDLOG_LEVEL for the daemon), as Kafka does not persist logger levels either.
// Thread safety: thread-safe (spdlog's registry and logger levels are).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <spdlog/logger.h>

#include "engine/common/status.h"

namespace partita::broker {

inline constexpr const char* kRootLoggerName = "root";
inline constexpr const char* kRequestLoggerName = "kafka.request.logger";

// Every logger with its level in Kafka's spelling, root first, the others sorted by name.
std::vector<std::pair<std::string, std::string>> DescribeBrokerLoggers();
// Checks a SET (level non-null) or DELETE (level null) without applying it: InvalidConfig for an unknown logger or
// level, Unsupported for deleting root's level (Kafka: "Removing the log level of the root logger is not
// allowed").
Status ValidateLoggerChange(const std::string& logger, const std::optional<std::string>& level);
// Applies a validated change; DELETE gives the logger root's level (log4j's unset level inherits from root).
void ApplyLoggerChange(const std::string& logger, const std::optional<std::string>& level);

// The request log, created on first use over the default logger's sinks.
spdlog::logger& RequestLogger();

}  // namespace partita::broker
