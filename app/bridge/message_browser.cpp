#include "app/bridge/message_browser.h"
#include "app/bridge/client_factory.h"

#include <QMetaObject>

#include "app/bridge/message_pager.h"
#include "app/bridge/record_decoder.h"
#include "app/bridge/schema_catalog.h"
#include "engine/client/cluster_client.h"

namespace partita::app {

struct MessageBrowser::Session {
  std::string servers;
  std::unique_ptr<client::ClusterClient> client;
  std::unique_ptr<MessagePager> pager;
};

MessageBrowser::MessageBrowser(QObject* parent) : QObject(parent), m_session(std::make_shared<Session>()) {
  m_pool.setMaxThreadCount(1);
  m_pool.setExpiryTimeout(-1);
}

MessageBrowser::~MessageBrowser() {
  m_pool.clear();
  m_pool.waitForDone();
}

void MessageBrowser::setBootstrapServers(const QString& servers) {
  m_servers = servers.trimmed();
  m_pool.clear();  // queued requests were meant for the old cluster
}

void MessageBrowser::fail(quint64 id, const QString& error) {
  QMetaObject::invokeMethod(this, [this, id, error] { emit requestFailed(id, error); }, Qt::QueuedConnection);
}

quint64 MessageBrowser::submit(std::function<void(MessagePager& pager, quint64 id)> work) {
  const quint64 id = m_nextId++;
  if (m_servers.isEmpty()) {
    fail(id, tr("Not connected to a cluster."));
    return id;
  }
  const std::string servers = m_servers.toStdString();
  std::shared_ptr<Session> session = m_session;
  m_pool.start([this, id, servers, session, work = std::move(work)] {
    if (!session->client || session->servers != servers) {
      session->pager.reset();
      session->client.reset();
      client::ClientOptions options;
      options.connection.connect_timeout_ms = 5000;
      options.connection.request_timeout_ms = 15000;
      auto connected = connectClusterClient(QString::fromStdString(servers), options);
      if (!connected.ok()) {
        fail(id, tr("Cannot connect to %1: %2")
                     .arg(QString::fromStdString(servers), QString::fromStdString(connected.status().ToString())));
        return;
      }
      session->client = std::move(*connected);
      session->servers = servers;
      session->pager = std::make_unique<MessagePager>(session->client.get());
    }
    work(*session->pager, id);
  });
  return id;
}

quint64 MessageBrowser::refreshTopics() {
  return submit([this](MessagePager& pager, quint64 id) {
    auto topics = pager.topics();
    if (!topics.ok()) return fail(id, QString::fromStdString(topics.status().ToString()));
    QMetaObject::invokeMethod(this, [this, id, list = *topics] { emit topicsReady(id, list); }, Qt::QueuedConnection);
  });
}

namespace {

// On the worker, for one request: the pager decodes records for the query's key / value filters (a decoder over
// the catalog's snapshot), and stops when the request ends.
class DecoderScope {
 public:
  DecoderScope(MessagePager& pager, const std::shared_ptr<SchemaCatalog>& catalog, const QString& topic)
      : m_pager(pager), m_decoder(catalog ? catalog->scanDecoder(topic) : nullptr) {
    m_pager.setDecoder(m_decoder.get());
  }
  ~DecoderScope() { m_pager.setDecoder(nullptr); }
  DecoderScope(const DecoderScope&) = delete;
  DecoderScope& operator=(const DecoderScope&) = delete;

