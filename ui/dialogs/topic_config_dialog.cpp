#include "ui/dialogs/topic_config_dialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace partita::ui {
namespace {

enum Column { kName, kValue, kSource };

}  // namespace

TopicConfigDialog::TopicConfigDialog(const QString& name, const QList<app::ConfigValue>& configs, QWidget* parent,
                                     Resource resource)
    : QDialog(parent),
      m_original(configs),
      m_table(new QTableWidget(int(configs.size()), 3, this)),
      m_newKey(new QLineEdit(this)),
      m_newValue(new QLineEdit(this)) {
  setObjectName(QStringLiteral("topicConfigDialog"));
  const bool broker = resource == Resource::Broker;
  setWindowTitle(broker ? tr("Configs of Broker %1").arg(name) : tr("Configs of %1").arg(name));
  m_table->setObjectName(QStringLiteral("configTable"));
  m_table->setHorizontalHeaderLabels({tr("Name"), tr("Value"), tr("Source")});
  m_table->verticalHeader()->hide();
  m_table->horizontalHeader()->setSectionResizeMode(kName, QHeaderView::ResizeToContents);
  m_table->horizontalHeader()->setSectionResizeMode(kValue, QHeaderView::Stretch);
  m_table->horizontalHeader()->setSectionResizeMode(kSource, QHeaderView::ResizeToContents);
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  for (int row = 0; row < configs.size(); ++row) {
    const app::ConfigValue& c = configs[row];
    auto* name = new QTableWidgetItem(c.name);
    name->setFlags(name->flags() & ~Qt::ItemIsEditable);
    if (!c.isDefault) {
      QFont f = name->font();
      f.setBold(true);
      name->setFont(f);
    }
    auto* value = new QTableWidgetItem(c.sensitive ? tr("(hidden)") : c.value);
    if (c.readOnly || c.sensitive) value->setFlags(value->flags() & ~Qt::ItemIsEditable);
    if (c.readOnly) {
      value->setForeground(palette().brush(QPalette::Disabled, QPalette::Text));
      value->setToolTip(tr("Read-only: changes only in server.properties, with a broker restart"));
    }
    auto* source = new QTableWidgetItem(c.source);
    source->setFlags(source->flags() & ~Qt::ItemIsEditable);
    m_table->setItem(row, kName, name);
    m_table->setItem(row, kValue, value);
    m_table->setItem(row, kSource, source);
  }

  auto* revert = new QPushButton(tr("&Revert to Default"), this);
  revert->setObjectName(QStringLiteral("revertButton"));
  m_newKey->setPlaceholderText(tr("new key"));
  m_newValue->setPlaceholderText(tr("value"));
  auto* add = new QPushButton(tr("&Add"), this);
  auto* row = new QHBoxLayout;
  row->addWidget(revert);
  row->addStretch();
  row->addWidget(m_newKey);
  row->addWidget(m_newValue);
  row->addWidget(add);

  auto* hint = new QLabel(broker ? tr("Bold names are set for this broker (in server.properties or dynamically); greyed "
                                      "values are read-only and change only in server.properties, with a restart.")
                                 : tr("Bold names are set on this topic; the others come from the broker's defaults."),
                          this);
  hint->setWordWrap(true);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
  buttons->addButton(tr("&Apply"), QDialogButtonBox::AcceptRole);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(hint);
  layout->addWidget(m_table, 1);
  layout->addLayout(row);
  layout->addWidget(buttons);
  connect(revert, &QPushButton::clicked, this, &TopicConfigDialog::revertSelected);
  connect(add, &QPushButton::clicked, this, &TopicConfigDialog::addKey);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  resize(640, 480);
}

void TopicConfigDialog::setValue(const QString& name, const QString& value) {
  for (int row = 0; row < m_table->rowCount(); ++row) {
    if (m_table->item(row, kName)->text() == name) {
      m_table->item(row, kValue)->setText(value);
      m_removed.removeAll(name);
      return;
    }
  }
  const int row = m_table->rowCount();
  m_table->insertRow(row);
  m_table->setItem(row, kName, new QTableWidgetItem(name));
  m_table->setItem(row, kValue, new QTableWidgetItem(value));
  m_table->setItem(row, kSource, new QTableWidgetItem(tr("new")));
}

void TopicConfigDialog::addKey() {
  const QString key = m_newKey->text().trimmed();
  if (key.isEmpty()) return;
  setValue(key, m_newValue->text().trimmed());
  m_newKey->clear();
  m_newValue->clear();
}

void TopicConfigDialog::revertSelected() {
  for (const QModelIndex& index : m_table->selectionModel()->selectedRows()) {
    const QString name = m_table->item(index.row(), kName)->text();
    if (!m_removed.contains(name)) m_removed << name;
    m_table->item(index.row(), kValue)->setText(tr("(default)"));
    m_table->item(index.row(), kValue)->setFlags(m_table->item(index.row(), kValue)->flags() & ~Qt::ItemIsEditable);
  }
}

QList<QPair<QString, QString>> TopicConfigDialog::changes() const {
  QList<QPair<QString, QString>> result;
  for (int row = 0; row < m_table->rowCount(); ++row) {
    const QString name = m_table->item(row, kName)->text();
    const QString value = m_table->item(row, kValue)->text();
    if (m_removed.contains(name)) continue;
    const bool known = row < m_original.size();
    if (!known || (!m_original[row].readOnly && !m_original[row].sensitive && m_original[row].value != value))
      result.append({name, value});
  }
  return result;
}

QStringList TopicConfigDialog::removals() const { return m_removed; }

}  // namespace partita::ui
