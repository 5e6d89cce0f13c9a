// Dialogs of the Topics page: create a topic, delete one (the user types its name to confirm), add partitions.
// Each validates as the user types and keeps OK disabled while the input is refused, with the reason shown
// under the form. Owned by whoever opens them. GUI thread only.
#pragma once

#include <QDialog>
#include <QSet>

#include "app/bridge/cluster_connection.h"

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace partita::ui {

class CreateTopicDialog : public QDialog {
  Q_OBJECT

 public:
  // brokerCount: live brokers (RF above it is refused); existing: names already taken.
  CreateTopicDialog(int brokerCount, const QSet<QString>& existing, QWidget* parent = nullptr);

  app::TopicSpec spec() const;
  // Why the input is refused, empty when it is acceptable.
  QString validationError() const;
  // Kafka's rules: 1..249 chars of [a-zA-Z0-9._-], not "." or "..". Empty result: valid.
  static QString topicNameError(const QString& name);

  QLineEdit* nameEdit() const { return m_name; }
  QSpinBox* partitionsSpin() const { return m_partitions; }
  QSpinBox* replicationSpin() const { return m_replication; }
  QPlainTextEdit* configsEdit() const { return m_configs; }
  bool acceptable() const;

 private:
  void updateState();
  QList<QPair<QString, QString>> parseConfigs(QString* error) const;

  const int m_brokerCount;
  const QSet<QString> m_existing;
  QLineEdit* m_name;
  QSpinBox* m_partitions;
  QSpinBox* m_replication;
  QPlainTextEdit* m_configs;
  QLabel* m_error;
  QDialogButtonBox* m_buttons;
  QPushButton* m_createButton;
};

class DeleteTopicDialog : public QDialog {
  Q_OBJECT

 public:
  DeleteTopicDialog(const QString& topic, QWidget* parent = nullptr);
  QLineEdit* confirmEdit() const { return m_confirm; }
  bool acceptable() const;

 private:
  const QString m_topic;
  QLineEdit* m_confirm;
  QDialogButtonBox* m_buttons;
};

class AddPartitionsDialog : public QDialog {
  Q_OBJECT

 public:
  AddPartitionsDialog(const QString& topic, int currentCount, QWidget* parent = nullptr);
  int totalCount() const;
  QSpinBox* countSpin() const { return m_count; }

 private:
  QSpinBox* m_count;
};

}  // namespace partita::ui
