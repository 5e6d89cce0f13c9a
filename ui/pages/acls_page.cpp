#include "ui/pages/acls_page.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QShowEvent>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

#include "app/bridge/authorization_error.h"
#include "ui/empty_state_widget.h"
#include "ui/resources.h"

namespace partita::ui {

namespace {

using security::AclBinding;
using security::AclOperation;
using security::AclPatternType;
using security::AclPermission;
using security::AclResourceType;

constexpr AclResourceType kTypes[] = {AclResourceType::kTopic, AclResourceType::kGroup, AclResourceType::kCluster,
                                      AclResourceType::kTransactionalId};
constexpr AclOperation kAllOperations[] = {
    AclOperation::kAll,    AclOperation::kRead,          AclOperation::kWrite,           AclOperation::kCreate,
    AclOperation::kDelete, AclOperation::kAlter,         AclOperation::kDescribe,        AclOperation::kClusterAction,
    AclOperation::kDescribeConfigs, AclOperation::kAlterConfigs, AclOperation::kIdempotentWrite};

QString name(const char* kafkaName) { return QLatin1String(kafkaName); }
QString patternName(AclPatternType p) {
  return p == AclPatternType::kPrefixed ? QStringLiteral("Prefixed") : QStringLiteral("Literal");
}

QStandardItem* item(const QString& text) {
  auto* i = new QStandardItem(text);
  i->setEditable(false);
  return i;
}

// A combo's first item is "any" (data -1), the others carry the Kafka code.
int codeOf(const QComboBox* combo) { return combo->currentData().toInt(); }

}  // namespace

AclsPage::AclsPage(const QList<QAction*>& clusterActions, QWidget* parent)
    : Page(parent),
      m_monitor(new app::AclMonitor(this)),
      m_stack(new QStackedWidget(this)),
      m_emptyState(new EmptyStateWidget(icon(QStringLiteral("nav-acls")), this)) {
  setObjectName(QStringLiteral("aclsPage"));
  for (QAction* action : clusterActions) m_emptyState->addAction(action);
  stackEmptyStateAndContent(m_stack, m_emptyState, buildContent());
  connect(m_monitor, &app::AclMonitor::refreshed, this, &AclsPage::showSnapshot);
  connect(m_monitor, &app::AclMonitor::added, this, [this](const QString& error) {
    if (error.isEmpty()) {
      setStatus(tr("Added the ACL."), false);
      m_principal->clear();
    } else {
      setStatus(app::errorInWords(tr("Adding the ACL failed: %1").arg(error),
                                  app::principalFor(m_monitor->bootstrapServers())),
                true);
    }
    emit addFinished(error);
    refresh();
  });
  connect(m_monitor, &app::AclMonitor::removed, this, [this](int deleted, const QString& error) {
    if (error.isEmpty()) {
      setStatus(tr("Removed %n ACL(s).", nullptr, deleted), false);
    } else {
      setStatus(app::errorInWords(tr("Removing the ACLs failed: %1").arg(error),
                                  app::principalFor(m_monitor->bootstrapServers())),
                true);
    }
    emit removeFinished(error);
    refresh();
  });
  retranslateUi();
}

AclsPage::~AclsPage() = default;

QWidget* AclsPage::buildContent() {
  auto* content = new QWidget(this);
  auto* layout = new QVBoxLayout(content);

  m_principalFilter = new QLineEdit(content);
  m_principalFilter->setObjectName(QStringLiteral("aclPrincipalFilter"));
  m_principalFilter->setClearButtonEnabled(true);
  m_typeFilter = new QComboBox(content);
  m_typeFilter->setObjectName(QStringLiteral("aclTypeFilter"));
  m_typeFilter->addItem(QString(), -1);
  for (AclResourceType t : kTypes) m_typeFilter->addItem(name(security::AclResourceTypeName(t)), int(t));
  m_nameFilter = new QLineEdit(content);
  m_nameFilter->setObjectName(QStringLiteral("aclNameFilter"));
  m_nameFilter->setClearButtonEnabled(true);
  m_patternFilter = new QComboBox(content);
  m_patternFilter->setObjectName(QStringLiteral("aclPatternFilter"));
  m_patternFilter->addItem(QString(), -1);
  m_patternFilter->addItem(patternName(AclPatternType::kLiteral), int(AclPatternType::kLiteral));
  m_patternFilter->addItem(patternName(AclPatternType::kPrefixed), int(AclPatternType::kPrefixed));
  m_operationFilter = new QComboBox(content);
  m_operationFilter->setObjectName(QStringLiteral("aclOperationFilter"));
  m_operationFilter->addItem(QString(), -1);
  for (AclOperation op : kAllOperations) m_operationFilter->addItem(name(security::AclOperationName(op)), int(op));
  m_permissionFilter = new QComboBox(content);
  m_permissionFilter->setObjectName(QStringLiteral("aclPermissionFilter"));
  m_permissionFilter->addItem(QString(), -1);
  m_permissionFilter->addItem(name(security::AclPermissionName(AclPermission::kAllow)), int(AclPermission::kAllow));
  m_permissionFilter->addItem(name(security::AclPermissionName(AclPermission::kDeny)), int(AclPermission::kDeny));
  m_refreshButton = new QPushButton(content);
  m_refreshButton->setObjectName(QStringLiteral("aclRefreshButton"));
  auto* filters = new QHBoxLayout;
  filters->addWidget(m_principalFilter, 2);
  filters->addWidget(m_typeFilter, 1);
  filters->addWidget(m_nameFilter, 2);
  filters->addWidget(m_patternFilter, 1);
  filters->addWidget(m_operationFilter, 1);
  filters->addWidget(m_permissionFilter, 1);
  filters->addWidget(m_refreshButton);
  layout->addLayout(filters);
  for (QLineEdit* e : {m_principalFilter, m_nameFilter}) connect(e, &QLineEdit::textChanged, this, &AclsPage::render);
  for (QComboBox* c : {m_typeFilter, m_patternFilter, m_operationFilter, m_permissionFilter})
    connect(c, &QComboBox::currentIndexChanged, this, &AclsPage::render);
  connect(m_refreshButton, &QPushButton::clicked, this, &AclsPage::refresh);

  m_status = new QLabel(content);
  m_status->setObjectName(QStringLiteral("aclsStatus"));
  m_status->setWordWrap(true);
  m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_status->hide();
  layout->addWidget(m_status);

  m_model = new QStandardItemModel(0, 7, this);
  m_view = new QTableView(content);
  m_view->setObjectName(QStringLiteral("aclsView"));
  m_view->setModel(m_model);
  m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
  m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_view->setAlternatingRowColors(true);
  m_view->verticalHeader()->hide();
  m_view->horizontalHeader()->setStretchLastSection(true);
  m_view->setWordWrap(false);
  layout->addWidget(m_view, 1);

  auto* actions = new QHBoxLayout;
  m_removeButton = new QPushButton(content);
  m_removeButton->setObjectName(QStringLiteral("aclRemoveButton"));
  m_removeButton->setEnabled(false);
  actions->addStretch();
  actions->addWidget(m_removeButton);
  layout->addLayout(actions);
  connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
          [this] { m_removeButton->setEnabled(!selectedBindings().isEmpty()); });
  connect(m_removeButton, &QPushButton::clicked, this, [this] { removeSelected(); });

