#include "engine/broker/handlers/scram_credentials_handlers.h"

#include <spdlog/spdlog.h>

#include <map>
#include <set>

#include "engine/broker/handlers/authorize.h"
#include "engine/broker/broker.h"
#include "engine/broker/user_scram_credentials.h"

namespace partita::broker {

using security::AclOperation;
using protocol::ErrorCode;
using protocol::Wire;

void DescribeUserScramCredentialsHandler::Process(const RequestContext& ctx,
                                                  const protocol::DescribeUserScramCredentialsRequest& request,
                                                  Done done) {
  protocol::DescribeUserScramCredentialsResponse response;
  if (!AuthorizedCluster(ctx, AclOperation::kDescribe)) {
    response.error_code = Wire(ErrorCode::kClusterAuthorizationFailed);
    response.error_message = "Cluster authorization failed.";
    return done(std::move(response));
  }
  auto stored = LoadUserScramCredentials(ctx.broker->zk());
  if (!stored.ok()) {
    response.error_code = Wire(ErrorCode::kUnknownServerError);
    response.error_message = "reading /config/users failed: " + stored.status().message();
    done(std::move(response));
    return;
  }
  auto describe = [&](const std::string& user, const std::map<security::ScramMechanism, security::ScramCredential>&
                                                   credentials) {
    auto& r = response.results.emplace_back();
    r.user = user;
    for (const auto& [mechanism, credential] : credentials) {
      r.credential_infos.push_back({static_cast<int8_t>(mechanism), credential.iterations});
    }
  };
  if (!request.users || request.users->empty()) {
    for (const auto& [user, credentials] : *stored) describe(user, credentials);
    done(std::move(response));
    return;
  }
  std::multiset<std::string> named;
  for (const auto& u : *request.users) named.insert(u.name);
  std::set<std::string> answered;
  for (const auto& u : *request.users) {
    if (!answered.insert(u.name).second) continue;
    if (named.count(u.name) > 1) {
      auto& r = response.results.emplace_back();
      r.user = u.name;
      r.error_code = Wire(ErrorCode::kDuplicateResource);
      r.error_message = "Cannot describe SCRAM credentials for the same user twice in a single request: " + u.name;
      continue;
    }
    auto it = stored->find(u.name);
    if (it == stored->end()) {
      auto& r = response.results.emplace_back();
      r.user = u.name;
      r.error_code = Wire(ErrorCode::kResourceNotFound);
      r.error_message = "Attempt to describe a user credential that does not exist: " + u.name;
      continue;
    }
    describe(it->first, it->second);
  }
  done(std::move(response));
}

namespace {

struct UserChanges {
  std::vector<ScramUpsert> upserts;
  std::vector<ScramDeletion> deletions;
  ErrorCode error = ErrorCode::kNone;
  std::string message;
  void Refuse(ErrorCode e, std::string why) {
    if (error != ErrorCode::kNone) return;  // the first problem is reported
    error = e;
    message = std::move(why);
  }
};

}  // namespace

void AlterUserScramCredentialsHandler::Process(const RequestContext& ctx,
                                               const protocol::AlterUserScramCredentialsRequest& request, Done done) {
  std::map<std::string, UserChanges> users;
  std::vector<std::string> order;  // answer in the order users first appear
  const bool alter_authorized = AuthorizedCluster(ctx, AclOperation::kAlter);
  std::multiset<std::pair<std::string, int8_t>> seen;
  for (const auto& d : request.deletions) seen.insert({d.name, d.mechanism});
  for (const auto& u : request.upsertions) seen.insert({u.name, u.mechanism});
  auto entry = [&](const std::string& name) -> UserChanges& {
    if (!users.count(name)) order.push_back(name);
    return users[name];
  };
  auto common_checks = [&](UserChanges& c, const std::string& name, int8_t mechanism) {
    if (name.empty()) c.Refuse(ErrorCode::kUnacceptableCredential, "Username must not be empty");
    if (!security::ScramMechanismFromWire(mechanism)) {
      c.Refuse(ErrorCode::kUnsupportedSaslMechanism, "Unknown SCRAM mechanism " + std::to_string(mechanism));
    }
    if (seen.count({name, mechanism}) > 1) {
      c.Refuse(ErrorCode::kDuplicateResource, "A user credential cannot be altered twice in the same request");
    }
  };
  auto stored = LoadUserScramCredentials(ctx.broker->zk());
  for (const auto& d : request.deletions) {
    UserChanges& c = entry(d.name);
    common_checks(c, d.name, d.mechanism);
    auto m = security::ScramMechanismFromWire(d.mechanism);
    if (!m) continue;
    const bool exists = stored.ok() && stored->count(d.name) && stored->at(d.name).count(*m);
    if (stored.ok() && !exists) {
      c.Refuse(ErrorCode::kResourceNotFound, "Attempt to delete a user credential that does not exist");
    }
    c.deletions.push_back({d.name, *m});
  }
  for (const auto& u : request.upsertions) {
    UserChanges& c = entry(u.name);
    common_checks(c, u.name, u.mechanism);
    // Kafka's ScramMechanism bounds (KIP-554): fewer iterations weaken the hash, more burn the broker's CPU.
    if (u.iterations < security::kScramMinIterations) {
      c.Refuse(ErrorCode::kUnacceptableCredential, "Too few iterations: " + std::to_string(u.iterations) +
                                                       " (minimum " + std::to_string(security::kScramMinIterations) + ")");
    } else if (u.iterations > security::kScramMaxIterations) {
      c.Refuse(ErrorCode::kUnacceptableCredential, "Too many iterations: " + std::to_string(u.iterations) +
                                                       " (maximum " + std::to_string(security::kScramMaxIterations) + ")");
    }
    if (u.salt.empty()) c.Refuse(ErrorCode::kUnacceptableCredential, "Salt must not be empty");
    if (u.salted_password.empty()) c.Refuse(ErrorCode::kUnacceptableCredential, "Salted password must not be empty");
    auto m = security::ScramMechanismFromWire(u.mechanism);
    if (!m) continue;
    const std::string salt(u.salt.begin(), u.salt.end());
    const std::string salted(u.salted_password.begin(), u.salted_password.end());
    c.upserts.push_back({u.name, *m, security::ScramCredentialFromSaltedPassword(*m, salt, salted, u.iterations)});
  }
  protocol::AlterUserScramCredentialsResponse response;
  for (const std::string& name : order) {
    UserChanges& c = users[name];
    auto& r = response.results.emplace_back();
    r.user = name;
    if (!alter_authorized) {  // Kafka answers every user so, whatever else is wrong with the request
      c = UserChanges{};
      c.Refuse(ErrorCode::kClusterAuthorizationFailed, "Cluster authorization failed.");
    }
    if (c.error == ErrorCode::kNone && !stored.ok()) {
      c.Refuse(ErrorCode::kUnknownServerError, "reading /config/users failed: " + stored.status().message());
    }
    if (c.error == ErrorCode::kNone) {
      Status st = AlterUserScramCredentials(ctx.broker->zk(), name, c.upserts, c.deletions);
      if (!st.ok()) c.Refuse(ErrorCode::kUnknownServerError, "writing /config/users failed: " + st.message());
    }
    r.error_code = Wire(c.error);
    if (c.error != ErrorCode::kNone) {
      r.error_message = c.message;
    } else {
      // Names and counts only: a credential, even salted, never reaches the log.
      spdlog::info("SCRAM credentials of user '{}' altered by {}: {} upserted, {} deleted", name, ctx.conn.principal,
                   c.upserts.size(), c.deletions.size());
    }
  }
  done(std::move(response));
}

}  // namespace partita::broker
