// The Schemas page (issue 15): the current connection's Schema Registry. Subjects on the left; for the chosen
// subject its versions, the shown version's id and type, its schema text pretty-printed and highlighted
// (SchemaHighlighter), a Compare tab with the line diff of any two versions (SchemaDiffView; by default the
// shown version against the one before), the subject's compatibility level and the global one (both settable).
// "Register New Version…" asks the registry's verbose compatibility check first
// (POST /compatibility/subjects/{s}/versions/latest?verbose=true), shows its answer and registers only a
// compatible schema; Delete removes the shown version or the whole subject, soft or (after a soft delete)
// permanent, after a confirmation. A connection without a registry, or a registry that does not answer, gets an
// empty state that says so. Every request goes through the connection's SchemaRegistry worker, never the GUI
// thread; answers for a subject or version no longer shown are dropped.
// Ownership: owned by the main window's page stack; the registry belongs to the connection (held by QPointer,
// replaced by setSchemaRegistry when the current connection changes). GUI thread only.
#pragma once

#include <QHash>
#include <QMetaObject>
#include <QPointer>
#include <functional>

#include "app/bridge/schema_registry.h"
#include "ui/pages/page.h"

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTabWidget;

namespace partita::ui {

class EmptyStateWidget;
class RegisterSchemaDialog;
class SchemaDiffView;
class SchemaHighlighter;

class SchemasPage : public Page {
  Q_OBJECT

 public:
  enum Tab { SchemaTab = 0, CompareTab = 1 };

  explicit SchemasPage(const QList<QAction*>& clusterActions, QWidget* parent = nullptr);

  QString title() const override;
  // The current connection's registry (nullptr: no connection); the page refreshes when its endpoint changes.
  void setSchemaRegistry(app::SchemaRegistry* registry);

  void refresh();
  // Whether the page shows its content (false: the empty state, see emptyStateTitle()).
  bool showsContent() const;
  QString emptyStateTitle() const;
  QListWidget* subjectList() const { return m_subjects; }
  QComboBox* versionCombo() const { return m_versions; }
  QComboBox* levelCombo() const { return m_level; }
  QComboBox* globalLevelCombo() const { return m_globalLevel; }
  QComboBox* compareFromCombo() const { return m_compareFrom; }
  QComboBox* compareToCombo() const { return m_compareTo; }
  QTabWidget* tabs() const { return m_tabs; }
  SchemaDiffView* diffView() const { return m_diffView; }
  SchemaHighlighter* highlighter() const { return m_highlighter; }
  QPlainTextEdit* schemaView() const { return m_text; }
  QString schemaText() const;
  QString detailText() const;
  QString statusText() const;
  bool isBusy() const { return !m_pending.isEmpty(); }
  // Opens the Register dialog with the shown subject, type and text (what the button does).
  RegisterSchemaDialog* openRegisterDialog();
  // Checks `text` against the subject's latest version, then (registerAfter) registers it if compatible.
  void checkCompatibility(const QString& subject, const QString& type, const QString& text, bool registerAfter);
  // version < 0: the whole subject. Asks for confirmation unless confirmations are off (tests).
  void deleteVersion(const QString& subject, int version, bool permanent);
  void setConfirmationsEnabled(bool on) { m_confirm = on; }

 signals:
  void idle();  // no request in flight any more (tests wait for it)
  void statusChanged(const QString& text, bool error);

 protected:
  void retranslateUi() override;
  void changeEvent(QEvent* event) override;
  void showEvent(QShowEvent* event) override;

 private:
  using Handler = std::function<void(const app::RegistryAnswer&)>;
  // A version's schema as shown: type and pretty-printed text.
  struct VersionText {
    int id = 0;
    QString type;
    QString text;
  };
  enum class Empty { None, NoConnection, NoRegistry, Unreachable };

  QWidget* buildContent();
  void request(const QByteArray& method, const QString& path, const QByteArray& body, Handler handler);
  // The version's text from the cache or the registry; `done` is not called when the request fails.
  void fetchVersion(const QString& subject, int version, std::function<void(const VersionText&)> done);
  void loadSubject();
  void loadVersion();
  void renderDetail();  // "Schema id 3 · AVRO · version 2 of orders-value" for the shown version
  void loadLevel();
  void updateDiff();
  void setLevel(const QString& subject, const QString& level);
  void setEmpty(Empty reason, const QString& error = {});
  void renderEmptyState();
  void setStatus(const QString& text, bool error);
  void renderStatus();
  QString currentSubject() const;

  QPointer<app::SchemaRegistry> m_registry;
  QList<QMetaObject::Connection> m_registryLinks;
  QHash<quint64, Handler> m_pending;
  QHash<QString, VersionText> m_versionTexts;  // by "subject\nversion"; cleared on refresh
  bool m_confirm = true;
  Empty m_empty = Empty::NoConnection;
  QString m_emptyError;
  QString m_globalLevelValue;
  bool m_subjectLevelOwn = false;
  QString m_statusText;
  bool m_statusError = false;

  QStackedWidget* m_stack;
  EmptyStateWidget* m_emptyState;
  QAction* m_retryAction;
  QLabel* m_endpointLabel = nullptr;
  QLabel* m_globalLevelLabel = nullptr;
  QComboBox* m_globalLevel = nullptr;
  QPushButton* m_refreshButton = nullptr;
  QPushButton* m_registerButton = nullptr;
  QLabel* m_subjectsLabel = nullptr;
  QListWidget* m_subjects = nullptr;
  QLabel* m_versionLabel = nullptr;
  QComboBox* m_versions = nullptr;
  QLabel* m_levelLabel = nullptr;
  QComboBox* m_level = nullptr;
  QLabel* m_levelOrigin = nullptr;
  QLabel* m_detail = nullptr;
  QTabWidget* m_tabs = nullptr;
  QPlainTextEdit* m_text = nullptr;
  SchemaHighlighter* m_highlighter = nullptr;
  QLabel* m_compareFromLabel = nullptr;
  QComboBox* m_compareFrom = nullptr;
  QLabel* m_compareToLabel = nullptr;
  QComboBox* m_compareTo = nullptr;
  SchemaDiffView* m_diffView = nullptr;
  QCheckBox* m_permanent = nullptr;
  QPushButton* m_deleteVersionButton = nullptr;
  QPushButton* m_deleteSubjectButton = nullptr;
  QLabel* m_status = nullptr;
};

}  // namespace partita::ui