  layout->addWidget(buildForm(content));
  return content;
}

QGroupBox* AclsPage::buildForm(QWidget* parent) {
  m_form = new QGroupBox(parent);
  m_form->setObjectName(QStringLiteral("aclAddForm"));
  auto* grid = new QGridLayout(m_form);
  m_principalLabel = new QLabel(m_form);
  m_principal = new QLineEdit(m_form);
  m_principal->setObjectName(QStringLiteral("aclFormPrincipal"));
  m_permissionLabel = new QLabel(m_form);
  m_permission = new QComboBox(m_form);
  m_permission->setObjectName(QStringLiteral("aclFormPermission"));
  m_permission->addItem(name(security::AclPermissionName(AclPermission::kAllow)), int(AclPermission::kAllow));
  m_permission->addItem(name(security::AclPermissionName(AclPermission::kDeny)), int(AclPermission::kDeny));
  m_operationLabel = new QLabel(m_form);
  m_operation = new QComboBox(m_form);
  m_operation->setObjectName(QStringLiteral("aclFormOperation"));
  m_typeLabel = new QLabel(m_form);
  m_type = new QComboBox(m_form);
  m_type->setObjectName(QStringLiteral("aclFormResourceType"));
  for (AclResourceType t : kTypes) m_type->addItem(name(security::AclResourceTypeName(t)), int(t));
  m_patternLabel = new QLabel(m_form);
  m_pattern = new QComboBox(m_form);
  m_pattern->setObjectName(QStringLiteral("aclFormPattern"));
  m_pattern->addItem(patternName(AclPatternType::kLiteral), int(AclPatternType::kLiteral));
  m_pattern->addItem(patternName(AclPatternType::kPrefixed), int(AclPatternType::kPrefixed));
  m_nameLabel = new QLabel(m_form);
  m_name = new QLineEdit(m_form);
  m_name->setObjectName(QStringLiteral("aclFormResourceName"));
  m_hostLabel = new QLabel(m_form);
  m_host = new QLineEdit(QStringLiteral("*"), m_form);
  m_host->setObjectName(QStringLiteral("aclFormHost"));
  m_formProblem = new QLabel(m_form);
  m_formProblem->setObjectName(QStringLiteral("aclFormProblem"));
  m_formProblem->setWordWrap(true);
  m_formProblem->setStyleSheet(QStringLiteral("color: #d9534f;"));
  m_addButton = new QPushButton(m_form);
  m_addButton->setObjectName(QStringLiteral("aclAddButton"));

  grid->addWidget(m_principalLabel, 0, 0);
  grid->addWidget(m_principal, 0, 1);
  grid->addWidget(m_permissionLabel, 0, 2);
  grid->addWidget(m_permission, 0, 3);
  grid->addWidget(m_operationLabel, 0, 4);
  grid->addWidget(m_operation, 0, 5);
  grid->addWidget(m_typeLabel, 1, 0);
  grid->addWidget(m_type, 1, 1);
  grid->addWidget(m_patternLabel, 1, 2);
  grid->addWidget(m_pattern, 1, 3);
  grid->addWidget(m_nameLabel, 1, 4);
  grid->addWidget(m_name, 1, 5);
  grid->addWidget(m_hostLabel, 2, 0);
  grid->addWidget(m_host, 2, 1);
  grid->addWidget(m_formProblem, 2, 2, 1, 3);
  grid->addWidget(m_addButton, 2, 5, Qt::AlignRight);
  grid->setColumnStretch(1, 2);
  grid->setColumnStretch(5, 2);

  fillFormOperations();
  connect(m_type, &QComboBox::currentIndexChanged, this, [this] {
    // The cluster has one resource, named kafka-cluster, and only literal ACLs name it usefully.
    const bool cluster = AclResourceType(codeOf(m_type)) == AclResourceType::kCluster;
    m_name->setText(cluster ? QString::fromLatin1(security::kClusterResourceName) : QString());
    m_name->setReadOnly(cluster);
    fillFormOperations();
    validateForm();
  });
  for (QLineEdit* e : {m_principal, m_name, m_host}) connect(e, &QLineEdit::textChanged, this, &AclsPage::validateForm);
  for (QComboBox* c : {m_permission, m_operation, m_pattern})
    connect(c, &QComboBox::currentIndexChanged, this, &AclsPage::validateForm);
  connect(m_addButton, &QPushButton::clicked, this, &AclsPage::addFromForm);
  connect(m_principal, &QLineEdit::returnPressed, this, &AclsPage::addFromForm);
  return m_form;
}

