// Authorization failures in words (app/bridge/authorization_error.h) and the ACL form's validation
// (app/bridge/acl_monitor.h): which Kafka error an engine client's error names, the principal a connection's
// settings log in as, the sentence with and without a known principal, and the rules of the add form.
#include <QtTest>

#include "app/bridge/acl_monitor.h"
#include "app/bridge/authorization_error.h"

using namespace partita;
using namespace partita::app;
using security::AclBinding;
using security::AclOperation;
using security::AclResourceType;

class TestAuthorizationError : public QObject {
  Q_OBJECT
 private slots:
  void recognisesKafkaErrorNames() {
    QCOMPARE(authorizationFailureIn("DescribeGroups group g on broker 1: GROUP_AUTHORIZATION_FAILED: Not authorized"),
             AuthorizationFailure::kGroup);
    QCOMPARE(authorizationFailureIn("Fetch t-0: TOPIC_AUTHORIZATION_FAILED: x"), AuthorizationFailure::kTopic);
    QCOMPARE(authorizationFailureIn("DescribeAcls: CLUSTER_AUTHORIZATION_FAILED: x"), AuthorizationFailure::kCluster);
    QCOMPARE(authorizationFailureIn("InitProducerId: TRANSACTIONAL_ID_AUTHORIZATION_FAILED"),
             AuthorizationFailure::kTransactionalId);
    QCOMPARE(authorizationFailureIn("connect: SASL_AUTHENTICATION_FAILED: bad"), AuthorizationFailure::kAuthentication);
    QCOMPARE(authorizationFailureIn("DescribeAcls: SECURITY_DISABLED: no authorizer"),
             AuthorizationFailure::kSecurityDisabled);
    QCOMPARE(authorizationFailureIn("Metadata: LEADER_NOT_AVAILABLE"), AuthorizationFailure::kNone);
    QCOMPARE(authorizationFailureIn(QString()), AuthorizationFailure::kNone);
  }

  void principalFromTheConnectionSettings() {
    ConnectionSecurity s;
    QCOMPARE(principalOf(s), QStringLiteral("User:ANONYMOUS"));
    s.protocol = QStringLiteral("SASL_SSL");
    s.username = QStringLiteral("bob");
    QCOMPARE(principalOf(s), QStringLiteral("User:bob"));
    s.protocol = QStringLiteral("SSL");
    s.certFile = QStringLiteral("/tmp/client.pem");
    QVERIFY(principalOf(s).isEmpty());  // the broker takes the certificate's DN
  }

  void sentenceThenTheDetails() {
    const QString raw = QStringLiteral("DescribeAcls: CLUSTER_AUTHORIZATION_FAILED: Cluster authorization failed.");
    const QString named = errorInWords(raw, QStringLiteral("User:bob"));
    QVERIFY2(named.startsWith(QStringLiteral("The user User:bob is not allowed to do this on the cluster")), qPrintable(named));
    QVERIFY(named.endsWith(QLatin1Char('\n') + raw));
    QVERIFY(errorInWords(raw, QString()).startsWith(QStringLiteral("The current user is not allowed")));
    QCOMPARE(errorInWords(QStringLiteral("timed out"), QStringLiteral("User:bob")), QStringLiteral("timed out"));
    QVERIFY(authorizationSentence(AuthorizationFailure::kSecurityDisabled, {}).contains(QStringLiteral("no authorizer")));
  }

  void aclFormValidation() {
    AclBinding b{AclResourceType::kTopic, "orders", security::AclPatternType::kLiteral,
                 {"User:alice", "*", AclOperation::kRead, security::AclPermission::kAllow}};
    QVERIFY(aclProblem(b).isEmpty());
    b.entry.principal = "alice";
    QVERIFY(aclProblem(b).contains(QStringLiteral("Type:name")));
    b.entry.principal = "User:";
    QVERIFY(!aclProblem(b).isEmpty());
    b.entry.principal = "User:*";
    QVERIFY(aclProblem(b).isEmpty());
    b.resource_name.clear();
    QVERIFY(!aclProblem(b).isEmpty());
    b.resource_name = "a/b";
    QVERIFY(aclProblem(b).contains(QLatin1Char('/')));
    b.resource_name = "orders";
    b.resource_type = AclResourceType::kTransactionalId;  // Read is no transactional id operation
    QVERIFY(aclProblem(b).contains(QStringLiteral("Read")));
    b.resource_type = AclResourceType::kCluster;
    b.entry.operation = AclOperation::kAlter;
    QVERIFY(aclProblem(b).contains(QStringLiteral("kafka-cluster")));
    b.resource_name = "kafka-cluster";
    QVERIFY(aclProblem(b).isEmpty());
    b.entry.host.clear();
    QVERIFY(!aclProblem(b).isEmpty());
    QCOMPARE(operationsFor(AclResourceType::kGroup),
             (QList<AclOperation>{AclOperation::kAll, AclOperation::kRead, AclOperation::kDescribe, AclOperation::kDelete}));
  }
};

QTEST_GUILESS_MAIN(TestAuthorizationError)
#include "test_authorization_error.moc"
