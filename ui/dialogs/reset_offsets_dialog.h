// "Reset offsets" of a consumer group: pick the partitions (all the group has offsets for, or one topic) and
// a strategy (earliest, latest, date/time, shift by N, specific offset), compute a preview (the new offset of
// every partition), then reset. The dialog never talks to the cluster: it asks for a preview and for the reset
// through signals and is told the outcome (setPreview / setPreviewFailed / setResetFailed / setResetSucceeded);
// a refusal (Kafka resets only groups without members) is shown with the broker's reason and the dialog stays.
//
// Contract: Reset is enabled only while the preview on screen was computed for exactly the current inputs;
// any change to the inputs discards it. Owned by whoever opens it. GUI thread only.
#pragma once

#include <QDialog>
#include <QStringList>

#include <optional>

#include "app/bridge/group_snapshot.h"

class QButtonGroup;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QTableView;

namespace partita::ui {

class OffsetResetPreviewModel;

class ResetOffsetsDialog : public QDialog {
  Q_OBJECT

 public:
  // `topics`: the topics offered besides "all partitions with committed offsets".
  ResetOffsetsDialog(const QString& group, const QString& groupState, const QStringList& topics,
                     QWidget* parent = nullptr);

  QString group() const { return m_group; }
  // The spec the inputs describe, or nullopt with *error saying what to fix.
  std::optional<app::OffsetResetSpec> spec(QString* error = nullptr) const;

  void setGroupState(const QString& state);
  void setPreview(const app::OffsetResetPreview& preview);
  void setPreviewFailed(const QString& error);
  void setResetFailed(const QString& error);
  void setResetSucceeded();

  bool canReset() const;
  QString message() const;

 signals:
  void previewRequested(const partita::app::OffsetResetSpec& spec);
  void resetRequested(const partita::app::OffsetResetPreview& preview);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslateUi();
  void inputsChanged();
  void requestPreview();
  void requestReset();
  void showMessage(const QString& text, bool error);

  QString m_group;
  QString m_state;
  QLabel* m_intro;
  QLabel* m_warning;
  QLabel* m_topicLabel;
  QComboBox* m_topic;
  QButtonGroup* m_kinds;
  QRadioButton* m_earliest;
  QRadioButton* m_latest;
  QRadioButton* m_dateTime;
  QRadioButton* m_shift;
  QRadioButton* m_specific;
  QDateTimeEdit* m_dateTimeEdit;
  QLineEdit* m_shiftEdit;
  QLineEdit* m_offsetEdit;
  QPushButton* m_previewButton;
  QPushButton* m_resetButton;
  QPushButton* m_closeButton;
  QTableView* m_previewView;
  OffsetResetPreviewModel* m_previewModel;
  QLabel* m_message;
  bool m_busy = false;
};

}  // namespace partita::ui
