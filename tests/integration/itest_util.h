// Shared Qt Test glue of the integration suites: starting a BrokerFixture inside a test slot and failing with the
// command, its stderr and the broker's log tail when an external client does not succeed.
#pragma once

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QString>
#include <QThread>
#include <QtTest>
#include <functional>
#include <memory>

#include "tests/integration/broker_fixture.h"
#include "tests/integration/external_tool.h"

namespace partita::itest {

inline QString BrokerContext(const BrokerFixture* fx) {
  if (fx == nullptr) return {};
  return QString("\n--- broker %1 log (%2), tail ---\n%3")
      .arg(QString::fromStdString(fx->bootstrap()), QString::fromStdString(fx->broker_log_path()),
           QString::fromStdString(fx->BrokerLogTail(3000)));
}

inline QString Q(const std::string& s) { return QString::fromStdString(s); }

// Polls `ready` every 200 ms until it holds or timeout_ms passed; returns its last answer.
inline bool WaitUntil(const std::function<bool()>& ready, int timeout_ms) {
  QElapsedTimer t;
  t.start();
  while (!ready()) {
    if (t.elapsed() > timeout_ms) return false;
    QThread::msleep(200);
  }
  return true;
}

// The Schema Registry port the broker logged last ("schema registry at http(s)://127.0.0.1:PORT"); 0 if none.
inline int SchemaRegistryPortFromLog(const BrokerFixture& fx) {
  static const QRegularExpression re("schema registry at https?://127\\.0\\.0\\.1:(\\d+)");
  int port = 0;
  for (auto it = re.globalMatch(QString::fromStdString(fx.BrokerLog())); it.hasNext();) {
    port = it.next().captured(1).toInt();
  }
  return port;
}

// Lists <dir>'s file names matching a suffix, sorted.
inline QStringList FilesEndingWith(const QString& dir, const QString& suffix) {
  QStringList out;
  for (const QString& name : QDir(dir).entryList(QDir::Files, QDir::Name)) {
    if (name.endsWith(suffix)) out << name;
  }
  return out;
}

}  // namespace partita::itest

// Starts a fixture into `target` (a std::unique_ptr<BrokerFixture>) or fails the slot.
#define ITEST_START(target, options)                                                              \
  do {                                                                                            \
    auto itest_started_ = ::partita::itest::BrokerFixture::Start(options);                        \
    QVERIFY2(itest_started_.ok(), qPrintable(QString::fromStdString(itest_started_.status().ToString()))); \
    target = std::move(*itest_started_);                                                          \
  } while (0)

// Fails unless `cond` holds; `message` (a QString) is built only on failure. Unlike QVERIFY2, which evaluates its
// description every time, this never runs costly context gathering (log tails) on success.
#define ITEST_CHECK(cond, message) \
  do {                             \
    if (!(cond)) QFAIL(qPrintable(message)); \
  } while (0)

// Runs `expr` (a ToolRun) exactly once and fails with its command line, exit, stderr/stdout and `context`.
#define ITEST_CHECK_RUN(expr, context)                               \
  do {                                                               \
    const ::partita::itest::ToolRun& itest_run_ = (expr);            \
    ITEST_CHECK(itest_run_.ok(), itest_run_.Describe() + (context)); \
  } while (0)

// Fails with the command line, its exit, stderr/stdout and the broker log tail.
#define ITEST_VERIFY_RUN(run, fx) ITEST_CHECK_RUN(run, ::partita::itest::BrokerContext((fx)))

#define ITEST_VERIFY_STATUS(expr, fx)                                                                  \
  do {                                                                                                 \
    const ::partita::Status itest_status_ = (expr);                                                    \
    QVERIFY2(itest_status_.ok(),                                                                       \
             qPrintable(QString::fromStdString(itest_status_.ToString()) + ::partita::itest::BrokerContext((fx)))); \
  } while (0)
