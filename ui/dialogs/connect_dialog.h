// Asks for the bootstrap servers of a running Kafka cluster ("host:port[,host:port...]").
//
// Contract: accept() is only possible when every entry parses as host:port with a port in
// 1..65535; bootstrapServers() then returns the normalised, comma-separated list.
// Owned by whoever opens it (usually on the stack of a MainWindow slot). GUI thread only.
#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QComboBox;
class QLineEdit;

namespace partita::ui {

class ConnectDialog : public QDialog {
  Q_OBJECT

 public:
  explicit ConnectDialog(QWidget* parent = nullptr);

  QString bootstrapServers() const;
  // Saved profiles (name, bootstrap servers) offered in a list; picking one fills the servers.
  void setProfiles(const QList<QPair<QString, QString>>& profiles);
  void setBootstrapServers(const QString& servers);

  // Parses "a:1, b:2" into {"a:1","b:2"}; empty result means the text is not valid.
  static QStringList parseBootstrapServers(const QString& text);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslateUi();
  void updateState();

  QLabel* m_introLabel;
  QLabel* m_profileLabel;
  QComboBox* m_profiles;
  QLabel* m_serversLabel;
  QLineEdit* m_serversEdit;
  QLabel* m_errorLabel;
  QDialogButtonBox* m_buttons;
};

}  // namespace partita::ui
