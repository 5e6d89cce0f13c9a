// Helpers shared by the UI tests: snapshots built by hand, screenshots kept in the build tree
// (test-artifacts/ui) for humans to look at, a watchdog for the GUI thread, and answering modal dialogs.
#pragma once

#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QSharedPointer>
#include <QStringList>
#include <QTimer>
#include <QPushButton>
#include <QWidget>

#include <algorithm>

#include "app/bridge/cluster_snapshot.h"

namespace partita::uitest {

// Gives this test process its own QSettings files (in a temporary directory removed at exit), so tests that
// save window or cluster settings cannot see each other's when ctest runs them in parallel, nor the developer's.
inline void isolateSettings() {
  QStandardPaths::setTestModeEnabled(true);
  static QTemporaryDir dir;
  QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.path());
  QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
}

// A dialog's accepting button (its button box's AcceptRole button: a standard Ok or one with our own words).
inline QPushButton* acceptButton(QDialog& dialog) {
  auto* box = dialog.findChild<QDialogButtonBox*>();
  if (!box) return nullptr;
  for (QAbstractButton* b : box->buttons())
    if (box->buttonRole(b) == QDialogButtonBox::AcceptRole) return qobject_cast<QPushButton*>(b);
  return nullptr;
}

inline void saveArtifact(QWidget* widget, const QString& name) {
  const QString dir = qEnvironmentVariable("PARTITA_BUILD_DIR") + QStringLiteral("/test-artifacts/ui");
  QDir().mkpath(dir);
  widget->grab().save(dir + QLatin1Char('/') + name);
}

// Measures the longest time the GUI thread went without turning its event loop, with a 10 ms timer.
// A gap counts the time the thread was running or blocked, not the time it was runnable but waiting for a CPU
// (its run delay from /proc/thread-self/schedstat): on a loaded 2-core test machine the scheduler alone can
// delay a tick by half a second, which says nothing about the app. A GUI thread blocked on the network or busy
// computing still shows its full gap.
// untimed() runs the test's own GUI-thread work (screenshots, theme or language switches) without counting it.
// setPhase() names what the test is doing, so the worst gap can be attributed.
class GuiWatchdog {
 public:
  GuiWatchdog() {
    QObject::connect(&m_timer, &QTimer::timeout, [this] {
      const qint64 wall = m_since.restart();
      const qint64 runDelay = runDelayNs();
      const qint64 waitedForCpu = (runDelay - m_runDelayNs) / 1000000;
      m_runDelayNs = runDelay;
      const qint64 gap = qMax<qint64>(0, wall - waitedForCpu);
      if (gap > kTargetMs) m_overTarget << QStringLiteral("%1 ms (%2)").arg(gap).arg(m_phase);
      if (gap > m_worstMs) {
        m_worstMs = gap;
        m_worstPhase = m_phase;
      }
    });
    m_runDelayNs = runDelayNs();
    m_since.start();
    m_timer.start(10);
  }
  template <class Work>
  void untimed(Work&& work) {
    m_timer.stop();
    work();
    m_runDelayNs = runDelayNs();
    m_since.restart();
    m_timer.start(10);
  }
  void setPhase(const QString& phase) { m_phase = phase; }
  void stop() { m_timer.stop(); }
  qint64 worstGapMs() const { return m_worstMs; }
  QString worstPhase() const { return m_worstPhase; }
  // The gaps longer than the 50 ms target, as "123 ms (phase)".
  QStringList gapsOverTarget() const { return m_overTarget; }

 private:
  // Nanoseconds this (the GUI) thread spent runnable but not running; 0 where the kernel does not say.
  static qint64 runDelayNs() {
    QFile f(QStringLiteral("/proc/thread-self/schedstat"));
    if (!f.open(QIODevice::ReadOnly)) return 0;
    const QList<QByteArray> fields = f.readAll().simplified().split(' ');
    return fields.size() >= 2 ? fields[1].toLongLong() : 0;
  }

  static constexpr qint64 kTargetMs = 50;
  QStringList m_overTarget;
  QTimer m_timer;
  QElapsedTimer m_since;
  qint64 m_runDelayNs = 0;
  qint64 m_worstMs = 0;
  QString m_phase, m_worstPhase;
};

// Hands the next modal dialog of type D to `answer` once it is shown. A dialog's exec() blocks the code that
// opened it (a button click in the test), so a timer started before that click finds and answers it; `answer`
// must close it (click OK / Yes / Cancel). Gives up after `timeoutMs`.
template <class D, class Answer>
void answerNextModal(Answer answer, int timeoutMs = 20000) {
  auto* timer = new QTimer;
  auto* age = new QElapsedTimer;
  age->start();
  QObject::connect(timer, &QTimer::timeout, [timer, age, answer, timeoutMs] {
    auto* dialog = qobject_cast<D*>(QApplication::activeModalWidget());
    if (dialog == nullptr && age->elapsed() < timeoutMs) return;
    timer->stop();
    timer->deleteLater();
    delete age;
    if (dialog != nullptr) answer(dialog);
  });
  timer->start(20);
}

// The partition of a snapshot, or null.
inline const app::PartitionState* partitionOf(const app::SnapshotPtr& s, const QString& topic, int partition) {
  const app::TopicState* t = s ? s->findTopic(topic) : nullptr;
  if (t == nullptr) return nullptr;
  for (const auto& p : t->partitions)
    if (p.partition == partition) return &p;
  return nullptr;
}

// `brokers` brokers (1..n, broker 1 the controller); `topics` topics "topic-00000"... with `partitions`
// partitions of replication factor min(3, brokers); every third partition of topic 1 is under-replicated.
inline QSharedPointer<app::ClusterSnapshot> makeSnapshot(int brokers, int topics, int partitions, qint64 hw = 100) {
  auto s = QSharedPointer<app::ClusterSnapshot>::create();
  s->taken = QDateTime::currentDateTime();
  s->bootstrapServers = QStringLiteral("127.0.0.1:9092");
  s->clusterId = QStringLiteral("test-cluster");
  s->controllerId = 1;
  for (int b = 1; b <= brokers; ++b) {
    app::BrokerState state;
    state.id = b;
    state.host = QStringLiteral("127.0.0.1");
    state.port = 9091 + b;
    state.controller = b == 1;
    state.local = true;
    state.partitionsLed = partitions;
    state.produceRate = 10.0 * b;
    s->brokers << state;
  }
  const int rf = std::min(3, brokers);
  for (int t = 0; t < topics; ++t) {
    app::TopicState topic;
    topic.name = QStringLiteral("topic-%1").arg(t, 5, 10, QLatin1Char('0'));
    topic.internal = t == 0;
    topic.sizeBytes = 1024 * (t + 1);
    for (int p = 0; p < partitions; ++p) {
      app::PartitionState ps;
      ps.partition = p;
      for (int r = 0; r < rf; ++r) ps.replicas << 1 + (p + r) % brokers;
      ps.leader = ps.replicas.first();
      ps.leaderEpoch = 3;
      ps.isr = ps.replicas;
      if (t == 1 && p % 3 == 0 && rf > 1) ps.isr.removeLast();
      ps.logStartOffset = 0;
      ps.highWatermark = hw;
      ps.logEndOffset = hw;
      topic.partitions << ps;
    }
    s->topics << topic;
  }
  return s;
}

}  // namespace partita::uitest