void AclsPage::fillFormOperations() {
  const int previous = codeOf(m_operation);
  const QSignalBlocker block(m_operation);
  m_operation->clear();
  for (AclOperation op : app::operationsFor(AclResourceType(codeOf(m_type))))
    m_operation->addItem(name(security::AclOperationName(op)), int(op));
  const int again = m_operation->findData(previous);
  m_operation->setCurrentIndex(again >= 0 ? again : 0);
}

QString AclsPage::title() const { return tr("ACLs"); }

void AclsPage::retranslateUi() {
  m_emptyState->setTitle(tr("No ACLs to show"));
  m_emptyState->setDescription(
      tr("The access control lists of a cluster with an authorizer appear here: who may read, write or administer "
         "which topics, groups and transactional ids. Start a local cluster or connect to one to see them."));
  m_principalFilter->setPlaceholderText(tr("Principal contains…"));
  m_typeFilter->setItemText(0, tr("Any resource type"));
  m_nameFilter->setPlaceholderText(tr("Resource name contains…"));
  m_patternFilter->setItemText(0, tr("Any pattern"));
  m_operationFilter->setItemText(0, tr("Any operation"));
  m_permissionFilter->setItemText(0, tr("Allow or deny"));
  m_refreshButton->setText(tr("Refresh"));
  m_removeButton->setText(tr("Remove selected…"));
  m_removeButton->setToolTip(tr("Delete the selected ACLs from the cluster"));
  m_model->setHorizontalHeaderLabels({tr("Principal"), tr("Permission"), tr("Operation"), tr("Resource type"),
                                      tr("Pattern"), tr("Resource name"), tr("Host")});
  m_form->setTitle(tr("Add an ACL"));
  m_principalLabel->setText(tr("Principal:"));
  m_principal->setPlaceholderText(tr("User:alice"));
  m_permissionLabel->setText(tr("Permission:"));
  m_operationLabel->setText(tr("Operation:"));
  m_typeLabel->setText(tr("Resource type:"));
  m_patternLabel->setText(tr("Pattern:"));
  m_nameLabel->setText(tr("Resource name:"));
  m_name->setPlaceholderText(tr("orders, or * for all"));
  m_hostLabel->setText(tr("Host:"));
  m_addButton->setText(tr("Add ACL"));
  validateForm();
  render();
}

