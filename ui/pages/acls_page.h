// The ACLs page (issue 10): the cluster's ACLs (DescribeAcls) in a table filtered as the user types (principal,
// resource type and name, pattern type, operation, permission), a form that adds one ACL and says what is wrong
// with it while it is typed (principal as User:name, a resource name, an operation valid for the resource type,
// a host), and Remove for the selected rows behind a confirmation that lists them. Every request runs in the
// AclMonitor's worker. A cluster without an authorizer (SECURITY_DISABLED) and a user without the cluster ACLs
// to read them get a sentence instead of an empty table (app/bridge/authorization_error.h).
// Ownership: owned by the main window's page stack; owns its monitor. GUI thread only.
#pragma once

#include <QList>

#include "app/bridge/acl_monitor.h"
#include "ui/pages/page.h"

class QAction;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QStandardItemModel;
class QTableView;

namespace partita::ui {

class EmptyStateWidget;

class AclsPage : public Page {
  Q_OBJECT

 public:
  explicit AclsPage(const QList<QAction*>& clusterActions, QWidget* parent = nullptr);
  ~AclsPage() override;

  QString title() const override;
  void setBootstrapServers(const QString& servers);
  void refresh();

  // Tests: the rows shown (after the filters), the form, adding and removing.
  const app::AclsSnapshot& snapshot() const { return m_snapshot; }
  QList<security::AclBinding> shownBindings() const { return m_shown; }
  QTableView* aclsView() const { return m_view; }
  QString statusText() const;
  QString formProblem() const;  // what the add form says is wrong ("" when Add is enabled)
  security::AclBinding formBinding() const;
  void addFromForm();
  // Asks for confirmation (unless `confirmed`), then removes the selected rows' ACLs.
  void removeSelected(bool confirmed = false);
  static QString removeConsequence(const QList<security::AclBinding>& bindings);
  static QString bindingText(const security::AclBinding& binding);

 signals:
  void refreshed();
  void addFinished(const QString& error);
  void removeFinished(const QString& error);

 protected:
  void retranslateUi() override;
  void showEvent(QShowEvent* event) override;

 private:
  QWidget* buildContent();
  QGroupBox* buildForm(QWidget* parent);
  void showSnapshot(const app::AclsSnapshot& snapshot);
  void render();  // m_snapshot through the filters into the table and the status line
  void validateForm();
  void fillFormOperations();
  void setStatus(const QString& text, bool error);
  QList<security::AclBinding> selectedBindings() const;

  app::AclMonitor* m_monitor;
  QStackedWidget* m_stack;
  EmptyStateWidget* m_emptyState;
  app::AclsSnapshot m_snapshot;
  bool m_loaded = false;
  QList<security::AclBinding> m_shown;

  QLineEdit* m_principalFilter = nullptr;
  QComboBox* m_typeFilter = nullptr;
  QLineEdit* m_nameFilter = nullptr;
  QComboBox* m_patternFilter = nullptr;
  QComboBox* m_operationFilter = nullptr;
  QComboBox* m_permissionFilter = nullptr;
  QPushButton* m_refreshButton = nullptr;
  QPushButton* m_removeButton = nullptr;
  QLabel* m_status = nullptr;
  QStandardItemModel* m_model = nullptr;
  QTableView* m_view = nullptr;

  QGroupBox* m_form = nullptr;
  QLabel* m_principalLabel = nullptr;
  QLineEdit* m_principal = nullptr;
  QLabel* m_permissionLabel = nullptr;
  QComboBox* m_permission = nullptr;
  QLabel* m_operationLabel = nullptr;
  QComboBox* m_operation = nullptr;
  QLabel* m_typeLabel = nullptr;
  QComboBox* m_type = nullptr;
  QLabel* m_patternLabel = nullptr;
  QComboBox* m_pattern = nullptr;
  QLabel* m_nameLabel = nullptr;
  QLineEdit* m_name = nullptr;
  QLabel* m_hostLabel = nullptr;
  QLineEdit* m_host = nullptr;
  QLabel* m_formProblem = nullptr;
  QPushButton* m_addButton = nullptr;
};

}  // namespace partita::ui
