// TopicConfigDialog: a topic's configs as the broker describes them (name, value, source); values of writable
// entries are edited in place, "Revert to default" drops a topic override, and new keys can be added. After
// accept(), changes() and removals() give the IncrementalAlterConfigs to send. GUI thread only.
#pragma once

#include <QDialog>

#include "app/bridge/cluster_connection.h"

class QTableWidget;
class QLineEdit;

namespace partita::ui {

class TopicConfigDialog : public QDialog {
  Q_OBJECT

 public:
  TopicConfigDialog(const QString& topic, const QList<app::ConfigValue>& configs, QWidget* parent = nullptr);

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