void AclsPage::setBootstrapServers(const QString& servers) {
  m_monitor->setBootstrapServers(servers);
  m_snapshot = {};
  m_loaded = false;
  m_model->removeRows(0, m_model->rowCount());
  m_shown.clear();
  if (servers.trimmed().isEmpty()) {
    m_stack->setCurrentIndex(0);
    setStatus(QString(), false);
    return;
  }
  m_stack->setCurrentIndex(1);
  setStatus(tr("Loading ACLs…"), false);
  if (isVisible()) refresh();
}

void AclsPage::showEvent(QShowEvent* event) {
  Page::showEvent(event);
  refresh();
}

void AclsPage::refresh() {
  if (!m_monitor->bootstrapServers().isEmpty()) m_monitor->refresh();
}

QString AclsPage::statusText() const { return m_status->isVisible() ? m_status->text() : QString(); }

void AclsPage::setStatus(const QString& text, bool error) {
  m_status->setText(text);
  m_status->setStyleSheet(error ? QStringLiteral("color: #d9534f;") : QString());
  m_status->setVisible(!text.isEmpty());
}

void AclsPage::showSnapshot(const app::AclsSnapshot& snapshot) {
  m_snapshot = snapshot;
  m_loaded = true;
  render();
  emit refreshed();
}

void AclsPage::render() {
  if (!m_loaded) return;
  const QString principal = m_principalFilter->text().trimmed();
  const QString resource = m_nameFilter->text().trimmed();
  auto matches = [&](const AclBinding& b) {
    return (principal.isEmpty() || QString::fromStdString(b.entry.principal).contains(principal, Qt::CaseInsensitive)) &&
           (resource.isEmpty() || QString::fromStdString(b.resource_name).contains(resource, Qt::CaseInsensitive)) &&
           (codeOf(m_typeFilter) < 0 || codeOf(m_typeFilter) == int(b.resource_type)) &&
           (codeOf(m_patternFilter) < 0 || codeOf(m_patternFilter) == int(b.pattern_type)) &&
           (codeOf(m_operationFilter) < 0 || codeOf(m_operationFilter) == int(b.entry.operation)) &&
           (codeOf(m_permissionFilter) < 0 || codeOf(m_permissionFilter) == int(b.entry.permission));
  };
  m_shown.clear();
  m_model->removeRows(0, m_model->rowCount());
  for (const AclBinding& b : m_snapshot.bindings) {
    if (!matches(b)) continue;
    m_shown.append(b);
    m_model->appendRow({item(QString::fromStdString(b.entry.principal)),
                        item(name(security::AclPermissionName(b.entry.permission))),
                        item(name(security::AclOperationName(b.entry.operation))),
                        item(name(security::AclResourceTypeName(b.resource_type))), item(patternName(b.pattern_type)),
                        item(QString::fromStdString(b.resource_name)), item(QString::fromStdString(b.entry.host))});
  }
  if (!m_shown.isEmpty()) m_view->resizeColumnsToContents();  // an empty table keeps the headers readable
  m_removeButton->setEnabled(!selectedBindings().isEmpty());
  const QString who = app::principalFor(m_monitor->bootstrapServers());
  if (m_snapshot.securityDisabled) {
    setStatus(app::authorizationSentence(app::AuthorizationFailure::kSecurityDisabled, who) + QLatin1Char(' ') +
                  tr("Set authorizer.class.name on the brokers to use ACLs."),
              true);
  } else if (!m_snapshot.error.isEmpty()) {
    setStatus(app::errorInWords(m_snapshot.error, who), true);
  } else {
    setStatus(tr("%1 of %n ACL(s) shown.", nullptr, int(m_snapshot.bindings.size())).arg(m_shown.size()), false);
  }
}

