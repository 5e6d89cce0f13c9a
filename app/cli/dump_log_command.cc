// partita-cli dump-log: kafka-dump-log.sh --files X.log[,Y.index] [--print-data-log].
#include <cstdio>

#include "app/cli/cli_args.h"
#include "app/cli/commands.h"
#include "app/cli/dump_log.h"

namespace partita::cli {

int RunDumpLog(const std::vector<std::string>& args) {
  static const std::vector<OptionSpec> specs = {
      {"--files", true, "REQUIRED: comma-separated .log, .index or .timeindex files"},
      {"--print-data-log", false, "print every record with its key and payload"},
      {"--deep-iteration", false, "accepted for compatibility (records are always iterated with --print-data-log)"},
  };
  auto parsed = ParseArgs(args, specs);
  if (!parsed.ok()) return ReportUsage("dump-log", parsed.status().message());
  if (parsed->Has("--help")) {
    std::fputs(FormatHelp("partita-cli dump-log --files F.log[,G.index] [--print-data-log]", specs).c_str(), stdout);
    return 0;
  }
  auto files = parsed->Get("--files");
  if (!files) return ReportUsage("dump-log", "--files is required");
  int rc = 0;
  for (const auto& f : SplitList(*files)) {
    Status st = DumpLogFile(f, parsed->Has("--print-data-log"), [](const std::string& line) {
      std::fputs(line.c_str(), stdout);
      std::fputc('\n', stdout);
    });
    if (!st.ok()) rc = ReportError("dump-log", st.message());
  }
  return rc;
}

}  // namespace partita::cli
