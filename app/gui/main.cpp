// Entry point of the Partita desktop app.
//
//   partita [--lang en|zh_CN] [--theme system|light|dark] [--screenshot FILE] [--local-cluster DIR [--brokers N]]
//
// --local-cluster starts an embedded local cluster (ZooKeeper + brokers) with its data in DIR when the
// window opens; File > Start Local Cluster… does the same interactively.
// --screenshot shows the window at its default size without reading or writing the user's
// settings, saves a grab of it to FILE and exits (0 on success): used by tests and the docs.
#include <QApplication>
#include <QCommandLineParser>
#include <QCursor>
#include <QDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "app/bridge/cluster_connection.h"
#include "ui/connections_sidebar.h"
#include "ui/language.h"
#include "ui/main_window.h"
#include "ui/resources.h"
#include "ui/theme.h"

using partita::ui::LanguageManager;
using partita::ui::MainWindow;

namespace {

void printError(const QString& message) { std::fprintf(stderr, "partita: %s\n", qPrintable(message)); }

}  // namespace

int main(int argc, char** argv) {
  // --version answers without a display (QApplication would abort on a headless machine first).
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--version") == 0 || std::strcmp(argv[i], "-v") == 0) {
      std::printf("Partita %s\n", PARTITA_VERSION_STRING);
      return 0;
    }
  }
  QApplication app(argc, argv);
  QCoreApplication::setOrganizationName(QStringLiteral("Partita"));
  QCoreApplication::setApplicationName(QStringLiteral("Partita"));
  QCoreApplication::setApplicationVersion(QStringLiteral(PARTITA_VERSION_STRING));
  QGuiApplication::setApplicationDisplayName(QStringLiteral("Partita"));
  QGuiApplication::setDesktopFileName(QStringLiteral("partita"));
  QApplication::setWindowIcon(partita::ui::icon(QStringLiteral("partita")));

  QCommandLineParser parser;
  parser.setApplicationDescription(QCoreApplication::translate("main", "Partita, a desktop workbench for Kafka."));
  parser.addHelpOption();
  parser.addVersionOption();
  const QCommandLineOption langOption(
      QStringLiteral("lang"),
      QCoreApplication::translate("main", "User interface language: %1.")
          .arg(LanguageManager::availableLanguages().join(QStringLiteral(", "))),
      QStringLiteral("code"));
  const QCommandLineOption themeOption(QStringLiteral("theme"),
                                       QCoreApplication::translate("main", "Colour theme: system, light or dark."),
                                       QStringLiteral("name"));
  const QCommandLineOption screenshotOption(
      QStringLiteral("screenshot"),
      QCoreApplication::translate("main", "Save a screenshot of the main window to <file> and exit."),
      QStringLiteral("file"));
  const QCommandLineOption localClusterOption(
      QStringLiteral("local-cluster"),
      QCoreApplication::translate("main", "Start a local cluster with its data in <dir> when the window opens."),
      QStringLiteral("dir"));
  const QCommandLineOption brokersOption(QStringLiteral("brokers"),
                                         QCoreApplication::translate("main", "Number of brokers of the local cluster."),
                                         QStringLiteral("n"), QStringLiteral("3"));
  parser.addOptions({langOption, themeOption, screenshotOption, localClusterOption, brokersOption});
  parser.process(app);

  const bool screenshot = parser.isSet(screenshotOption);
  MainWindow window(screenshot ? MainWindow::SettingsMode::Ephemeral : MainWindow::SettingsMode::Persistent);

  if (parser.isSet(langOption) && !window.setLanguage(parser.value(langOption))) {
    printError(QCoreApplication::translate("main", "unknown language \"%1\"; available: %2")
                   .arg(parser.value(langOption), LanguageManager::availableLanguages().join(QStringLiteral(", "))));
    return 2;
  }
  if (parser.isSet(themeOption)) {
    partita::ui::ThemeMode theme;
    if (!partita::ui::themeModeFromName(parser.value(themeOption), &theme)) {
      printError(QCoreApplication::translate("main", "unknown theme \"%1\"; use system, light or dark")
                     .arg(parser.value(themeOption)));
      return 2;
    }
    window.setThemeMode(theme);
  }

  if (screenshot) {
    window.resize(MainWindow::defaultSize());
    // Keep the pointer off the window so no hover highlight or status tip ends up in the picture.
    QCursor::setPos(window.frameGeometry().bottomRight() + QPoint(200, 200));
    window.show();
    const QString file = parser.value(screenshotOption);
    // Give the window a few event loop turns to lay out and paint before grabbing it.
    QTimer::singleShot(300, &window, [&window, file] {
      if (!window.grab().save(file)) {
        printError(QCoreApplication::translate("main", "cannot write screenshot to %1").arg(file));
        QCoreApplication::exit(1);
        return;
      }
      QCoreApplication::exit(0);
    });
    return app.exec();
  }

  // Clusters: the window's Clusters list owns the connections (local clusters are stopped cleanly when the
  // window goes away); its File actions ask for new ones.
  partita::ui::ConnectionsSidebar* clusters = window.connections();
  QObject::connect(&window, &MainWindow::startLocalClusterRequested, clusters,
                   [clusters](const partita::ui::LocalClusterRequest& request) {
                     partita::app::ClusterConnection::LocalOptions options;
                     options.dataDir = request.dataDirectory;
                     options.brokers = request.brokerCount;
                     options.basePort = request.basePort;
                     options.secured = request.secured;
                     clusters->addLocal(request.name, options);
                   });
  QObject::connect(&window, &MainWindow::connectToClusterRequested, clusters,
                   [clusters](const partita::app::ConnectionProfile& profile) { clusters->addRemote(profile); });
  // "Bootstrap servers: ..." on stdout whenever a cluster comes up, however it was started (--local-cluster, the
  // File menu, or a saved cluster double-clicked in the sidebar): scripts grep this line.
  const auto announceBootstrap = [](partita::app::ClusterConnection* connection) {
    QObject::connect(connection, &partita::app::ClusterConnection::stateChanged, connection,
                     [connection](partita::app::ClusterConnection::State state) {
                       if (state != partita::app::ClusterConnection::State::Connected) return;
                       std::printf("Bootstrap servers: %s\n", qPrintable(connection->bootstrapServers()));
                       std::fflush(stdout);
                     });
  };
  for (partita::app::ClusterConnection* connection : clusters->connections()) announceBootstrap(connection);  // saved
  QObject::connect(clusters, &partita::ui::ConnectionsSidebar::connectionAdded, &window, announceBootstrap);

  window.setConfirmQuit(true);
  window.show();
  if (parser.isSet(localClusterOption)) {
    partita::app::ClusterConnection::LocalOptions options;
    options.dataDir = QDir(parser.value(localClusterOption)).absolutePath();
    options.brokers = std::clamp(parser.value(brokersOption).toInt(), 1, 9);
    clusters->addLocal(QDir(options.dataDir).dirName(), options);
  }
  return app.exec();
}
