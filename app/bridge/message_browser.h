// MessageBrowser: the message page's bridge to a cluster. It owns one ClusterClient for the bootstrap list it
// was given (connected lazily on the worker) and runs every request on its own single worker thread, so
// requests run in order and the GUI thread never waits on the network. Each request returns an id; its
// result arrives as pageReady / topicsReady / produced, or as requestFailed with a readable error.
// Lifetime: the destructor waits for the request in progress (bounded by the client's timeouts); results
// of requests still queued are dropped. Thread safety: call from the GUI thread; signals arrive on it.
#pragma once

#include <QObject>
#include <QString>
#include <QThreadPool>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>

#include "app/bridge/message_types.h"

namespace partita::app {

class MessagePager;
class SchemaCatalog;

class MessageBrowser : public QObject {
  Q_OBJECT

 public:
  explicit MessageBrowser(QObject* parent = nullptr);
  ~MessageBrowser() override;

  // "host:port[,host:port]"; empty disconnects. The connection is made by the next request.
  void setBootstrapServers(const QString& servers);
  QString bootstrapServers() const { return m_servers; }

  quint64 refreshTopics();
  quint64 open(const MessageQuery& query);
  quint64 nextPage(const MessageQuery& query, const MessagePage& current);
  quint64 previousPage(const MessageQuery& query, const MessagePage& current);
  quint64 produce(const ProduceSpec& spec);
  // A filtered read that goes on, page after page, until `maxMatches` rows match or the end of the log, with
  // searchProgress() between steps; answers with pageReady (all matches in one page). cancelSearch() stops it at
  // the next step (a few thousand records): the page then holds what was found, with cancelled set. `after`:
  // continue after that page (Next) instead of from the query's start.
  quint64 search(const MessageQuery& query, int maxMatches, const std::optional<MessagePage>& after = std::nullopt);
  void cancelSearch();
  // What filtered reads (searches, and pages turned or tailed with a filter) decode records with (nullptr: raw
  // bytes only): a key / value filter then also matches the decoded JSON. Each request takes a RecordDecoder from
  // it on the worker thread, never waiting for the GUI thread.
  void setSchemaCatalog(std::shared_ptr<SchemaCatalog> catalog) { m_catalog = std::move(catalog); }

 signals:
  void topicsReady(quint64 requestId, const QList<partita::app::TopicSummary>& topics);
  void pageReady(quint64 requestId, const partita::app::MessagePage& page);
  void produced(quint64 requestId, const partita::app::ProduceOutcome& outcome);
  void requestFailed(quint64 requestId, const QString& error);
  void searchProgress(quint64 requestId, qint64 scanned, int matches);

 private:
  struct Session;
  // Runs work(pager) on the worker with a client for the current servers; deliver runs on the GUI thread.
  quint64 submit(std::function<void(MessagePager& pager, quint64 id)> work);
  void fail(quint64 id, const QString& error);
  // m_catalog when `query` filters keys or values (decoding is needed), else nullptr.
  std::shared_ptr<SchemaCatalog> catalogFor(const MessageQuery& query) const;

  QString m_servers;
  quint64 m_nextId = 1;
  std::shared_ptr<Session> m_session;  // used by the worker only
  std::shared_ptr<SchemaCatalog> m_catalog;
  std::shared_ptr<std::atomic<bool>> m_cancel = std::make_shared<std::atomic<bool>>(false);
  QThreadPool m_pool;
};

}  // namespace partita::app
