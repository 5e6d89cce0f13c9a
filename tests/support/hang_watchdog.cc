// Linked into every test executable (partita_add_test): a test still running shortly before ctest's timeout
// prints every thread's stack (gdb, when installed) and aborts. A CI hang then names the frame it hung in
// instead of ending as a bare "Timeout" with nothing after the last log line.
//
// The deadline comes from PARTITA_TEST_WATCHDOG_S (set by partita_add_test to the ctest timeout minus a
// margin); without it the watchdog is off, so running a test binary by hand never aborts it.
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <errno.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

namespace {

// The gdb to run, or null when none is installed.
const char* FindGdb() {
  for (const char* path : {"/usr/bin/gdb", "/usr/local/bin/gdb", "/bin/gdb"})
    if (access(path, X_OK) == 0) return path;
  return nullptr;
}

// gdb attaches to us (Yama may only allow a ptracer we name) and prints all stacks to our stderr.
void PrintAllStacks() {
  const char* gdb = FindGdb();
  if (gdb == nullptr) {
    std::fprintf(stderr, "watchdog: gdb is not installed; no stacks\n");
    return;
  }
#ifdef PR_SET_PTRACER
  prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY, 0, 0, 0);
#endif
  const std::string pid = std::to_string(getpid());
  const pid_t child = fork();
  if (child == 0) {
    dup2(STDERR_FILENO, STDOUT_FILENO);
    execl(gdb, "gdb", "-p", pid.c_str(), "-batch", "-nx", "-ex", "set pagination off", "-ex",
          "thread apply all bt 40", static_cast<char*>(nullptr));
    _exit(127);
  }
  if (child < 0) return;
  // gdb stops us while it reads the stacks; give it a bounded time.
  for (int i = 0; i < 600; ++i) {
    int status = 0;
    if (waitpid(child, &status, WNOHANG) == child) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
}

struct HangWatchdog {
  HangWatchdog() {
    const char* limit = std::getenv("PARTITA_TEST_WATCHDOG_S");
    if (limit == nullptr) return;
    const int seconds = std::atoi(limit);
    if (seconds <= 0) return;
    std::thread([seconds] {
      std::this_thread::sleep_for(std::chrono::seconds(seconds));
      std::fprintf(stderr, "\nwatchdog: %s still running after %d s (ctest's timeout is near); thread stacks:\n",
                   program_invocation_short_name, seconds);
      std::fflush(stdout);
      PrintAllStacks();
      std::fprintf(stderr, "watchdog: aborting the hung test\n");
      // Past QtTest's crash handler, which would attach gdb a second time.
      signal(SIGABRT, SIG_DFL);
      std::abort();
    }).detach();
  }
};

const HangWatchdog watchdog;

}  // namespace
