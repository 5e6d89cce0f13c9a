#include "app/bridge/connection_tester.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThreadPool>

#include "app/bridge/client_factory.h"

namespace partita::app {
namespace {

// Which step an engine error comes from; BrokerConnection's messages name it ("TLS handshake with … failed",
// "SASL authentication with … failed", "cannot connect to …").
ConnectionTestResult::Step stepOf(const std::string& message) {
  auto has = [&message](const char* s) { return message.find(s) != std::string::npos; };
  if (has("TLS")) return ConnectionTestResult::Step::Tls;
  if (has("SASL")) return ConnectionTestResult::Step::Authentication;
  if (has("cannot connect") || has("cannot resolve") || has("is not host:port") || has("no valid port"))
    return ConnectionTestResult::Step::Tcp;
  // A TLS or SASL listener drops a client that starts with a plain Kafka request.
  if (has("ApiVersions") && has("closed by the broker")) return ConnectionTestResult::Step::Closed;
  return ConnectionTestResult::Step::Kafka;
}

}  // namespace

QString ConnectionTestResult::message() const {
  switch (step) {
    case Step::Settings: return ConnectionTester::tr("Settings are not usable: %1").arg(detail);
    case Step::Tcp: return ConnectionTester::tr("Cannot reach the cluster: %1").arg(detail);
    case Step::Tls: return ConnectionTester::tr("TLS handshake failed: %1").arg(detail);
    case Step::Authentication: return ConnectionTester::tr("Authentication failed: %1").arg(detail);
    case Step::Closed:
      return ConnectionTester::tr("The broker closed the connection before answering (does its listener expect "
                                  "another security protocol?): %1")
          .arg(detail);
    case Step::Kafka: return ConnectionTester::tr("The cluster refused the request: %1").arg(detail);
    case Step::Ok: return ConnectionTester::tr("Connected: %1").arg(detail);
  }
  return detail;
}

ConnectionTester::ConnectionTester(QObject* parent) : QObject(parent) {
  qRegisterMetaType<ConnectionTestResult>();
}

void ConnectionTester::start(const QString& bootstrapServers, const ConnectionSecurity& security, int timeoutMs) {
  const quint64 generation = ++m_generation;
  m_running = true;
  QPointer<ConnectionTester> self(this);
  QThreadPool::globalInstance()->start([self, generation, bootstrapServers, security, timeoutMs] {
    const ConnectionTestResult result = run(bootstrapServers, security, timeoutMs);
    // The tester may be gone (dialog closed): QPointer is checked on the GUI thread, where it is deleted.
    QMetaObject::invokeMethod(
        QCoreApplication::instance(),
        [self, generation, result] {
          if (self.isNull() || generation != self->m_generation) return;
          self->m_running = false;
          emit self->finished(result);
        },
        Qt::QueuedConnection);
  });
}

ConnectionTestResult ConnectionTester::run(const QString& bootstrapServers, const ConnectionSecurity& security,
                                           int timeoutMs) {
  using Step = ConnectionTestResult::Step;
  client::ClientOptions options;
  options.connection.client_id = "partita-connection-test";
  options.connection.connect_timeout_ms = timeoutMs;
  options.connection.request_timeout_ms = timeoutMs;
  options.controller_retry_ms = 0;
  if (Status st = applySecurity(security, &options); !st.ok())
    return {Step::Settings, QString::fromStdString(st.message())};
  auto client = client::ClusterClient::Connect(bootstrapServers.toStdString(), options);
  if (!client.ok()) {
    const std::string message = client.status().message();
    return {stepOf(message), QString::fromStdString(message)};
  }
  const client::ClusterMetadata md = (*client)->Metadata();
  const int brokers = int(md.brokers.size());
  const QString id = md.cluster_id ? QString::fromStdString(*md.cluster_id) : tr("none");
  return {Step::Ok, tr("%n broker(s), cluster id %1", nullptr, brokers).arg(id)};
}

}  // namespace partita::app
