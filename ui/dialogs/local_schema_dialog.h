// LocalSchemaDialog: points one topic's keys and values at local schema files (.avsc or .proto, issue 15), for
// clusters without a Schema Registry or records the registry does not hold. Each part has a file (typed or
// chosen with Browse…), for a .proto the message its records hold (or the records' own message indexes), and a
// line saying what the file holds or why it cannot be used, checked off the GUI thread as the file changes.
// After accept(), schemas() gives the choice (an empty path: that part is decoded as before).
// GUI thread only.
#pragma once

#include <QDialog>

#include <memory>

#include "app/bridge/local_schema.h"

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace partita::ui {

class LocalSchemaDialog : public QDialog {
  Q_OBJECT

 public:
  LocalSchemaDialog(const QString& topic, const app::LocalTopicSchemas& current, QWidget* parent = nullptr);

  app::LocalTopicSchemas schemas() const;
  // Sets a part's file as typing it would (tests); the check runs and ends with checked().
  void setKeyFile(const QString& path);
  void setValueFile(const QString& path);
  QString keyStatus() const;
  QString valueStatus() const;

 signals:
  void checked();

 private:
  struct Part {
    QLineEdit* path = nullptr;
    QPushButton* browse = nullptr;
    QLabel* fileLabel = nullptr;
    QLabel* messageLabel = nullptr;
    QComboBox* message = nullptr;
    QLabel* status = nullptr;
    QString wantedMessage;  // the message to select once the file is read
    quint64 generation = 0;
    std::shared_ptr<const app::LoadedLocalSchema> loaded;  // the last check's result
  };
  void retranslateUi();
  void changeEvent(QEvent* event) override;
  QWidget* buildPart(Part& part, const QString& objectPrefix, const app::LocalSchemaFile& current);
  void check(Part& part);
  void showLoaded(Part& part, const app::LoadedLocalSchema& loaded);
  app::LocalSchemaFile fileOf(const Part& part) const;

  const QString m_topic;
  QLabel* m_intro;
  QGroupBox* m_keyBox;
  QGroupBox* m_valueBox;
  Part m_key, m_value;
};

}  // namespace partita::ui
