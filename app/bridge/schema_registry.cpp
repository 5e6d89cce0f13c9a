#include "app/bridge/schema_registry.h"

#include <QMetaObject>
#include <QPointer>

#include "app/bridge/schema_catalog.h"
#include "app/bridge/schema_registry_worker.h"

namespace partita::app {

namespace {

// Runs work(worker) on the worker after the requests before it; deliver(registry, result) on the GUI thread,
// unless the registry is gone by then.
template <class Work, class Deliver>
void RunOnWorker(SchemaRegistryWorker* w, SchemaRegistry* registry, Work work, Deliver deliver) {
  QPointer<SchemaRegistry> self(registry);
  QMetaObject::invokeMethod(
      w,
      [w, self, work, deliver] {
        w->run([w, self, work, deliver] {
          auto result = work(w);
          QMetaObject::invokeMethod(
              self, [self, deliver, result] { if (self) deliver(self.data(), result); }, Qt::QueuedConnection);
        });
      },
      Qt::QueuedConnection);
}

}  // namespace

SchemaRegistry::SchemaRegistry(QObject* parent)
    : QObject(parent), m_catalog(std::make_shared<SchemaCatalog>()), m_worker(new SchemaRegistryWorker(m_catalog)) {
  qRegisterMetaType<DecodedRow>();
  qRegisterMetaType<QList<DecodedRow>>();
  qRegisterMetaType<RegistryAnswer>();
  qRegisterMetaType<EncodedValue>();
  m_thread.setObjectName(QStringLiteral("schema-registry"));
  m_worker->moveToThread(&m_thread);
  connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
  m_thread.start();
  // A filter scan's schema not parsed yet: asked of the worker like any request (in order, once per scan).
  m_catalog->setPoster([w = m_worker](int id, std::shared_ptr<std::promise<std::shared_ptr<const ParsedSchema>>> answer) {
    QMetaObject::invokeMethod(
        w, [w, id, answer] { w->run([w, id, answer] { answer->set_value(w->schema(id)); }); }, Qt::QueuedConnection);
  });
}

SchemaRegistry::~SchemaRegistry() {
  m_catalog->setPoster({});  // before the worker goes: a scan still running then decodes what it has
  m_thread.quit();
  m_thread.wait();
}

void SchemaRegistry::setEndpoint(const RegistryEndpoint& endpoint) {
  if (endpoint == m_endpoint) return;
  m_endpoint = endpoint;
  QMetaObject::invokeMethod(
      m_worker, [w = m_worker, endpoint] { w->run([w, endpoint] { w->setEndpoint(endpoint); }); }, Qt::QueuedConnection);
  emit endpointChanged();
}

void SchemaRegistry::setLocalSchemas(const LocalSchemaMap& schemas) {
  if (schemas == m_local) return;
  m_local = schemas;
  m_catalog->setLocalSchemas(schemas);  // at once, for the requests already queued too
  emit localSchemasChanged();
}

quint64 SchemaRegistry::decode(const QString& topic, const QList<MessageRow>& rows) {
  const quint64 ticket = m_nextTicket++;
  RunOnWorker(
      m_worker, this, [topic, rows](SchemaRegistryWorker* w) { return w->decode(topic, rows); },
      [ticket](SchemaRegistry* r, const QList<DecodedRow>& decoded) { emit r->decoded(ticket, decoded); });
  return ticket;
}

quint64 SchemaRegistry::call(const QByteArray& method, const QString& path, const QByteArray& body) {
  const quint64 ticket = m_nextTicket++;
  RunOnWorker(
      m_worker, this, [method, path, body](SchemaRegistryWorker* w) { return w->call(method, path, body); },
      [ticket](SchemaRegistry* r, const RegistryAnswer& answer) { emit r->answered(ticket, answer); });
  return ticket;
}

quint64 SchemaRegistry::encode(const QString& subject, const QString& json, const QString& messageName) {
  return requestEncoding([subject, json, messageName](SchemaRegistryWorker* w) { return w->encode(subject, json, messageName); });
}

quint64 SchemaRegistry::encodeLocal(const QString& topic, const QString& json, const QString& messageName,
                                    RecordDecoder::Part part) {
  return requestEncoding(
      [topic, json, messageName, part](SchemaRegistryWorker* w) { return w->encodeLocal(topic, part, json, messageName); });
}

quint64 SchemaRegistry::requestEncoding(std::function<EncodedValue(SchemaRegistryWorker*)> work) {
  const quint64 ticket = m_nextTicket++;
  RunOnWorker(m_worker, this, std::move(work),
              [ticket](SchemaRegistry* r, const EncodedValue& value) { emit r->encoded(ticket, value); });
  return ticket;
}

QString SchemaRegistry::describe(const DecodedPayload& p) {
  if (!p.localFile.isEmpty()) {
    QString text = tr("Local file %1").arg(p.localFile);
    if (!p.schemaType.isEmpty()) text += QStringLiteral(" · ") + p.schemaType;
    if (!p.messageName.isEmpty()) text += QStringLiteral(" · ") + p.messageName;
    if (p.schemaId >= 0) text += QStringLiteral(" · ") + tr("framed with schema id %1").arg(p.schemaId);
    return text;
  }
  QString text = tr("Schema %1").arg(p.schemaId);
  if (!p.subject.isEmpty()) text += QStringLiteral(" · ") + tr("%1 version %2").arg(p.subject).arg(p.version);
  if (!p.schemaType.isEmpty()) text += QStringLiteral(" · ") + p.schemaType;
  if (!p.messageName.isEmpty()) text += QStringLiteral(" · ") + p.messageName;
  return text;
}

}  // namespace partita::app
