#include "tests/integration/node_client.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace partita::itest {
namespace {

QString NodeProjectDir() { return QStringLiteral(PARTITA_ITEST_NODE_DIR); }
QString NodeInstallDir() { return QStringLiteral(PARTITA_ITEST_NODE_INSTALL_DIR); }
// Written after a successful `npm ci`: the lock file it installed.
QString InstalledLockPath() { return NodeInstallDir() + "/node_modules/.partita-installed-lock.json"; }

QByteArray ReadAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool WriteAll(const QString& path, const QByteArray& bytes) {
  QFile f(path);
  return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

const char kInstallHint[] = "install them with: apt-get install -y nodejs npm (or run installer/bootstrap.sh test)";

}  // namespace

QString InstallNodePackages() {
  for (const char* tool : {"node", "npm"}) {
    if (QStandardPaths::findExecutable(tool).isEmpty()) {
      return QString("%1 is not installed; the kafkajs tests need node and npm; %2").arg(tool, kInstallHint);
    }
  }
  const QByteArray lock = ReadAll(NodeProjectDir() + "/package-lock.json");
  const QByteArray manifest = ReadAll(NodeProjectDir() + "/package.json");
  if (lock.isEmpty() || manifest.isEmpty()) {
    return "cannot read package.json / package-lock.json in " + NodeProjectDir();
  }
  if (ReadAll(InstalledLockPath()) == lock && QFile::exists(NodeInstallDir() + "/node_modules/kafkajs/package.json")) {
    return {};
  }
  if (!QDir().mkpath(NodeInstallDir()) || !WriteAll(NodeInstallDir() + "/package.json", manifest) ||
      !WriteAll(NodeInstallDir() + "/package-lock.json", lock)) {
    return "cannot write the node project into " + NodeInstallDir();
  }
  // --prefer-offline: tarballs already in npm's cache (~/.npm) are not fetched again. --ignore-scripts: none of
  // the pinned packages needs an install script (protobufjs' only checks optional CLI dependencies).
  ToolRun run = RunTool("npm", {"ci", "--prefix", NodeInstallDir(), "--no-audit", "--no-fund", "--ignore-scripts",
                                "--prefer-offline", "--loglevel=error"},
                        600000);
  if (!run.ok()) {
    return "npm ci of tests/integration/node failed (the npm registry must be reachable, or the packages in npm's "
           "cache): " + run.Describe();
  }
  if (!WriteAll(InstalledLockPath(), lock)) return "cannot write " + InstalledLockPath();
  qInfo("npm ci installed tests/integration/node into %s in %.1f s", qPrintable(NodeInstallDir()),
        run.elapsed_ms / 1000.0);
  return {};
}

ToolRun RunNodeScript(const QString& script, const QStringList& args, int timeout_ms) {
  // Children inherit this (single-threaded) test process's environment; the scripts stay in the source tree.
  qputenv("NODE_PATH", (NodeInstallDir() + "/node_modules").toLocal8Bit());
  ToolRun run = RunTool("node", QStringList{NodeProjectDir() + "/" + script} + args, timeout_ms);
  run.command = "NODE_PATH=" + NodeInstallDir() + "/node_modules " + run.command;
  return run;
}

}  // namespace partita::itest
