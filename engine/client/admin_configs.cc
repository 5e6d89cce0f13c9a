// ClusterClient configs: DescribeConfigs, IncrementalAlterConfigs and AlterConfigs. A broker resource goes to
// that broker (its own view of its config); a topic resource to any broker. The cluster-wide broker default
// (empty name) goes to any broker.
#include <cstdlib>

#include "engine/client/cluster_client.h"
#include "engine/protocol/messages/alter_configs.h"
#include "engine/protocol/messages/describe_configs.h"
#include "engine/protocol/messages/incremental_alter_configs.h"

namespace partita::client {

namespace {

std::string DescribeResource(const ConfigResource& r) {
  switch (r.type) {
    case ConfigResourceType::kTopic: return "topic '" + r.name + "'";
    case ConfigResourceType::kBroker: return r.name.empty() ? "default broker config" : "broker " + r.name;
    case ConfigResourceType::kBrokerLogger: return "broker logger " + r.name;
  }
  return r.name;
}

// The broker a broker resource names, or -1 for "any broker".
Result<int32_t> TargetBroker(const ConfigResource& r) {
  if (r.type == ConfigResourceType::kTopic || r.name.empty()) return -1;
  char* end = nullptr;
  long id = std::strtol(r.name.c_str(), &end, 10);
  if (*end != 0 || id < 0 || id > INT32_MAX) {
    return Status::InvalidArgument("broker config entity name '" + r.name + "' is not a broker id");
  }
  return static_cast<int32_t>(id);
}

}  // namespace

Result<std::vector<ConfigEntry>> ClusterClient::DescribeConfigs(const ConfigResource& resource,
                                                                const std::vector<std::string>& keys) {
  auto target = TargetBroker(resource);
  if (!target.ok()) return target.status();
  protocol::DescribeConfigsRequest req;
  protocol::DescribeConfigsRequest::Resource res;
  res.resource_type = static_cast<int8_t>(resource.type);
  res.resource_name = resource.name;
  if (!keys.empty()) res.configuration_keys = keys;
  req.resources.push_back(res);
  req.include_synonyms = true;
  std::lock_guard<std::recursive_mutex> lock(mu_);
  int16_t version = 0;
  Result<protocol::DescribeConfigsResponse> resp = Status::Unavailable("unreachable");
  std::string where;
  {
    auto conn = *target >= 0 ? ConnectionTo(*target) : AnyConnection();
    if (!conn.ok()) return conn.status();
    where = (*conn)->peer();
    resp = (*conn)->Send<protocol::DescribeConfigsRequest, protocol::DescribeConfigsResponse>(req, kPickVersion,
                                                                                               &version);
  }
  if (!resp.ok()) return resp.status();
  if (*target >= 0) where = DescribeBroker(*target);
  for (const auto& r : resp->results) {
    PARTITA_RETURN_IF_ERROR(
        KafkaError(r.error_code, "DescribeConfigs " + DescribeResource(resource) + " on " + where, r.error_message));
    std::vector<ConfigEntry> out;
    for (const auto& c : r.configs) {
      ConfigEntry e;
      e.name = c.name;
      e.value = c.value;
      e.read_only = c.read_only;
      e.is_sensitive = c.is_sensitive;
      if (version == 0) {
        e.is_default = c.is_default;
        e.source = c.is_default ? static_cast<int8_t>(ConfigSource::kDefaultConfig)
                                : static_cast<int8_t>(resource.type == ConfigResourceType::kTopic
                                                          ? ConfigSource::kDynamicTopicConfig
                                                          : ConfigSource::kStaticBrokerConfig);
      } else {
        e.source = c.config_source;
        e.is_default = c.config_source == static_cast<int8_t>(ConfigSource::kDefaultConfig);
      }
      for (const auto& s : c.synonyms) e.synonyms.push_back({s.name, s.value, s.source});
      out.push_back(std::move(e));
    }
    return out;
  }
  return Status::Corruption("DescribeConfigs answer from " + where + " has no result for " +
                            DescribeResource(resource));
}

namespace {

// Sends an alter request (either kind) to where the resource lives and checks the per-resource result.
template <class Req, class Resp>
Status SendAlter(ClusterClient& client, const ConfigResource& resource, const Req& req, const char* api) {
  auto target = TargetBroker(resource);
  if (!target.ok()) return target.status();
  auto resp = *target >= 0 ? client.SendToBroker<Req, Resp>(*target, req) : client.SendToAny<Req, Resp>(req);
  const std::string where = *target >= 0 ? client.DescribeBroker(*target) : std::string("the cluster");
  if (!resp.ok()) return resp.status();
  for (const auto& r : resp->responses) {
    PARTITA_RETURN_IF_ERROR(
        KafkaError(r.error_code, std::string(api) + " " + DescribeResource(resource) + " on " + where,
                   r.error_message));
  }
  if (resp->responses.empty()) {
    return Status::Corruption(std::string(api) + " answer has no result for " + DescribeResource(resource));
  }
  return Status::Ok();
}

}  // namespace

Status ClusterClient::IncrementalAlterConfigs(const ConfigResource& resource, const std::vector<ConfigOp>& ops,
                                              bool validate_only) {
  protocol::IncrementalAlterConfigsRequest req;
  req.validate_only = validate_only;
  protocol::IncrementalAlterConfigsRequest::Resource res;
  res.resource_type = static_cast<int8_t>(resource.type);
  res.resource_name = resource.name;
  for (const auto& op : ops) res.configs.push_back({op.name, static_cast<int8_t>(op.type), op.value});
  req.resources.push_back(std::move(res));
  return SendAlter<protocol::IncrementalAlterConfigsRequest, protocol::IncrementalAlterConfigsResponse>(
      *this, resource, req, "IncrementalAlterConfigs");
}

Status ClusterClient::AlterConfigs(const ConfigResource& resource,
                                   const std::vector<std::pair<std::string, std::string>>& configs,
                                   bool validate_only) {
  protocol::AlterConfigsRequest req;
  req.validate_only = validate_only;
  protocol::AlterConfigsRequest::Resource res;
  res.resource_type = static_cast<int8_t>(resource.type);
  res.resource_name = resource.name;
  for (const auto& [k, v] : configs) res.configs.push_back({k, v});
  req.resources.push_back(std::move(res));
  return SendAlter<protocol::AlterConfigsRequest, protocol::AlterConfigsResponse>(*this, resource, req,
                                                                                 "AlterConfigs");
}

}  // namespace partita::client
