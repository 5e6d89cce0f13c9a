// SchemasDialog: the Schema Registry of the current cluster (issue 15): its subjects, each subject's versions,
// the schema text, type and id of a version, and the compatibility level (the subject's, or the global one it
// inherits; it can be changed). "Register…" takes a schema text and type for the subject, asks the registry's
// compatibility check first (POST /compatibility/subjects/{s}/versions/latest?verbose=true) and shows its answer,
// then registers on request; Delete removes the shown version, soft or (after a soft delete) permanent, after a
// confirmation. Every request goes through the cluster's SchemaRegistry worker, never the GUI thread.
// Ownership: a non-modal child of the main window; the registry must outlive it (the dialog is closed and
// deleted when the current connection changes). GUI thread only.
#pragma once

#include <QDialog>
#include <QHash>
#include <QPointer>
#include <functional>

#include "app/bridge/schema_registry.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace partita::ui {

class SchemasDialog : public QDialog {
  Q_OBJECT

 public:
  explicit SchemasDialog(app::SchemaRegistry* registry, QWidget* parent = nullptr);

  void refresh();
  QListWidget* subjectList() const { return m_subjects; }
  QComboBox* versionCombo() const { return m_versions; }
  QString schemaText() const;
  QString detailText() const;
  QString statusText() const;
  bool isBusy() const { return !m_pending.isEmpty(); }
  // Register dialog parts, exposed for tests: checks `text` against the subject, then (register) registers it.
  void checkCompatibility(const QString& subject, const QString& type, const QString& text, bool registerAfter);
  // version < 0: the whole subject. Asks for confirmation unless confirmations are off (tests).
  void deleteVersion(const QString& subject, int version, bool permanent);
  void setConfirmationsEnabled(bool on) { m_confirm = on; }

 signals:
  void idle();  // no request in flight any more (tests wait for it)
  void statusChanged(const QString& text, bool error);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  using Handler = std::function<void(const app::RegistryAnswer&)>;
  void request(const QByteArray& method, const QString& path, const QByteArray& body, Handler handler);
  void loadVersions();
  void loadVersion();
  void loadLevel();
  void openRegisterDialog();
  void retranslateUi();
  void setStatus(const QString& text, bool error);
  QString currentSubject() const;

  QPointer<app::SchemaRegistry> m_registry;
  QHash<quint64, Handler> m_pending;
  bool m_confirm = true;
  QLabel* m_endpointLabel;
  QLabel* m_subjectsLabel;
  QListWidget* m_subjects;
  QLabel* m_versionLabel;
  QComboBox* m_versions;
  QLabel* m_levelLabel;
  QComboBox* m_level;
  QLabel* m_detail;
  QPlainTextEdit* m_text;
  QPushButton* m_refreshButton;
  QPushButton* m_registerButton;
  QPushButton* m_deleteButton;
  QCheckBox* m_permanent;
  QLabel* m_status;
  QString m_globalLevel;
};

}  // namespace partita::ui
