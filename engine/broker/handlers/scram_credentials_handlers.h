// DescribeUserScramCredentials (50) and AlterUserScramCredentials (51), KIP-554, as Kafka's ZK-mode
// ZkAdminManager serves them: any broker reads or writes /config/users/<user> itself, and the write's
// /config/changes notification makes every broker reload its SCRAM credentials.
//  - Describe: a null or empty user list describes every user with a credential; an unknown user is
//    RESOURCE_NOT_FOUND, a user named twice DUPLICATE_RESOURCE. Only mechanisms and iterations are returned.
//  - Alter: results per user; a user whose request has any problem (empty name, unknown mechanism, the same
//    user and mechanism twice, iterations outside Kafka's 4096..16384, an empty salt or salted password, deleting
//    a credential that does not exist) changes nothing and gets the first problem's error. The client sends the
//    salted password, never the password; the broker stores only StoredKey and ServerKey.
// Thread safety: Process blocks on ZooKeeper round trips (admin requests are rare), on a network thread.
#pragma once

#include "engine/broker/handler.h"
#include "engine/protocol/messages/scram_credentials.h"

namespace partita::broker {

class DescribeUserScramCredentialsHandler
    : public ApiHandler<protocol::DescribeUserScramCredentialsRequest,
                        protocol::DescribeUserScramCredentialsResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::DescribeUserScramCredentialsRequest& request,
               Done done) override;
};

class AlterUserScramCredentialsHandler
    : public ApiHandler<protocol::AlterUserScramCredentialsRequest, protocol::AlterUserScramCredentialsResponse> {
 protected:
  void Process(const RequestContext& ctx, const protocol::AlterUserScramCredentialsRequest& request,
               Done done) override;
};

}  // namespace partita::broker
