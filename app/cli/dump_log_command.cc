// partita-cli dump-log: kafka-dump-log.sh --files X.log[,Y.index] [--print-data-log] [--deep-iteration]
// [--offsets-decoder | --transaction-log-decoder] [--skip-record-metadata] [--key-decoder-class C]
// [--value-decoder-class C] [--max-bytes N] [--max-message-size N] [--index-sanity-check] [--verify-index-only].
#include <cstdio>

#include "app/cli/cli_args.h"
#include "app/cli/commands.h"
#include "app/cli/dump_log.h"

namespace partita::cli {

int RunDumpLog(const std::vector<std::string>& args) {
  static const std::vector<OptionSpec> specs = {
      {"--files", true, "REQUIRED: comma-separated .log, .index, .timeindex or .txnindex files"},
      {"--print-data-log", false, "print every record with its key and payload (implies --deep-iteration)"},
      {"--deep-iteration", false, "print every record's metadata (offset, timestamp, sizes, header keys)"},
      {"--offsets-decoder", false, "decode __consumer_offsets records as JSON (implies --print-data-log)"},
      {"--max-bytes", true, "N: read only the batches within the first N bytes of a .log file (default 2147483647)"},
      {"--index-sanity-check", false, "check an index as the broker does on open; print no entries"},
      {"--max-message-size", true, "N: the largest batch an offset index entry may point at (default 5242880)"},
      {"--verify-index-only", false, "check each index entry against its .log file; print no entries"},
      {"--transaction-log-decoder", false, "decode __transaction_state records as JSON (implies --print-data-log)"},
      {"--skip-record-metadata", false, "print only each record's key and payload, not its offset, sizes..."},
      {"--key-decoder-class", true, "CLASS: only kafka.serializer.StringDecoder (the default): keys print as text"},
      {"--value-decoder-class", true, "CLASS: only kafka.serializer.StringDecoder (the default): values as text"},
  };
  const char* verb = "dump-log";
  auto parsed = ParseArgs(args, specs);
  if (!parsed.ok()) return ReportUsage(verb, parsed.status().message());
  const ParsedArgs& a = *parsed;
  if (a.Has("--help")) {
    std::fputs(FormatHelp("partita-cli dump-log --files F.log[,G.index] [--print-data-log] [--deep-iteration] "
                          "[--offsets-decoder | --transaction-log-decoder] [--skip-record-metadata] [--max-bytes N] "
                          "[--index-sanity-check | --verify-index-only]",
                          specs)
                   .c_str(),
               stdout);
    return 0;
  }
  // Kafka loads these classes into its JVM; here keys and values print as text, which is its default.
  for (const char* flag : {"--key-decoder-class", "--value-decoder-class"}) {
    if (auto c = a.Get(flag); c && *c != "kafka.serializer.StringDecoder") {
      return ReportUsage(verb, std::string(flag) + " " + *c + " is not available: dump-log prints keys and values "
                                   "as text (kafka.serializer.StringDecoder); the desktop app decodes Avro, "
                                   "Protobuf and JSON Schema records with a Schema Registry");
    }
  }
  if (a.Has("--offsets-decoder") && a.Has("--transaction-log-decoder")) {
    return ReportUsage(verb, "--offsets-decoder and --transaction-log-decoder exclude each other");
  }
  auto files = a.Get("--files");
  if (!files) return ReportUsage(verb, "--files is required");
  DumpOptions options;
  options.print_data = a.Has("--print-data-log");
  options.deep_iteration = a.Has("--deep-iteration");
  options.offsets_decoder = a.Has("--offsets-decoder");
  options.transaction_log_decoder = a.Has("--transaction-log-decoder");
  options.skip_record_metadata = a.Has("--skip-record-metadata");
  options.index_sanity_check = a.Has("--index-sanity-check");
  options.verify_index_only = a.Has("--verify-index-only");
  if (auto m = a.Get("--max-message-size")) {
    auto n = ParseInt32(*m, "--max-message-size");
    if (!n.ok() || *n <= 0) return ReportUsage(verb, "--max-message-size must be a positive integer, not '" + *m + "'");
    options.max_message_size = *n;
  }
  if (auto m = a.Get("--max-bytes")) {
    auto n = ParseInt32(*m, "--max-bytes");
    if (!n.ok() || *n < 0) return ReportUsage(verb, "--max-bytes must be a non-negative integer, not '" + *m + "'");
    options.max_bytes = *n;
  }
  int rc = 0;
  auto out = [](const std::string& line) {
    std::fputs(line.c_str(), stdout);
    std::fputc('\n', stdout);
  };
  auto err = [](const std::string& line) {
    std::fflush(stdout);
    std::fputs(line.c_str(), stderr);
    std::fputc('\n', stderr);
  };
  for (const auto& f : SplitList(*files)) {
    Status st = DumpLogFile(f, options, out, err);
    if (!st.ok()) rc = ReportError(verb, st.message());
  }
  return rc;
}

}  // namespace partita::cli
