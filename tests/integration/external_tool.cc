#include "tests/integration/external_tool.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QList>
#include <QRegularExpression>
#include <QStandardPaths>

namespace partita::itest {
namespace {

QString Tail(const QByteArray& bytes, int max_chars) {
  QString text = QString::fromUtf8(bytes);
  if (text.size() > max_chars) text = "..." + text.right(max_chars);
  return text;
}

}  // namespace

QString ShellQuote(const QStringList& argv) {
  QStringList quoted;
  for (const QString& a : argv) {
    if (!a.isEmpty() && a.indexOf(QRegularExpression("[^A-Za-z0-9_./:=,@%+-]")) < 0) {
      quoted << a;
    } else {
      QString q = a;
      q.replace("'", "'\\''");
      quoted << "'" + q + "'";
    }
  }
  return quoted.join(' ');
}

QString ToolRun::Describe() const {
  QString what;
  if (!started) what = "could not be started";
  else if (timed_out) what = QString("timed out after %1 ms (killed)").arg(elapsed_ms);
  else if (crashed) what = QString("crashed after %1 ms").arg(elapsed_ms);
  else what = QString("exited %1 after %2 ms").arg(exit_code).arg(elapsed_ms);
  return QString("`%1` %2\n--- stderr ---\n%3\n--- stdout (tail) ---\n%4")
      .arg(command, what, Tail(err, 4000), Tail(out, 1500));
}

ToolRun RunTool(const QString& program, const QStringList& args, int timeout_ms, const QByteArray& input) {
  ToolRun run;
  run.command = ShellQuote(QStringList{program} + args);
  QProcess p;
  p.setProgram(program);
  p.setArguments(args);
  QElapsedTimer timer;
  timer.start();
  p.start();
  if (!p.waitForStarted(10000)) {
    run.err = p.errorString().toUtf8();
    return run;
  }
  run.started = true;
  if (!input.isEmpty()) p.write(input);
  p.closeWriteChannel();
  // Drain continuously so a chatty child never blocks on a full pipe.
  while (p.state() != QProcess::NotRunning) {
    if (timer.elapsed() > timeout_ms) {
      run.timed_out = true;
      p.kill();
      p.waitForFinished(5000);
      break;
    }
    p.waitForFinished(100);
    run.out += p.readAllStandardOutput();
    run.err += p.readAllStandardError();
  }
  run.out += p.readAllStandardOutput();
  run.err += p.readAllStandardError();
  run.elapsed_ms = timer.elapsed();
  run.crashed = !run.timed_out && p.exitStatus() == QProcess::CrashExit;
  run.exit_code = p.exitCode();
  return run;
}

QString PythonInterpreter() { return QStringLiteral("/usr/bin/python3"); }

QString ScriptPath(const QString& script) { return QStringLiteral(PARTITA_ITEST_SCRIPTS_DIR) + "/" + script; }

ToolRun RunPythonScript(const QString& script, const QStringList& args, int timeout_ms) {
  return RunTool(PythonInterpreter(), QStringList{"-u", ScriptPath(script)} + args, timeout_ms);
}

std::unique_ptr<QProcess> StartPythonScript(const QString& script, const QStringList& args, const QString& out_file,
                                            const QString& err_file) {
  auto p = std::make_unique<QProcess>();
  p->setProgram(PythonInterpreter());
  p->setArguments(QStringList{"-u", ScriptPath(script)} + args);
  p->setStandardOutputFile(out_file);
  p->setStandardErrorFile(err_file);
  p->setStandardInputFile(QProcess::nullDevice());
  p->start();
  p->waitForStarted(10000);
  return p;
}

QString MissingKcat() {
  if (QStandardPaths::findExecutable("kcat").isEmpty()) {
    return "kcat is not installed; install it with: apt-get install -y kcat";
  }
  return {};
}

QString MissingPythonModule(const QString& module, const QString& debian_package) {
  if (!QFileInfo(PythonInterpreter()).isExecutable()) {
    return "/usr/bin/python3 is missing; install it with: apt-get install -y python3 " + debian_package;
  }
  ToolRun run = RunTool(PythonInterpreter(), {"-c", "import " + module}, 30000);
  if (!run.ok()) {
    return QString("Python module %1 is not importable by /usr/bin/python3; install it with: apt-get install -y %2\n%3")
        .arg(module, debian_package, run.Describe());
  }
  return {};
}

QJsonObject LastJsonLine(const QByteArray& out) {
  const QList<QByteArray> lines = out.split('\n');
  for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
    const QByteArray line = it->trimmed();
    if (!line.startsWith('{')) continue;
    QJsonDocument doc = QJsonDocument::fromJson(line);
    if (doc.isObject()) return doc.object();
  }
  return {};
}

}  // namespace partita::itest
