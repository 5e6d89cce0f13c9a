// ConnectionTester: the Connect dialog's "Test connection". It connects to a bootstrap list with a profile's
// security settings exactly as the app will (client_factory.h), on a thread-pool thread, and answers with
// finished(result): which step failed — the settings, TCP, the TLS handshake, SASL authentication or the first
// Kafka request (authorization) — and the engine's own words for why ("certificate verify failed",
// "Authentication failed: invalid credentials"), or what it found on success.
// Ownership: owned by its dialog. Deleting it while a test runs is fine: the work keeps only values, its
// answer is dropped, and nobody waits for the network. Thread safety: GUI thread; finished() arrives there.
#pragma once

#include <QObject>
#include <QString>

#include "app/bridge/connection_profile.h"

namespace partita::app {

struct ConnectionTestResult {
  enum class Step { Settings, Tcp, Tls, Authentication, Closed, Kafka, Ok };
  Step step = Step::Ok;
  QString detail;  // the engine's message (failure) or a summary of the cluster (success)
  bool ok() const { return step == Step::Ok; }
  // "TLS handshake failed: …", "Authentication failed: …", "Connected: 3 brokers, cluster id …" (translated).
  QString message() const;
};

class ConnectionTester : public QObject {
  Q_OBJECT

 public:
  explicit ConnectionTester(QObject* parent = nullptr);

  // Starts a test; a test still running is superseded (its answer is dropped).
  void start(const QString& bootstrapServers, const ConnectionSecurity& security, int timeoutMs = 10000);
  bool running() const { return m_running; }

  // The blocking test itself (worker threads only; public for tests).
  static ConnectionTestResult run(const QString& bootstrapServers, const ConnectionSecurity& security,
                                  int timeoutMs);

 signals:
  void finished(const partita::app::ConnectionTestResult& result);

 private:
  quint64 m_generation = 0;
  bool m_running = false;
};

}  // namespace partita::app

Q_DECLARE_METATYPE(partita::app::ConnectionTestResult)
