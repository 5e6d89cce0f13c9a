// Kafka's ACL rule (AclAuthorizer): literal, wildcard and prefixed resources, implied operations, DENY over
// ALLOW, host and principal wildcards, super.users, allow.everyone.if.no.acl.found; and the ZooKeeper JSON of
// one resource's ACLs in Kafka's form.
#include <QtTest>

#include <atomic>
#include <chrono>
#include <thread>

#include "engine/security/acl.h"
#include "engine/security/authorizer.h"
#include "engine/security/authorized_operations.h"

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

  // DescribeAcls / DeleteAcls filters (Kafka's AclBindingFilter): ANY, MATCH and exact patterns.
  void filtersMatchAsKafkas() {
    const AclBinding literal = Topic("orders", AclPatternType::kLiteral, "User:alice", AclOperation::kRead);
    const AclBinding wildcard = Topic("*", AclPatternType::kLiteral, "User:bob", AclOperation::kWrite);
    const AclBinding prefixed = Topic("ord", AclPatternType::kPrefixed, "User:bob", AclOperation::kRead);
    AclBindingFilter any;
    QVERIFY(FilterMatches(any, literal) && FilterMatches(any, wildcard) && FilterMatches(any, prefixed));
    AclBindingFilter match;
    match.resource_type = AclResourceType::kTopic;
    match.resource_name = "orders";
    match.pattern_type = AclPatternType::kMatch;
    QVERIFY(FilterMatches(match, literal) && FilterMatches(match, wildcard) && FilterMatches(match, prefixed));
    match.resource_name = "other";
    QVERIFY(!FilterMatches(match, literal) && FilterMatches(match, wildcard) && !FilterMatches(match, prefixed));
    AclBindingFilter exact;
    exact.resource_name = "orders";
    exact.pattern_type = AclPatternType::kLiteral;
    QVERIFY(FilterMatches(exact, literal) && !FilterMatches(exact, wildcard) && !FilterMatches(exact, prefixed));
    exact.principal = "User:bob";
    QVERIFY(!FilterMatches(exact, literal));
    AclBindingFilter group_only;
    group_only.resource_type = AclResourceType::kGroup;
    QVERIFY(!FilterMatches(group_only, literal));
    AclBindingFilter deny_only;
    deny_only.permission = AclPermission::kDeny;
    QVERIFY(!FilterMatches(deny_only, literal));
  }

  void creationValidation() {
    QCOMPARE(AclBindingProblem(Topic("t", AclPatternType::kLiteral, "User:a", AclOperation::kRead)), std::string());
    QVERIFY(!AclBindingProblem(Topic("t", AclPatternType::kMatch, "User:a", AclOperation::kRead)).empty());
    QVERIFY(!AclBindingProblem(Topic("t", AclPatternType::kLiteral, "alice", AclOperation::kRead)).empty());
    QVERIFY(!AclBindingProblem(Topic("t", AclPatternType::kLiteral, "User:a", AclOperation::kAny)).empty());
    QVERIFY(!AclBindingProblem(Topic("", AclPatternType::kLiteral, "User:a", AclOperation::kRead)).empty());
    QVERIFY(!AclBindingProblem(Topic("a/b", AclPatternType::kLiteral, "User:a", AclOperation::kRead)).empty());
    QVERIFY(!AclBindingProblem({AclResourceType::kCluster, "c", AclPatternType::kLiteral,
                                {"User:a", "*", AclOperation::kAlter, AclPermission::kAllow}})
                 .empty());
    QVERIFY(!AclBindingProblem({static_cast<AclResourceType>(42), "t", AclPatternType::kLiteral,
                                {"User:a", "*", AclOperation::kRead, AclPermission::kAllow}})
                 .empty());
    QVERIFY(IsKafkaAclAuthorizerClass("kafka.security.authorizer.AclAuthorizer"));
    QVERIFY(IsKafkaAclAuthorizerClass("kafka.security.auth.SimpleAclAuthorizer"));
    QVERIFY(!IsKafkaAclAuthorizerClass("org.example.Other"));
  }

  // KIP-679's authorizeByResourceType, as InitProducerId uses it for idempotent producers.
  void authorizeAnyOfType() {
    AclAuthorizer a({});
    QVERIFY(!a.AuthorizeAnyOfType("User:alice", "h", AclOperation::kWrite, AclResourceType::kTopic));
    a.ReplaceAll({Topic("t", AclPatternType::kLiteral, "User:alice", AclOperation::kWrite)});
    QVERIFY(a.AuthorizeAnyOfType("User:alice", "h", AclOperation::kWrite, AclResourceType::kTopic));
    QVERIFY(!a.AuthorizeAnyOfType("User:bob", "h", AclOperation::kWrite, AclResourceType::kTopic));
    a.ReplaceAll({Topic("t", AclPatternType::kLiteral, "User:alice", AclOperation::kWrite),
                  Topic("*", AclPatternType::kLiteral, "User:alice", AclOperation::kWrite, AclPermission::kDeny)});
    QVERIFY(!a.AuthorizeAnyOfType("User:alice", "h", AclOperation::kWrite, AclResourceType::kTopic));
  }

  // The cache is replaced as a whole; a check sees the old or the new set, never a mix, while another thread
  // replaces it (run under the sanitizers this is also the data-race check).
  // KIP-430: bit n for the allowed operation of code n, only Kafka's operations of the resource type; every one
  // of them without an authorizer; implications (Read implies Describe) and DENY apply as in Authorize.
  void authorizedOperationsBitfield() {
    constexpr int32_t kTopicAll = (1 << 3) | (1 << 4) | (1 << 5) | (1 << 6) | (1 << 7) | (1 << 8) | (1 << 10) |
                                  (1 << 11);  // 3576
    constexpr int32_t kGroupAll = (1 << 3) | (1 << 6) | (1 << 8);  // 328
    constexpr int32_t kClusterAll = (1 << 5) | (1 << 7) | (1 << 8) | (1 << 9) | (1 << 10) | (1 << 11) | (1 << 12);
    QCOMPARE(AuthorizedOperations(nullptr, "User:x", "h", AclResourceType::kTopic, "t"), kTopicAll);
    QCOMPARE(AuthorizedOperations(nullptr, "User:x", "h", AclResourceType::kGroup, "g"), kGroupAll);
    QCOMPARE(AuthorizedOperations(nullptr, "User:x", "h", AclResourceType::kCluster, "kafka-cluster"), kClusterAll);
    QCOMPARE(kClusterAll, 8096);
    QCOMPARE(AuthorizedOperations(nullptr, "User:x", "h", AclResourceType::kTransactionalId, "tx"),
             (1 << 4) | (1 << 8));

    AclAuthorizer a({ParseSuperUsers("User:admin"), false});
    a.ReplaceAll({Topic("t", AclPatternType::kLiteral, "User:alice", AclOperation::kRead),
                  Topic("t", AclPatternType::kLiteral, "User:alice", AclOperation::kAlterConfigs),
                  Topic("t", AclPatternType::kLiteral, "User:alice", AclOperation::kDescribeConfigs,
                        AclPermission::kDeny),
                  Topic("p-", AclPatternType::kPrefixed, "User:alice", AclOperation::kAll),
                  {AclResourceType::kGroup, "g", AclPatternType::kLiteral,
                   {"User:alice", "*", AclOperation::kDelete, AclPermission::kAllow}}});
    // Read + its implied Describe + AlterConfigs; DescribeConfigs (implied by AlterConfigs) is denied outright.
    QCOMPARE(AuthorizedOperations(&a, "User:alice", "h", AclResourceType::kTopic, "t"),
             (1 << 3) | (1 << 8) | (1 << 11));
    QCOMPARE(AuthorizedOperations(&a, "User:alice", "h", AclResourceType::kTopic, "p-1"), kTopicAll);
    QCOMPARE(AuthorizedOperations(&a, "User:alice", "h", AclResourceType::kGroup, "g"), (1 << 6) | (1 << 8));
    QCOMPARE(AuthorizedOperations(&a, "User:bob", "h", AclResourceType::kTopic, "t"), 0);
    QCOMPARE(AuthorizedOperations(&a, "User:admin", "h", AclResourceType::kCluster, "kafka-cluster"), kClusterAll);

    QCOMPARE(OperationsInBitfield((1 << 3) | (1 << 8)),
             (std::vector<AclOperation>{AclOperation::kRead, AclOperation::kDescribe}));
    QVERIFY(OperationsInBitfield(kAuthorizedOperationsOmitted).empty());
  }

  void replaceWhileChecking() {
    AclAuthorizer a({});
    std::atomic<bool> stop{false};
    std::thread replacer([&] {
      for (int i = 0; i < 2000; ++i) {
        a.ReplaceAll(i % 2 ? std::vector<AclBinding>{Topic("t", AclPatternType::kLiteral, "User:a", AclOperation::kRead),
                                                     Topic("u", AclPatternType::kLiteral, "User:a", AclOperation::kRead)}
                           : std::vector<AclBinding>{});
      }
      stop = true;
    });
    while (!stop) {
      (void)a.Authorize("User:a", "h", AclOperation::kRead, AclResourceType::kTopic, "t");
      const size_t n = a.size();  // both ACLs come and go together
      QVERIFY2(n == 0 || n == 2, qPrintable(QString::number(n)));
    }
    replacer.join();
    QCOMPARE(a.size(), size_t(2));
  }

  // One check is a cache lookup: with 10,000 literal ACLs and 100 prefixed ones it stays far below a
  // microsecond (measured: see docs/PERFORMANCE.md). The bound is loose so a loaded machine does not fail it,
  // yet a linear scan of all ACLs per check (the old rule) would exceed it.
  void checkIsACacheLookup() {
    AclAuthorizer a({});
    std::vector<AclBinding> many;
    for (int i = 0; i < 10000; ++i) {
      many.push_back(Topic("topic-" + std::to_string(i), AclPatternType::kLiteral, "User:u" + std::to_string(i % 50),
                           AclOperation::kWrite));
    }
    for (int i = 0; i < 100; ++i) {
      many.push_back(Topic("pre-" + std::to_string(i) + "-", AclPatternType::kPrefixed, "User:p", AclOperation::kRead));
    }
    a.ReplaceAll(std::move(many));
    const std::string principal = "User:u7", host = "10.0.0.1", topic = "topic-4007";
    constexpr int kChecks = 200000;
    int allowed = 0;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < kChecks; ++i) {
      allowed += a.Authorize(principal, host, AclOperation::kWrite, AclResourceType::kTopic, topic) ? 1 : 0;
    }
    const double ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count() / kChecks;
    qInfo("one Authorize with 10,100 ACLs: %.0f ns", ns);
    QCOMPARE(allowed, kChecks);
    QVERIFY2(ns < 5000, qPrintable(QString("%1 ns per check").arg(ns)));
  }
};

QTEST_GUILESS_MAIN(TestAcl)
#include "test_acl.moc"