AclBinding AclsPage::formBinding() const {
  AclBinding b;
  b.resource_type = AclResourceType(codeOf(m_type));
  b.resource_name = m_name->text().trimmed().toStdString();
  b.pattern_type = AclPatternType(codeOf(m_pattern));
  b.entry.principal = m_principal->text().trimmed().toStdString();
  b.entry.host = m_host->text().trimmed().toStdString();
  b.entry.operation = AclOperation(codeOf(m_operation));
  b.entry.permission = AclPermission(codeOf(m_permission));
  return b;
}

QString AclsPage::formProblem() const { return app::aclProblem(formBinding()); }

void AclsPage::validateForm() {
  const QString problem = formProblem();
  // An empty form is not an error yet: say nothing until the user types.
  const bool untouched = m_principal->text().isEmpty();
  m_formProblem->setText(untouched ? QString() : problem);
  m_addButton->setEnabled(problem.isEmpty());
}

void AclsPage::addFromForm() {
  if (!formProblem().isEmpty() || m_monitor->bootstrapServers().isEmpty()) return;
  const AclBinding b = formBinding();
  setStatus(tr("Adding %1…").arg(bindingText(b)), false);
  m_monitor->add(b);
}

QList<AclBinding> AclsPage::selectedBindings() const {
  QList<AclBinding> out;
  for (const QModelIndex& row : m_view->selectionModel()->selectedRows())
    if (row.row() < m_shown.size()) out.append(m_shown[row.row()]);
  return out;
}

QString AclsPage::bindingText(const AclBinding& b) {
  return tr("%1 %2 %3 on %4 %5 (%6) from %7")
      .arg(QString::fromStdString(b.entry.principal), name(security::AclPermissionName(b.entry.permission)),
           name(security::AclOperationName(b.entry.operation)), name(security::AclResourceTypeName(b.resource_type)),
           QString::fromStdString(b.resource_name), patternName(b.pattern_type), QString::fromStdString(b.entry.host));
}

QString AclsPage::removeConsequence(const QList<AclBinding>& bindings) {
  QStringList lines;
  for (const AclBinding& b : bindings) lines << QStringLiteral("• ") + bindingText(b);
  return tr("Remove %n ACL(s)?\n\n%1\n\nClients that relied on them are refused from the next request on (every "
            "broker applies the change within a second). This cannot be undone.",
            nullptr, int(bindings.size()))
      .arg(lines.join(QLatin1Char('\n')));
}

void AclsPage::removeSelected(bool confirmed) {
  const QList<AclBinding> targets = selectedBindings();
  if (targets.isEmpty()) return;
  if (!confirmed) {
    QMessageBox box(QMessageBox::Warning, tr("Remove ACLs"), removeConsequence(targets), QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("removeAclsConfirmation"));
    QPushButton* remove = box.addButton(tr("Remove"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != remove) return;
  }
  setStatus(tr("Removing %n ACL(s)…", nullptr, int(targets.size())), false);
  m_monitor->remove(targets);
}

}  // namespace partita::ui
