#include "engine/client/admin_scram.h"

#include "engine/protocol/messages/scram_credentials.h"

namespace partita::client {

Result<std::vector<UserScramCredentialsInfo>> DescribeUserScramCredentials(ClusterClient& client,
                                                                           const std::vector<std::string>& users) {
  protocol::DescribeUserScramCredentialsRequest req;
  if (!users.empty()) {
    req.users.emplace();
    for (const auto& u : users) req.users->push_back({u});
  }
  auto resp = client.SendToAny<protocol::DescribeUserScramCredentialsRequest,
                               protocol::DescribeUserScramCredentialsResponse>(req);
  if (!resp.ok()) return resp.status();
  if (resp->error_code != 0) {
    return KafkaError(resp->error_code, "DescribeUserScramCredentials", resp->error_message);
  }
  std::vector<UserScramCredentialsInfo> out;
  for (const auto& r : resp->results) {
    UserScramCredentialsInfo info;
    info.user = r.user;
    if (r.error_code != 0) info.status = KafkaError(r.error_code, "user " + r.user, r.error_message);
    for (const auto& c : r.credential_infos) {
      if (auto m = security::ScramMechanismFromWire(c.mechanism)) info.credentials.push_back({*m, c.iterations});
    }
    out.push_back(std::move(info));
  }
  return out;
}

Result<std::vector<ItemStatus>> AlterUserScramCredentials(ClusterClient& client,
                                                          const std::vector<ScramCredentialChange>& changes) {
  protocol::AlterUserScramCredentialsRequest req;
  for (const auto& c : changes) {
    if (!c.password) {
      req.deletions.push_back({c.user, static_cast<int8_t>(c.mechanism)});
      continue;
    }
    // KIP-554: the client salts; a broker never sees the password.
    const std::string salt = security::RandomBytes(32);
    const std::string salted = security::ScramSaltedPassword(c.mechanism, *c.password, salt, c.iterations);
    auto& u = req.upsertions.emplace_back();
    u.name = c.user;
    u.mechanism = static_cast<int8_t>(c.mechanism);
    u.iterations = c.iterations;
    u.salt.assign(salt.begin(), salt.end());
    u.salted_password.assign(salted.begin(), salted.end());
  }
  auto resp = client.SendToAny<protocol::AlterUserScramCredentialsRequest,
                               protocol::AlterUserScramCredentialsResponse>(req);
  if (!resp.ok()) return resp.status();
  std::vector<ItemStatus> out;
  for (const auto& r : resp->results) {
    out.push_back({r.user, r.error_code == 0 ? Status::Ok()
                                             : KafkaError(r.error_code, "user " + r.user, r.error_message)});
  }
  return out;
}

}  // namespace partita::client
