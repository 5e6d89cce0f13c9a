// TopicConfigDialog: a topic's or a broker's configs as the broker describes them (name, value, source); values
// of writable entries are edited in place, read-only ones are greyed (for a broker: the keys Kafka cannot change
// without a restart), "Revert to default" drops an override, and new keys can be added. After accept(),
// changes() and removals() give the IncrementalAlterConfigs to send. GUI thread only.
#pragma once

#include <QDialog>

#include "app/bridge/cluster_connection.h"

class QTableWidget;
class QLineEdit;

namespace partita::ui {

class TopicConfigDialog : public QDialog {
  Q_OBJECT

 public:
  enum class Resource { Topic, Broker };
  // `name`: the topic name, or the broker id for Resource::Broker.
  TopicConfigDialog(const QString& name, const QList<app::ConfigValue>& configs, QWidget* parent = nullptr,
                    Resource resource = Resource::Topic);

  QList<QPair<QString, QString>> changes() const;  // set these
  QStringList removals() const;                    // back to the default
  QTableWidget* table() const { return m_table; }
  // Adds or overrides one key as if the user typed it.
  void setValue(const QString& name, const QString& value);

 private:
  void revertSelected();
  void addKey();

  QList<app::ConfigValue> m_original;
  QTableWidget* m_table;
  QLineEdit* m_newKey;
  QLineEdit* m_newValue;
  QStringList m_removed;
};

}  // namespace partita::ui
