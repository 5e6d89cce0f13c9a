#include "engine/broker/broker_loggers.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include <spdlog/spdlog.h>

namespace partita::broker {

namespace {

// Kafka's LogLevelConfig.VALID_LOG_LEVELS and spdlog's nearest levels.
const std::vector<std::pair<std::string, spdlog::level::level_enum>>& Levels() {
  static const std::vector<std::pair<std::string, spdlog::level::level_enum>> levels{
      {"TRACE", spdlog::level::trace}, {"DEBUG", spdlog::level::debug}, {"INFO", spdlog::level::info},
      {"WARN", spdlog::level::warn},   {"ERROR", spdlog::level::err},   {"FATAL", spdlog::level::critical}};
  return levels;
}

std::string KafkaLevelName(spdlog::level::level_enum level) {
  if (level == spdlog::level::off) return "OFF";
  for (const auto& [name, l] : Levels()) {
    if (l == level) return name;
  }
  return "INFO";
}

std::optional<spdlog::level::level_enum> ParseLevel(const std::string& name) {
  std::string upper = name;
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
  for (const auto& [n, l] : Levels()) {
    if (n == upper) return l;
  }
  return std::nullopt;
}

std::shared_ptr<spdlog::logger> Find(const std::string& name) {
  if (name == kRootLoggerName) return spdlog::default_logger();
  if (name == kRequestLoggerName) RequestLogger();  // exists from the first lookup on
  return spdlog::get(name);
}

}  // namespace

spdlog::logger& RequestLogger() {
  static const std::shared_ptr<spdlog::logger> logger = [] {
    if (auto existing = spdlog::get(kRequestLoggerName)) return existing;
    auto sinks = spdlog::default_logger()->sinks();
    auto l = std::make_shared<spdlog::logger>(kRequestLoggerName, sinks.begin(), sinks.end());
    l->set_level(spdlog::level::warn);
    spdlog::register_logger(l);
    return l;
  }();
  return *logger;
}

std::vector<std::pair<std::string, std::string>> DescribeBrokerLoggers() {
  RequestLogger();
  std::vector<std::pair<std::string, std::string>> out;
  // apply_all holds spdlog's registry lock: the callback must not call back into the registry.
  const auto root = spdlog::default_logger();
  spdlog::apply_all([&out, &root](const std::shared_ptr<spdlog::logger>& l) {
    if (l == root || l->name().empty()) return;
    out.emplace_back(l->name(), KafkaLevelName(l->level()));
  });
  std::sort(out.begin(), out.end());
  out.insert(out.begin(), {kRootLoggerName, KafkaLevelName(root->level())});
  return out;
}

Status ValidateLoggerChange(const std::string& logger, const std::optional<std::string>& level) {
  if (!Find(logger)) return Status::InvalidArgument("Logger " + logger + " does not exist!");
  if (!level) {
    if (logger == kRootLoggerName) {
      return Status::Unsupported("Removing the log level of the root logger is not allowed");
    }
    return Status::Ok();
  }
  if (!ParseLevel(*level)) {
    return Status::InvalidArgument("Cannot set the log level of " + logger + " to " + *level +
                                   " as it is not a supported log level. Valid log levels are TRACE, DEBUG, INFO, "
                                   "WARN, ERROR, FATAL");
  }
  return Status::Ok();
}

void ApplyLoggerChange(const std::string& logger, const std::optional<std::string>& level) {
  auto l = Find(logger);
  if (!l) return;
  const auto parsed = level ? ParseLevel(*level) : std::optional(spdlog::default_logger()->level());
  if (!parsed) return;
  l->set_level(*parsed);
  spdlog::info("log level of {} set to {}", logger, KafkaLevelName(*parsed));
}

}  // namespace partita::broker
