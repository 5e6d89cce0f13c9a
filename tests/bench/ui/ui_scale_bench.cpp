// partita-ui-scale-bench BOOTSTRAP TOPIC SECONDS: how long the GUI thread stalls while the main window shows a
// large cluster. It attaches to BOOTSTRAP (a remote connection, as a user would), waits for TOPIC in a snapshot,
// then for SECONDS cycles every 5 s through the Cluster page, the Topics page with TOPIC selected (partitions
// tab) and its leader/ISR timeline tab, while the poller keeps refreshing. Leadership changes are the operator's
// (kill a broker meanwhile). Prints the snapshots received, the worst gap and every gap over 50 ms with its page.
#include <QApplication>
#include <QTabWidget>
#include <QTest>

#include <cstdio>

#include "app/bridge/cluster_connection.h"
#include "tests/ui/ui_test_util.h"
#include "ui/connections_sidebar.h"
#include "ui/main_window.h"
#include "ui/pages/topics_page.h"

using namespace partita;

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  if (argc != 4) {
    std::fprintf(stderr, "usage: partita-ui-scale-bench BOOTSTRAP TOPIC SECONDS\n");
    return 2;
  }
  const QString bootstrap = QString::fromLocal8Bit(argv[1]);
  const QString topic = QString::fromLocal8Bit(argv[2]);
  const int seconds = QString::fromLocal8Bit(argv[3]).toInt();
  uitest::isolateSettings();
  ui::MainWindow window(ui::MainWindow::SettingsMode::Ephemeral);
  window.resize(1440, 900);
  window.show();
  if (!QTest::qWaitForWindowExposed(&window)) return 1;

  uitest::GuiWatchdog watchdog;
  watchdog.setPhase(QStringLiteral("connecting"));
  QElapsedTimer clock;
  clock.start();
  app::ClusterConnection* c = window.connections()->addRemote(QStringLiteral("scale"), bootstrap);
  int snapshots = 0;
  qsizetype partitions = 0;
  QObject::connect(c, &app::ClusterConnection::snapshotReady, [&](const app::SnapshotPtr& s) {
    ++snapshots;
    if (const auto* t = s ? s->findTopic(topic) : nullptr) partitions = t->partitions.size();
  });
  if (!QTest::qWaitFor([&] { return partitions > 0; }, 120000)) {
    std::fprintf(stderr, "no snapshot with topic %s in 120 s\n", qPrintable(topic));
    return 1;
  }
  std::printf("first snapshot with %s (%lld partitions) after %lld ms\n", qPrintable(topic),
              static_cast<long long>(partitions), static_cast<long long>(clock.elapsed()));
  auto* topics = static_cast<ui::TopicsPage*>(window.page(ui::MainWindow::PageId::Topics));
  auto* tabs = topics->findChild<QTabWidget*>();
  const QStringList phases = {QStringLiteral("cluster page"), QStringLiteral("topics page, partitions"),
                              QStringLiteral("topics page, leader/ISR timeline")};
  const int startSnapshots = snapshots;
  clock.restart();
  for (int round = 0; clock.elapsed() < seconds * 1000LL; ++round) {
    const int phase = round % 3;
    watchdog.setPhase(phases[phase]);
    if (phase == 0) {
      window.showPage(ui::MainWindow::PageId::Cluster);
    } else {
      window.showPage(ui::MainWindow::PageId::Topics);
      topics->selectTopic(topic);
      if (tabs) tabs->setCurrentIndex(phase == 1 ? 0 : 1);
    }
    QTest::qWait(5000);
  }
  watchdog.stop();
  std::printf("%d snapshots in %lld s; worst GUI-thread gap %lld ms (%s)\n", snapshots - startSnapshots,
              static_cast<long long>(clock.elapsed() / 1000), static_cast<long long>(watchdog.worstGapMs()),
              qPrintable(watchdog.worstPhase()));
  const QStringList over = watchdog.gapsOverTarget();
  std::printf("%lld gaps over 50 ms%s\n", static_cast<long long>(over.size()), over.isEmpty() ? "" : ":");
  for (const QString& gap : over) std::printf("  %s\n", qPrintable(gap));
  return 0;
}
