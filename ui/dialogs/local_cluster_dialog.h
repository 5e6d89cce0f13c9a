// Asks how to start a local cluster: its name, how many brokers, which ports, where their data lives, and
// whether it is secured (TLS + SCRAM: a generated CA, SASL_SSL listeners, an admin user; issue 10).
//
// Contract: request() is meaningful after the dialog was accepted; the data directory is an
// absolute path (it may not exist yet). Owned by whoever opens it. GUI thread only.
#pragma once

#include <QDialog>
#include <QMetaType>
#include <QString>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace partita::ui {

// What the user asked for; a value the main window hands on to whoever starts clusters.
struct LocalClusterRequest {
  int brokerCount = 3;
  QString dataDirectory;
  QString name;      // shown in the Clusters list; empty: the data directory's name
  int basePort = 0;  // ZooKeeper on basePort, broker i on basePort + i; 0: free ports
  bool secured = false;
};

class LocalClusterDialog : public QDialog {
  Q_OBJECT

 public:
  explicit LocalClusterDialog(QWidget* parent = nullptr);

  LocalClusterRequest request() const;
  void setRequest(const LocalClusterRequest& request);

  // Where local clusters live unless the user picks another place.
  static QString defaultDataDirectory();

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslateUi();
  void browse();
  void updateState();

  QLabel* m_introLabel;
  QLabel* m_brokersLabel;
  QSpinBox* m_brokersSpin;
  QLabel* m_nameLabel;
  QLineEdit* m_nameEdit;
  QLabel* m_basePortLabel;
  QSpinBox* m_basePortSpin;
  QLabel* m_dataDirLabel;
  QLineEdit* m_dataDirEdit;
  QPushButton* m_browseButton;
  QCheckBox* m_securedCheck;
  QLabel* m_securedNote;
  QDialogButtonBox* m_buttons;
  QPushButton* m_startButton;  // AcceptRole (a renamed standard Ok says "OK" again on a language change)
};

}  // namespace partita::ui

Q_DECLARE_METATYPE(partita::ui::LocalClusterRequest)
