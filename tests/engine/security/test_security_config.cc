// Unit tests of the security module's configuration parsing: ssl.principal.mapping.rules (Kafka's
// SslPrincipalMapper cases), client properties (--command-config) to TLS settings, and TlsSettings validation.
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

#include "engine/security/client_security.h"
#include "engine/security/principal_mapper.h"

using namespace partita;
using namespace partita::security;

class TestSecurityConfig : public QObject {
  Q_OBJECT

 private slots:
  void principalMappingKafkaExamples() {
    // The examples of Kafka's documentation (security_authz_ssl / SslPrincipalMapperTest).
    auto m = PrincipalMapper::Parse(
        "RULE:^CN=(.*?),OU=ServiceUsers.*$/$1/,RULE:^CN=(.*?),OU=(.*?),O=(.*?),L=(.*?),ST=(.*?),C=(.*?)$/$1@$2/L,"
        "RULE:^.*[Cc][Nn]=([a-zA-Z0-9.]*).*$/$1/L,DEFAULT");
    QVERIFY2(m.ok(), m.ok() ? "" : m.status().ToString().c_str());
    QCOMPARE(*m->Map("CN=kafka-server1,OU=ServiceUsers,O=Unknown"), std::string("kafka-server1"));
    QCOMPARE(*m->Map("CN=Duke,OU=JavaSoft,O=Sun Microsystems,L=Santa Clara,ST=CA,C=US"),
             std::string("duke@javasoft"));
    QCOMPARE(*m->Map("OU=JavaSoft,CN=Adminuser,O=Sun"), std::string("adminuser"));
    QCOMPARE(*m->Map("no common name here"), std::string("no common name here"));  // DEFAULT
  }

  void principalMappingWithoutDefaultCanRefuse() {
    auto m = PrincipalMapper::Parse("RULE:^CN=([a-z]+),.*$/$1/U");
    QVERIFY(m.ok());
    QCOMPARE(*m->Map("CN=alice,OU=eng"), std::string("ALICE"));
    QVERIFY(!m->Map("OU=eng,CN=alice").has_value());
    auto escaped = PrincipalMapper::Parse("RULE:^CN=(.*)\\/x$/$1/");
    QVERIFY(escaped.ok());
    QCOMPARE(*escaped->Map("CN=a/x"), std::string("a"));
    auto def = PrincipalMapper::Parse("DEFAULT");
    QVERIFY(def.ok());
    QCOMPARE(*def->Map("CN=x"), std::string("CN=x"));
  }

  void principalMappingBadRules_data() {
    QTest::addColumn<QString>("rules");
    QTest::newRow("unknown word") << "SOMETHING";
    QTest::newRow("unterminated") << "RULE:^CN=(.*)$";
    QTest::newRow("bad regex") << "RULE:^CN=((.*$/$1/";
    QTest::newRow("junk after") << "RULE:^CN=(.*)$/$1/Lx";
  }
  void principalMappingBadRules() {
    QFETCH(QString, rules);
    auto m = PrincipalMapper::Parse(rules.toStdString());
    QVERIFY(!m.ok());
    QVERIFY2(m.status().message().find("ssl.principal.mapping.rules") != std::string::npos,
             m.status().message().c_str());
  }

  void clientPropertiesKafkaAndLibrdkafkaKeys() {
    QTemporaryDir dir;
    const std::string cert = (dir.path() + "/c.crt").toStdString(), key = (dir.path() + "/c.key").toStdString();
    std::ofstream(cert) << "CERT";
    std::ofstream(key) << "KEY";
    auto s = ClientSecurityFromProperties({{"security.protocol", "ssl"},
                                           {"ssl.ca.location", "/ca.pem"},
                                           {"ssl.certificate.location", cert},
                                           {"ssl.key.location", key},
                                           {"ssl.endpoint.identification.algorithm", ""}});
    QVERIFY2(s.ok(), s.ok() ? "" : s.status().ToString().c_str());
    QVERIFY(s->protocol == SecurityProtocol::kSsl);
    QCOMPARE(s->tls.truststore_location, std::string("/ca.pem"));
    QCOMPARE(s->tls.keystore_certificate_chain, std::string("CERT"));
    QCOMPARE(s->tls.keystore_key, std::string("KEY"));
    QVERIFY(!s->tls.verify_hostname);
    QVERIFY(s->unsupported.empty());

    auto kafka = ClientSecurityFromProperties({{"security.protocol", "SSL"},
                                               {"ssl.truststore.type", "PEM"},
                                               {"ssl.truststore.location", "/t.pem"}});
    QVERIFY(kafka.ok());
    QCOMPARE(kafka->tls.truststore_location, std::string("/t.pem"));
    QVERIFY(kafka->tls.verify_hostname);  // Kafka's default: https
  }

  void clientPropertiesErrors() {
    auto bad = ClientSecurityFromProperties({{"security.protocol", "TLS"}});
    QVERIFY(!bad.ok());
    QVERIFY(bad.status().message().find("security.protocol") != std::string::npos);
    auto half = ClientSecurityFromProperties({{"ssl.certificate.location", "/x"}});
    QVERIFY(!half.ok());
    auto jks = ClientSecurityFromProperties(
        {{"security.protocol", "SSL"}, {"ssl.truststore.type", "JKS"}, {"ssl.truststore.location", "/t.jks"}});
    QVERIFY(jks.ok());
    auto ctx = ClientTlsContext(*jks);
    QVERIFY(!ctx.ok());
    QVERIFY2(ctx.status().message().find("PEM") != std::string::npos, ctx.status().message().c_str());
    // SASL is refused rather than silently ignored.
    auto sasl = ClientSecurityFromProperties({{"security.protocol", "SASL_SSL"}, {"sasl.mechanism", "PLAIN"}});
    QVERIFY(sasl.ok());
    QCOMPARE(sasl->unsupported, std::vector<std::string>{"sasl.mechanism"});
    QVERIFY(!ClientTlsContext(*sasl).ok());
    // PLAINTEXT needs no context.
    auto plain = ClientSecurityFromProperties({});
    QVERIFY(plain.ok());
    auto none = ClientTlsContext(*plain);
    QVERIFY(none.ok() && *none == nullptr);
  }

  void tlsSettingsValidation() {
    TlsSettings s;
    QVERIFY(!s.Validate(true, "listener SSL").ok());  // a server needs a key store
    QVERIFY(s.Validate(false, "client").ok());
    s.keystore_location = "/k.pem";
    s.keystore_key = "KEY";
    QVERIFY(!s.Validate(true, "listener SSL").ok());  // file and inline together
    s.keystore_key.clear();
    s.enabled_protocols = {"TLSv1.1"};
    Status st = s.Validate(true, "listener SSL");
    QVERIFY(!st.ok());
    QVERIFY2(st.message().find("TLSv1.1") != std::string::npos, st.message().c_str());
  }
};

QTEST_GUILESS_MAIN(TestSecurityConfig)
#include "test_security_config.moc"
