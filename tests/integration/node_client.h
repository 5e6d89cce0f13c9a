// The kafkajs client scripts (tests/integration/node) for integration tests: installs their pinned npm packages
// (package-lock.json) with `npm ci` once into the build tree, and runs a script with node and NODE_PATH
// pointing at that install. A missing node or npm, or a failed install, is a message naming the fix (the test
// FAILS with it, never skips).
// Thread safety: free functions for the test thread; the install is not safe against two test processes at
// once (only test_itest_kafkajs uses it, and ctest runs one instance).
#pragma once

#include <QString>
#include <QStringList>

#include "tests/integration/external_tool.h"

namespace partita::itest {

// Empty when the packages of tests/integration/node/package-lock.json are installed under the build tree (by
// `npm ci --prefer-offline`, so npm's cache serves a repeated install; skipped when the lock file is unchanged
// since the last successful install); otherwise why not, with the command that fixes it.
QString InstallNodePackages();

// Runs tests/integration/node/<script> with node; NODE_PATH finds the installed packages.
ToolRun RunNodeScript(const QString& script, const QStringList& args, int timeout_ms);

}  // namespace partita::itest
