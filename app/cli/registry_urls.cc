#include "app/cli/registry_urls.h"

#include <chrono>
#include <memory>
#include <thread>

#include <openssl/ssl.h>

#include "engine/coordination/zk_client.h"
#include "engine/metrics/http_client.h"

namespace partita::cli {

namespace {

const std::string kUrlsPath = "/partita/schema_registry/brokers";  // SchemaRegistryService's

// Whether the registry at `url` answers HTTP: this run's broker, not a URL left by an earlier run. Only liveness is
// asked (no credentials are sent), so an https:// registry's certificate is not verified here and a 401 of
// schema.registry.authentication.method=BASIC counts as an answer.
bool Answers(const std::string& url) {
  const bool tls = url.rfind("https://", 0) == 0;
  std::string rest = url.substr(url.find("://") == std::string::npos ? 0 : url.find("://") + 3);
  const auto colon = rest.rfind(':');
  if (colon == std::string::npos) return false;
  std::string host = rest.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  const int port = std::atoi(rest.substr(colon + 1).c_str());
  metrics::HttpCallOptions options;
  options.timeout = std::chrono::milliseconds(2000);
  std::shared_ptr<SSL_CTX> ctx;
  if (tls) {
    ctx.reset(SSL_CTX_new(TLS_client_method()), SSL_CTX_free);
    if (!ctx) return false;
    SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_NONE, nullptr);
    options.new_tls = [ctx](const std::string&) { return SSL_new(ctx.get()); };
  }
  auto answer = metrics::HttpCall(host, port, "GET", "/schemas/types", {{"Accept", "application/json"}}, "", options);
  return answer.ok() && (answer->status == 200 || answer->status == 401);
}

}  // namespace

Result<std::map<int, std::string>> ReadRegistryUrls(const std::string& zookeeper_connect, const std::vector<int>& brokers,
                                                    int timeout_ms) {
  auto zk = coordination::ZkClient::Connect(zookeeper_connect, 10000, 10000);
  if (!zk.ok()) return zk.status();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  std::map<int, std::string> urls;
  for (;;) {
    for (int id : brokers) {
      if (urls.count(id)) continue;
      auto node = (*zk)->Get(kUrlsPath + "/" + std::to_string(id));
      if (node.ok() && Answers(node->data)) urls[id] = node->data;
    }
    if (urls.size() == brokers.size() || std::chrono::steady_clock::now() >= deadline) return urls;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

}  // namespace partita::cli
