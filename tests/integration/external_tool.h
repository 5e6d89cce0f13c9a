// External clients for integration tests: run kcat or a Python client script (with /usr/bin/python3) as a child
// process with a timeout, capture its stdout/stderr, and describe a failure with the full command line and its
// stderr. Missing tools are reported with the apt-get command that installs them (tests FAIL, never skip).
// Thread safety: free functions; QProcess objects are owned by the caller's thread.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <memory>

namespace partita::itest {

struct ToolRun {
  QString command;         // program and arguments, shell-quoted, for messages
  int exit_code = -1;
  bool started = false;
  bool timed_out = false;
  bool crashed = false;
  qint64 elapsed_ms = 0;
  QByteArray out;
  QByteArray err;
  bool ok() const { return started && !timed_out && !crashed && exit_code == 0; }
  // "command ... exited 1 after 123 ms; stderr: ..." (stderr and stdout tails).
  QString Describe() const;
};

// Runs program with args; writes input to its stdin (then closes it). Kills it after timeout_ms.
ToolRun RunTool(const QString& program, const QStringList& args, int timeout_ms, const QByteArray& input = {});

// Runs tests/integration/scripts/<script> with /usr/bin/python3.
ToolRun RunPythonScript(const QString& script, const QStringList& args, int timeout_ms);
QString ScriptPath(const QString& script);
QString PythonInterpreter();  // /usr/bin/python3

// Starts a Python script in the background (stdout/stderr to files under dir); the caller waits or kills it.
std::unique_ptr<QProcess> StartPythonScript(const QString& script, const QStringList& args, const QString& out_file,
                                            const QString& err_file);

// Empty when available; otherwise a message naming the install command.
QString MissingKcat();
QString MissingPythonModule(const QString& module, const QString& debian_package);

// The last line of out that parses as a JSON object (the scripts' one-line summary).
QJsonObject LastJsonLine(const QByteArray& out);

QString ShellQuote(const QStringList& argv);

}  // namespace partita::itest

// Fails the current test when a tool is missing, with the install command in the message.
#define ITEST_REQUIRE(missing_message)                                  \
  do {                                                                  \
    const QString itest_missing_ = (missing_message);                   \
    if (!itest_missing_.isEmpty()) QFAIL(qPrintable(itest_missing_));   \
  } while (0)
