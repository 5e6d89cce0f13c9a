#include "app/bridge/schema_registry.h"

#include <QMetaObject>
#include <QPointer>

#include "app/bridge/schema_registry_worker.h"

namespace partita::app {

SchemaRegistry::SchemaRegistry(QObject* parent) : QObject(parent), m_worker(new SchemaRegistryWorker) {
  qRegisterMetaType<DecodedRow>();
  qRegisterMetaType<QList<DecodedRow>>();
  qRegisterMetaType<RegistryAnswer>();
  qRegisterMetaType<EncodedValue>();
  m_thread.setObjectName(QStringLiteral("schema-registry"));
  m_worker->moveToThread(&m_thread);
  connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
  m_thread.start();
}

SchemaRegistry::~SchemaRegistry() {
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
  QMetaObject::invokeMethod(
      m_worker, [w = m_worker, schemas] { w->run([w, schemas] { w->setLocalSchemas(schemas); }); }, Qt::QueuedConnection);
  emit localSchemasChanged();
}

quint64 SchemaRegistry::decode(const QString& topic, const QList<MessageRow>& rows) {
  const quint64 ticket = m_nextTicket++;
  QPointer<SchemaRegistry> self(this);
  QMetaObject::invokeMethod(
      m_worker,
      [w = m_worker, self, ticket, topic, rows] {
        w->run([w, self, ticket, topic, rows] {
          const QList<DecodedRow> decoded = w->decode(topic, rows);
          QMetaObject::invokeMethod(
              self, [self, ticket, decoded] { if (self) emit self->decoded(ticket, decoded); }, Qt::QueuedConnection);
        });
      },
      Qt::QueuedConnection);
  return ticket;
}

quint64 SchemaRegistry::call(const QByteArray& method, const QString& path, const QByteArray& body) {
  const quint64 ticket = m_nextTicket++;
  QPointer<SchemaRegistry> self(this);
  QMetaObject::invokeMethod(
      m_worker,
      [w = m_worker, self, ticket, method, path, body] {
        w->run([w, self, ticket, method, path, body] {
          const RegistryAnswer answer = w->call(method, path, body);
          QMetaObject::invokeMethod(
              self, [self, ticket, answer] { if (self) emit self->answered(ticket, answer); }, Qt::QueuedConnection);
        });
      },
      Qt::QueuedConnection);
  return ticket;
}

quint64 SchemaRegistry::encode(const QString& subject, const QString& json, const QString& messageName) {
  const quint64 ticket = m_nextTicket++;
  QPointer<SchemaRegistry> self(this);
  QMetaObject::invokeMethod(
      m_worker,
      [w = m_worker, self, ticket, subject, json, messageName] {
        w->run([w, self, ticket, subject, json, messageName] {
          const EncodedValue value = w->encode(subject, json, messageName);
          QMetaObject::invokeMethod(
              self, [self, ticket, value] { if (self) emit self->encoded(ticket, value); }, Qt::QueuedConnection);
        });
      },
      Qt::QueuedConnection);
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
