// Kafka's ACL rule (AclAuthorizer): literal, wildcard and prefixed resources, implied operations, DENY over
// ALLOW, host and principal wildcards, super.users, allow.everyone.if.no.acl.found; and the ZooKeeper JSON of
// one resource's ACLs in Kafka's form.
#include <QtTest>

#include "engine/security/acl.h"

using namespace partita;
using namespace partita::security;

namespace {

AclBinding Topic(const std::string& name, AclPatternType pattern, const std::string& principal, AclOperation op,
                 AclPermission permission = AclPermission::kAllow, const std::string& host = "*") {
  return {AclResourceType::kTopic, name, pattern, {principal, host, op, permission}};
}

}  // namespace

class TestAcl : public QObject {
  Q_OBJECT
 private slots:
  void noAclMeansDeniedUnlessAllowEveryone() {
    AclAuthorizer strict({});
    QVERIFY(!strict.Authorize("User:alice", "127.0.0.1", AclOperation::kRead, AclResourceType::kTopic, "t"));
    AclAuthorizer open({{}, true});
    QVERIFY(open.Authorize("User:alice", "127.0.0.1", AclOperation::kRead, AclResourceType::kTopic, "t"));
    // With an ACL on the resource, allow.everyone no longer applies to others.
    open.ReplaceAll({Topic("t", AclPatternType::kLiteral, "User:bob", AclOperation::kRead)});
    QVERIFY(!open.Authorize("User:alice", "127.0.0.1", AclOperation::kRead, AclResourceType::kTopic, "t"));
    QVERIFY(open.Authorize("User:alice", "127.0.0.1", AclOperation::kRead, AclResourceType::kTopic, "other"));
  }

  void superUsersBypassAcls() {
    AclAuthorizer a({ParseSuperUsers("User:admin; User:broker"), false});
    a.ReplaceAll({Topic("t", AclPatternType::kLiteral, "User:*", AclOperation::kAll, AclPermission::kDeny)});
    QVERIFY(a.Authorize("User:broker", "h", AclOperation::kClusterAction, AclResourceType::kCluster,
                        std::string(kClusterResourceName)));
    QVERIFY(a.Authorize("User:admin", "h", AclOperation::kWrite, AclResourceType::kTopic, "t"));
  }

  void impliedOperations() {
    AclAuthorizer a({});
    a.ReplaceAll({Topic("t", AclPatternType::kLiteral, "User:alice", AclOperation::kWrite),
                  {AclResourceType::kCluster, std::string(kClusterResourceName), AclPatternType::kLiteral,
                   {"User:alice", "*", AclOperation::kAlterConfigs, AclPermission::kAllow}}});
    QVERIFY(a.Authorize("User:alice", "h", AclOperation::kWrite, AclResourceType::kTopic, "t"));
    QVERIFY(a.Authorize("User:alice", "h", AclOperation::kDescribe, AclResourceType::kTopic, "t"));
    QVERIFY(!a.Authorize("User:alice", "h", AclOperation::kRead, AclResourceType::kTopic, "t"));
    QVERIFY(a.Authorize("User:alice", "h", AclOperation::kDescribeConfigs, AclResourceType::kCluster,
                        std::string(kClusterResourceName)));
    QVERIFY(!a.Authorize("User:alice", "h", AclOperation::kDescribe, AclResourceType::kCluster,
                         std::string(kClusterResourceName)));
  }

  void denyOverridesAllowAndHostsMatch() {
    AclAuthorizer a({});
    a.ReplaceAll({Topic("*", AclPatternType::kLiteral, "User:*", AclOperation::kAll),
                  Topic("secret", AclPatternType::kLiteral, "User:alice", AclOperation::kRead, AclPermission::kDeny,
                        "10.0.0.9")});
    QVERIFY(a.Authorize("User:alice", "127.0.0.1", AclOperation::kRead, AclResourceType::kTopic, "secret"));
    QVERIFY(!a.Authorize("User:alice", "10.0.0.9", AclOperation::kRead, AclResourceType::kTopic, "secret"));
    QVERIFY(a.Authorize("User:alice", "10.0.0.9", AclOperation::kRead, AclResourceType::kTopic, "public"));
    QVERIFY(!a.Authorize("User:alice", "h", AclOperation::kRead, AclResourceType::kGroup, "public"));
  }

  void prefixedAcls() {
    AclAuthorizer a({});
    a.ReplaceAll({Topic("orders-", AclPatternType::kPrefixed, "User:alice", AclOperation::kRead)});
    QVERIFY(a.Authorize("User:alice", "h", AclOperation::kRead, AclResourceType::kTopic, "orders-eu"));
    QVERIFY(a.Authorize("User:alice", "h", AclOperation::kRead, AclResourceType::kTopic, "orders-"));
    QVERIFY(!a.Authorize("User:alice", "h", AclOperation::kRead, AclResourceType::kTopic, "order"));
    QVERIFY(!a.Authorize("User:bob", "h", AclOperation::kRead, AclResourceType::kTopic, "orders-eu"));
  }

  void znodeJsonIsKafkas() {
    std::vector<AclEntry> entries = {{"User:alice", "*", AclOperation::kDescribeConfigs, AclPermission::kAllow},
                                     {"User:bob", "10.0.0.1", AclOperation::kWrite, AclPermission::kDeny}};
    const std::string json = EncodeAclZnode(entries);
    QVERIFY(json.find("\"operation\":\"DescribeConfigs\"") != std::string::npos);
    QVERIFY(json.find("\"permissionType\":\"Deny\"") != std::string::npos);
    auto back = DecodeAclZnode(json);
    QVERIFY(back.ok());
    QVERIFY(*back == entries);
    // Written by Kafka itself:
    auto kafka = DecodeAclZnode(R"({"version":1,"acls":[{"principal":"User:carol","permissionType":"Allow",
                                    "operation":"IdempotentWrite","host":"*"}]})");
    QVERIFY(kafka.ok() && kafka->size() == 1 && (*kafka)[0].operation == AclOperation::kIdempotentWrite);
    QVERIFY(!DecodeAclZnode("{}").ok());
    QVERIFY(!DecodeAclZnode(R"({"version":1,"acls":[{"principal":"User:a","host":"*","operation":"Fly",
                                "permissionType":"Allow"}]})").ok());
    QCOMPARE(AclOperationFromName("DESCRIBE_CONFIGS").value(), AclOperation::kDescribeConfigs);
    QCOMPARE(AclResourceTypeFromName("transactional-id").value(), AclResourceType::kTransactionalId);
  }
};

QTEST_GUILESS_MAIN(TestAcl)
#include "test_acl.moc"
