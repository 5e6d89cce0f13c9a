#include "engine/broker/handlers/client_quota_handlers.h"

#include <spdlog/spdlog.h>

#include <cmath>
#include <set>

#include "engine/broker/broker.h"
#include "engine/broker/client_quota_store.h"

namespace partita::broker {

using protocol::ErrorCode;
using protocol::Wire;

namespace {

constexpr const char* kUserType = "user";         // Kafka's ClientQuotaEntity.USER
constexpr const char* kClientIdType = "client-id";  // ClientQuotaEntity.CLIENT_ID
constexpr const char* kIpType = "ip";               // ClientQuotaEntity.IP (KIP-612)

constexpr int8_t kMatchExact = 0;
constexpr int8_t kMatchDefault = 1;
constexpr int8_t kMatchAny = 2;

QuotaEntityPart PartOf(const std::optional<std::string>& name) {
  return name ? QuotaEntityPart::Named(*name) : QuotaEntityPart::Default();
}

template <class EntityList>
void AppendEntity(const QuotaEntity& e, EntityList* out) {
  auto add = [&](const char* type, const QuotaEntityPart& part) {
    if (!part.present()) return;
    auto& d = out->emplace_back();
    d.entity_type = type;
    if (part.kind == QuotaEntityPart::Kind::kName) d.entity_name = part.name;
  };
  add(kUserType, e.user);
  add(kClientIdType, e.client_id);
}

// One filter component checked and applied to one part of an entity.
struct PartFilter {
  bool named = false;  // the filter has a component of this type
  int8_t match_type = kMatchAny;
  std::string match;
  bool Matches(const QuotaEntityPart& part, bool strict) const {
    if (!named) return !strict || !part.present();
    switch (match_type) {
      case kMatchExact:
        return part.kind == QuotaEntityPart::Kind::kName && part.name == match;
      case kMatchDefault:
        return part.kind == QuotaEntityPart::Kind::kDefault;
      default:
        return part.present();
    }
  }
};

// Fills `user` / `client` from the request's components; an error message for an invalid filter.
std::string ParseFilter(const protocol::DescribeClientQuotasRequest& request, PartFilter* user, PartFilter* client) {
  for (const auto& c : request.components) {
    PartFilter* f = c.entity_type == kUserType ? user : c.entity_type == kClientIdType ? client : nullptr;
    if (c.entity_type == kIpType) return "IP quotas (KIP-612) are not supported by Partita";
    if (!f) return "Unexpected quota entity type " + c.entity_type;
    if (f->named) return "Duplicate " + c.entity_type + " filter component entity type";
    f->named = true;
    f->match_type = c.match_type;
    if (c.match_type == kMatchExact) {
      if (!c.match) return "Exact match of " + c.entity_type + " requires a name";
      f->match = *c.match;
    } else if (c.match_type != kMatchDefault && c.match_type != kMatchAny) {
      return "Unknown match type " + std::to_string(c.match_type);
    }
  }
  return "";
}

}  // namespace

void DescribeClientQuotasHandler::Process(const RequestContext& ctx,
                                          const protocol::DescribeClientQuotasRequest& request, Done done) {
  protocol::DescribeClientQuotasResponse response;
  PartFilter user, client;
  if (std::string error = ParseFilter(request, &user, &client); !error.empty()) {
    response.error_code = Wire(ErrorCode::kInvalidRequest);
    response.error_message = error;
    response.entries.reset();
    return done(std::move(response));
  }
  auto quotas = LoadClientQuotas(ctx.broker->zk());
  if (!quotas.ok()) {
    response.error_code = Wire(ErrorCode::kUnknownServerError);
    response.error_message = "reading client quotas from ZooKeeper failed: " + quotas.status().message();
    response.entries.reset();
    return done(std::move(response));
  }
  response.entries.emplace();
  for (const auto& [entity, values] : *quotas) {
    if (!user.Matches(entity.user, request.strict) || !client.Matches(entity.client_id, request.strict)) continue;
    auto& entry = response.entries->emplace_back();
    AppendEntity(entity, &entry.entity);
    for (const auto& [key, value] : values) entry.values.push_back({key, value});
  }
  done(std::move(response));
}

namespace {

// The entity of one alteration entry, or an error message.
std::string ParseEntity(const protocol::AlterClientQuotasRequest::Entry& entry, QuotaEntity* out) {
  for (const auto& e : entry.entity) {
    QuotaEntityPart* part = e.entity_type == kUserType ? &out->user
                            : e.entity_type == kClientIdType ? &out->client_id
                                                             : nullptr;
    if (e.entity_type == kIpType) return "IP quotas (KIP-612) are not supported by Partita";
    if (!part) return "Unexpected quota entity type " + e.entity_type;
    if (part->present()) return "Duplicate " + e.entity_type + " entity type";
    if (e.entity_name && e.entity_name->empty()) return "Empty " + e.entity_type + " name (use the default entity)";
    *part = PartOf(e.entity_name);
  }
  if (!out->user.present() && !out->client_id.present()) return "Invalid empty client quota entity";
  return "";
}

std::string ParseOps(const protocol::AlterClientQuotasRequest::Entry& entry, std::vector<QuotaAlteration>* out) {
  std::set<std::string> seen;
  for (const auto& op : entry.ops) {
    if (!seen.insert(op.key).second) return "Duplicate quota key " + op.key;
    if (!IsClientQuotaKey(op.key)) return "Invalid configuration key " + op.key;
    if (!op.remove) {
      if (op.key == kControllerMutationRate) {
        // Refused rather than stored: a quota Partita would not enforce must not look set (KIP-599 throttles
        // topic mutations on the KRaft/ZK controller; Partita's controller has no such limiter).
        return op.key + " quotas are not enforced by Partita";
      }
      if (!std::isfinite(op.value)) return "Configuration " + op.key + " must be a number";
      // Kafka's ZkAdminManager: byte rates are LONG configs, so the double must be a whole number;
      // request_percentage (KIP-124) is a DOUBLE.
      if (op.key != kRequestPercentage && std::fabs(op.value - std::round(op.value)) > 1e-6) {
        return "Configuration " + op.key + " must be a Long value";
      }
      if (op.value <= 0) return "Configuration " + op.key + " must be positive";
    }
    const double value = op.remove ? 0 : op.key == kRequestPercentage ? op.value : std::round(op.value);
    out->push_back({op.key, value, op.remove});
  }
  return "";
}

}  // namespace

void AlterClientQuotasHandler::Process(const RequestContext& ctx, const protocol::AlterClientQuotasRequest& request,
                                       Done done) {
  protocol::AlterClientQuotasResponse response;
  for (const auto& entry : request.entries) {
    auto& out = response.entries.emplace_back();
    for (const auto& e : entry.entity) out.entity.push_back({e.entity_type, e.entity_name});
    QuotaEntity entity;
    std::vector<QuotaAlteration> ops;
    std::string error = ParseEntity(entry, &entity);
    if (error.empty()) error = ParseOps(entry, &ops);
    if (!error.empty()) {
      out.error_code = Wire(ErrorCode::kInvalidRequest);
      out.error_message = error;
      continue;
    }
    if (request.validate_only || ops.empty()) continue;
    Status st = AlterClientQuota(ctx.broker->zk(), entity, ops);
    if (!st.ok()) {
      out.error_code = Wire(ErrorCode::kUnknownServerError);
      out.error_message = "writing the quota to ZooKeeper failed: " + st.message();
      continue;
    }
    spdlog::info("client quotas of {} altered by {}: {} key(s)", entity.Describe(), ctx.conn.principal, ops.size());
  }
  done(std::move(response));
}

}  // namespace partita::broker
