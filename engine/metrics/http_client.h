// HttpCall: one blocking HTTP/1.1 exchange (a fresh connection, "Connection: close"), for the broker's own
// calls between brokers — a Schema Registry follower forwarding a write to the leader, as Confluent's followers
// do. The answer's body is read by its Content-Length (or to the end of the stream), at most max_body_bytes.
// Thread safety: a free function; each call has its own io_context.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <string>

#include "engine/common/status.h"
#include "engine/metrics/http_server.h"

namespace partita::metrics {

struct HttpCallOptions {
  std::chrono::milliseconds timeout{10000};  // the whole exchange
  size_t max_body_bytes = 64 << 20;
  // Set: https. A new client-side OpenSSL session for `host` (owned by the call from then on; the maker sets
  // SNI and the name to verify), or nullptr when none can be made.
  std::function<SSL*(const std::string& host)> new_tls;
};

// `headers` are sent as given (Host, Content-Length and Connection are added). Fails with Unavailable when no
// connection was made (nothing was sent: safe to retry), IOError / Timeout when no answer arrives after the
// request may have been received; an HTTP error status is an answer, not a failure.
Result<HttpResponse> HttpCall(const std::string& host, int port, const std::string& method, const std::string& target,
                              const std::map<std::string, std::string>& headers, const std::string& body,
                              const HttpCallOptions& options = {});

}  // namespace partita::metrics
