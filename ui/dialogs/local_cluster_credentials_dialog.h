// Shows how to reach a running secured local cluster (issue 10): bootstrap servers, security protocol, SASL
// mechanism, user, password and the CA file, each selectable, and a button that copies them as Kafka client
// properties (what partita-cli --command-config, kcat -X and librdkafka clients take). Non-modal; the sidebar
// opens it when a secured cluster comes up and from the entry's context menu.
// Owned by its parent (deleted on close). GUI thread only.
#pragma once

#include <QDialog>

#include "app/bridge/local_cluster_security.h"

class QLabel;
class QLineEdit;
class QPushButton;
class QFormLayout;

namespace partita::ui {

class LocalClusterCredentialsDialog : public QDialog {
  Q_OBJECT

 public:
  // `registryUrl`: the cluster's Schema Registry (https, the same user), empty when it serves none.
  LocalClusterCredentialsDialog(const QString& bootstrapServers, const app::LocalClusterCredentials& credentials,
                                const QString& registryUrl, QWidget* parent = nullptr);

  // The client properties the Copy button puts on the clipboard.
  QString clientProperties() const;

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslateUi();
  QLineEdit* addField(const QString& objectName, const QString& value);

  const QString m_bootstrap;
  const QString m_registryUrl;
  const app::LocalClusterCredentials m_credentials;
  QLabel* m_intro;
  QFormLayout* m_form;
  QList<QLineEdit*> m_fields;
  QPushButton* m_copy;
  QPushButton* m_close;
};

}  // namespace partita::ui