 private:
  MessagePager& m_pager;
  std::unique_ptr<RecordDecoder> m_decoder;
};

template <class F>
auto pageWork(MessageBrowser* self, std::shared_ptr<SchemaCatalog> catalog, QString topic, F read) {
  return [self, catalog, topic, read](MessagePager& pager, quint64 id) {
    const DecoderScope decoding(pager, catalog, topic);
    Result<MessagePage> page = read(pager);
    if (!page.ok()) {
      const QString error = QString::fromStdString(page.status().ToString());
      QMetaObject::invokeMethod(self, [self, id, error] { emit self->requestFailed(id, error); }, Qt::QueuedConnection);
      return;
    }
    QMetaObject::invokeMethod(self, [self, id, p = std::move(*page)] { emit self->pageReady(id, p); },
                              Qt::QueuedConnection);
  };
}

}  // namespace

std::shared_ptr<SchemaCatalog> MessageBrowser::catalogFor(const MessageQuery& query) const {
  const bool decoding = !query.filter.keyContains.isEmpty() || !query.filter.valueContains.isEmpty();
  return decoding ? m_catalog : nullptr;
}

quint64 MessageBrowser::open(const MessageQuery& query) {
  return submit(pageWork(this, catalogFor(query), query.topic, [query](MessagePager& pager) { return pager.open(query); }));
}

quint64 MessageBrowser::nextPage(const MessageQuery& query, const MessagePage& current) {
  return submit(pageWork(this, catalogFor(query), query.topic,
                         [query, current](MessagePager& pager) { return pager.next(query, current); }));
}

quint64 MessageBrowser::previousPage(const MessageQuery& query, const MessagePage& current) {
  return submit(pageWork(this, catalogFor(query), query.topic,
                         [query, current](MessagePager& pager) { return pager.previous(query, current); }));
}

quint64 MessageBrowser::produce(const ProduceSpec& spec) {
  return submit([this, spec](MessagePager& pager, quint64 id) {
    auto outcome = pager.produce(spec);
    if (!outcome.ok()) return fail(id, QString::fromStdString(outcome.status().ToString()));
    QMetaObject::invokeMethod(this, [this, id, o = *outcome] { emit produced(id, o); }, Qt::QueuedConnection);
  });
}

quint64 MessageBrowser::search(const MessageQuery& query, int maxMatches, const std::optional<MessagePage>& after) {
  m_cancel->store(false);
  auto cancel = m_cancel;
  return submit([this, query, maxMatches, cancel, after, catalog = catalogFor(query)](MessagePager& pager, quint64 id) {
    // One decoder for the whole search: the schemas known when it starts, plus a few fetched on the way.
    const DecoderScope decoding(pager, catalog, query.topic);
    // Small steps: each one returns within a fraction of a second, so progress flows and Cancel is prompt.
    constexpr qint64 kStep = 20000;
    pager.setScanBudget(kStep);
    MessageQuery step = query;
    step.pageSize = std::max(1, maxMatches);
    Result<MessagePage> page = after ? pager.next(step, *after) : pager.open(step);
    MessagePage all;
    qint64 scanned = 0;
    bool first = true;
    while (page.ok()) {
      scanned += page->scanned;
      if (first) {
        all = *page;
        first = false;
      } else {
        all.rows += page->rows;
        all.end = page->end;
        all.hasNext = page->hasNext;
        all.bounds = page->bounds;
      }
      const int matches = int(all.rows.size());
      QMetaObject::invokeMethod(this, [this, id, scanned, matches] { emit searchProgress(id, scanned, matches); },
                                Qt::QueuedConnection);
      if (matches >= maxMatches || !page->hasNext) break;
      if (cancel->load()) {
        all.cancelled = true;
        break;
      }
      const MessagePage current = *page;
      page = pager.next(step, current);
    }
    pager.setScanBudget(MessagePager::kScanBudget);
    if (!page.ok()) {
      const QString error = QString::fromStdString(page.status().ToString());
      QMetaObject::invokeMethod(this, [this, id, error] { emit requestFailed(id, error); }, Qt::QueuedConnection);
      return;
    }
    all.scanned = scanned;
    all.scanLimited = false;
    QMetaObject::invokeMethod(this, [this, id, all] { emit pageReady(id, all); }, Qt::QueuedConnection);
  });
}

void MessageBrowser::cancelSearch() { m_cancel->store(true); }

}  // namespace partita::app
