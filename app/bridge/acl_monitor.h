// AclMonitor: the ACL page's bridge to a cluster. Every request runs in its ClusterWorker (one ClusterClient on
// one worker thread), so the GUI thread never waits on the network: refresh() lists every ACL (DescribeAcls with an all-matching filter; the page filters
// locally as the user types), add() creates one binding (CreateAcls), remove() deletes exactly the given
// bindings (DeleteAcls). A cluster without an authorizer answers SECURITY_DISABLED, reported as such.
// Also the add form's validation (aclProblem), which the page runs on each keystroke.
// Lifetime: the worker's destructor waits for the request in progress; results for an older list are dropped.
// Thread safety: call from the GUI thread; signals arrive on it.
#pragma once

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>

#include "app/bridge/cluster_worker.h"
#include "engine/security/acl.h"

namespace partita::app {

struct AclsSnapshot {
  QList<security::AclBinding> bindings;
  QString error;                  // empty when the cluster answered
  bool securityDisabled = false;  // the cluster has no authorizer (SECURITY_DISABLED)
};

// Why the add form's binding cannot be created, in words (empty when it can): the principal as "User:name", a
// resource name (the cluster's is kafka-cluster), no '/' in it, an operation Kafka allows for the resource type
// (AclEntry.supportedOperations, or All), a host.
QString aclProblem(const security::AclBinding& binding);
// The operations the form offers for a resource type: All, then Kafka's supported operations of the type.
QList<security::AclOperation> operationsFor(security::AclResourceType type);

class AclMonitor : public QObject {
  Q_OBJECT

 public:
  explicit AclMonitor(QObject* parent = nullptr);

  // "host:port,..."; empty disconnects.
  void setBootstrapServers(const QString& servers) { m_worker.setBootstrapServers(servers); }
  QString bootstrapServers() const { return m_worker.bootstrapServers(); }
  bool busy() const { return m_worker.busy(); }

  void refresh();
  void add(const security::AclBinding& binding);
  void remove(const QList<security::AclBinding>& bindings);

 signals:
  void refreshed(const partita::app::AclsSnapshot& snapshot);
  void added(const QString& error);                  // empty on success
  void removed(int deleted, const QString& error);  // error empty on success

 private:
  ClusterWorker m_worker;
};

}  // namespace partita::app

Q_DECLARE_METATYPE(partita::app::AclsSnapshot)
