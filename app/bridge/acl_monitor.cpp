#include "app/bridge/acl_monitor.h"

#include "engine/client/admin_acls.h"
#include "engine/client/cluster_client.h"
#include "engine/security/authorized_operations.h"

namespace partita::app {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

}  // namespace

QList<security::AclOperation> operationsFor(security::AclResourceType type) {
  QList<security::AclOperation> ops{security::AclOperation::kAll};
  for (security::AclOperation op : security::SupportedOperations(type)) ops.append(op);
  return ops;
}

QString aclProblem(const security::AclBinding& b) {
  const QString principal = qs(b.entry.principal);
  if (principal.trimmed().isEmpty()) return AclMonitor::tr("Enter a principal, for example User:alice.");
  const qsizetype colon = principal.indexOf(QLatin1Char(':'));
  if (colon <= 0 || colon == principal.size() - 1 || principal.contains(QLatin1Char(' ')))
    return AclMonitor::tr("A principal is written Type:name, for example User:alice (or User:* for everyone).");
  if (b.resource_name.empty()) return AclMonitor::tr("Enter the name of the resource (or * for all of its type).");
  if (b.resource_type == security::AclResourceType::kCluster && b.resource_name != security::kClusterResourceName)
    return AclMonitor::tr("The cluster resource is named kafka-cluster.");
  if (b.resource_name.find('/') != std::string::npos) return AclMonitor::tr("A resource name cannot contain '/'.");
  if (!operationsFor(b.resource_type).contains(b.entry.operation))
    return AclMonitor::tr("%1 is not an operation of this resource type.")
        .arg(QLatin1String(security::AclOperationName(b.entry.operation)));
  if (b.entry.host.empty()) return AclMonitor::tr("Enter a host address, or * for any host.");
  // Anything the engine's own validation still refuses (the same rule the broker applies).
  const std::string engine = security::AclBindingProblem(b);
  return engine.empty() ? QString() : qs(engine);
}

AclMonitor::AclMonitor(QObject* parent) : QObject(parent) { qRegisterMetaType<AclsSnapshot>(); }

void AclMonitor::refresh() {
  m_worker.run([this](client::ClusterClient* c, const QString& error) -> std::function<void()> {
    AclsSnapshot snap;
    snap.error = error;
    if (c != nullptr) {
      auto listed = client::DescribeAcls(*c, security::AclBindingFilter{});
      if (listed.ok()) {
        for (auto& b : *listed) snap.bindings.append(std::move(b));
      } else {
        snap.error = qs(listed.status().ToString());
        snap.securityDisabled = snap.error.contains(QLatin1String("SECURITY_DISABLED"));
      }
    }
    return [this, snap] { emit refreshed(snap); };
  });
}

void AclMonitor::add(const security::AclBinding& binding) {
  m_worker.run([this, binding](client::ClusterClient* c, const QString& error) -> std::function<void()> {
    QString result = error;
    if (c != nullptr) {
      Status st = client::CreateAcls(*c, {binding});
      if (!st.ok()) result = qs(st.ToString());
    }
    return [this, result] { emit added(result); };
  });
}

void AclMonitor::remove(const QList<security::AclBinding>& bindings) {
  if (bindings.isEmpty()) return;
  m_worker.run([this, bindings](client::ClusterClient* c, const QString& error) -> std::function<void()> {
    QString result = error;
    int deleted = 0;
    if (c != nullptr) {
      auto done = client::DeleteAcls(*c, std::vector<security::AclBinding>(bindings.begin(), bindings.end()));
      if (done.ok()) {
        deleted = int(done->size());
      } else {
        result = qs(done.status().ToString());
      }
    }
    return [this, deleted, result] { emit removed(deleted, result); };
  });
}

}  // namespace partita::app
