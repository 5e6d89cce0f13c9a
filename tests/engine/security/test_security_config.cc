// Unit tests of the security module's configuration parsing: ssl.principal.mapping.rules (Kafka's
// SslPrincipalMapper cases), client properties (--command-config) to TLS settings, and TlsSettings validation.
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

#include "engine/security/client_security.h"
#include "engine/security/principal_mapper.h"
#include "engine/security/sasl_plain.h"

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
    QVERIFY(s->sasl_mechanism.empty());

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
    // SASL/PLAIN from Kafka's JAAS line or librdkafka's keys; without credentials or with another mechanism it
    // is refused rather than silently ignored.
    auto sasl = ClientSecurityFromProperties(
        {{"security.protocol", "SASL_PLAINTEXT"},
         {"sasl.mechanism", "PLAIN"},
         {"sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"alice\" "
                              "password=\"alice-secret\";"}});
    QVERIFY2(sasl.ok(), sasl.ok() ? "" : sasl.status().ToString().c_str());
    QCOMPARE(sasl->sasl_username, std::string("alice"));
    QCOMPARE(sasl->sasl_password, std::string("alice-secret"));
    auto rd = ClientSecurityFromProperties({{"security.protocol", "SASL_SSL"}, {"sasl.mechanisms", "PLAIN"},
                                            {"sasl.username", "bob"}, {"sasl.password", "pw"}});
    QVERIFY(rd.ok());
    QCOMPARE(rd->sasl_username, std::string("bob"));
    QVERIFY(!ClientSecurityFromProperties({{"security.protocol", "SASL_SSL"}, {"sasl.mechanism", "PLAIN"}}).ok());
    QVERIFY(!ClientSecurityFromProperties({{"security.protocol", "SASL_SSL"}, {"sasl.username", "a"}}).ok());  // GSSAPI
    QVERIFY(!ClientSecurityFromProperties({{"security.protocol", "SASL_SSL"}, {"sasl.mechanism", "SCRAM-SHA-1"},
                                           {"sasl.username", "a"}}).ok());
    auto scram = ClientSecurityFromProperties(
        {{"security.protocol", "SASL_PLAINTEXT"}, {"sasl.mechanism", "SCRAM-SHA-512"},
         {"sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"carol\" "
                              "password=\"carol-secret\";"}});
    QVERIFY2(scram.ok(), scram.ok() ? "" : scram.status().ToString().c_str());
    QCOMPARE(scram->sasl_username, std::string("carol"));
    // PLAINTEXT needs no context.
    auto plain = ClientSecurityFromProperties({});
    QVERIFY(plain.ok());
    auto none = ClientTlsContext(*plain);
    QVERIFY(none.ok() && *none == nullptr);
  }

  void jaasConfigKafkaSyntax() {
    auto e = ParseJaasConfig(
        "org.apache.kafka.common.security.plain.PlainLoginModule required\n  username=\"admin\"\n"
        "  password=\"admin-secret\" user_admin=\"admin-secret\" user_alice=\"a \\\"quoted\\\" pw\" bare=x;");
    QVERIFY2(e.ok(), e.ok() ? "" : e.status().ToString().c_str());
    QCOMPARE(e->login_module, std::string("org.apache.kafka.common.security.plain.PlainLoginModule"));
    QCOMPARE(e->flag, std::string("required"));
    QCOMPARE(e->options.at("user_alice"), std::string("a \"quoted\" pw"));
    QCOMPARE(e->options.at("bare"), std::string("x"));
    for (const char* bad : {"", "Module", "Module sometimes;", "Module required a=\"open;", "Module required a=1",
                            "Module required a;", "Module required; Other required;"}) {
      QVERIFY2(!ParseJaasConfig(bad).ok(), bad);
    }
  }

  void plainAuthenticatorRfc4616() {
    auto a = PlainAuthenticator::FromJaas(
        "org.apache.kafka.common.security.plain.PlainLoginModule required user_alice=\"alice-secret\" "
        "user_bob=\"b\";", "test");
    QVERIFY2(a.ok(), a.ok() ? "" : a.status().ToString().c_str());
    QCOMPARE(a->user_count(), size_t(2));
    auto token = [](const std::string& t) { return std::vector<uint8_t>(t.begin(), t.end()); };
    std::string error;
    QCOMPARE(*a->Authenticate(token(std::string("\0alice\0alice-secret", 19)), &error), std::string("alice"));
    QCOMPARE(*a->Authenticate(token(std::string("alice\0alice\0alice-secret", 24)), &error), std::string("alice"));
    // A wrong password and an unknown user are told the same thing.
    QVERIFY(!a->Authenticate(token(std::string("\0alice\0wrong", 12)), &error));
    const std::string wrong = error;
    QVERIFY(!a->Authenticate(token(std::string("\0mallory\0alice-secret", 21)), &error));
    QCOMPARE(error, wrong);
    QCOMPARE(error, std::string("Authentication failed: Invalid username or password"));
    QVERIFY(!a->Authenticate(token(std::string("\0alice\0alice-secre", 18)), &error));  // a prefix is not it
    QVERIFY(!a->Authenticate(token(std::string("bob\0alice\0alice-secret", 22)), &error));  // authzid != user
    QVERIFY2(error.find("authorization id") != std::string::npos, error.c_str());
    QVERIFY(!a->Authenticate(token("alice"), &error));                                       // not 3 tokens
    QVERIFY(!a->Authenticate(token(std::string("\0\0x", 3)), &error));                      // empty user
    QVERIFY(!PlainAuthenticator::FromJaas("org.apache.kafka.common.security.scram.ScramLoginModule required "
                                          "user_a=\"b\";", "test").ok());
    QVERIFY(!PlainAuthenticator::FromJaas("org.apache.kafka.common.security.plain.PlainLoginModule required "
                                          "username=\"a\" password=\"b\";", "test").ok());
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
