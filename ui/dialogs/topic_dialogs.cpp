#include "ui/dialogs/topic_dialogs.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

namespace partita::ui {
namespace {

// The default of partita.max.partitions.per.topic, the bound a Partita broker puts on hostile counts: the
// dialogs stop there so a typo like 1000000 never leaves the app (any broker still answers for itself).
constexpr int kMaxPartitionsPerTopic = 10000;

QLabel* errorLabel(QWidget* parent) {
  auto* label = new QLabel(parent);
  label->setObjectName(QStringLiteral("validationError"));
  label->setWordWrap(true);
  QPalette pal = label->palette();
  pal.setColor(QPalette::WindowText, QColor(0xd9, 0x30, 0x25));
  label->setPalette(pal);
  return label;
}

}  // namespace

CreateTopicDialog::CreateTopicDialog(int brokerCount, const QSet<QString>& existing, QWidget* parent)
    : QDialog(parent),
      m_brokerCount(brokerCount),
      m_existing(existing),
      m_name(new QLineEdit(this)),
      m_partitions(new QSpinBox(this)),
      m_replication(new QSpinBox(this)),
      m_configs(new QPlainTextEdit(this)),
      m_error(errorLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this)),
      m_createButton(m_buttons->addButton(tr("&Create"), QDialogButtonBox::AcceptRole)) {
  setObjectName(QStringLiteral("createTopicDialog"));
  setWindowTitle(tr("Create Topic"));
  m_name->setObjectName(QStringLiteral("topicNameEdit"));
  m_name->setPlaceholderText(tr("orders"));
  m_partitions->setObjectName(QStringLiteral("partitionsSpin"));
  m_partitions->setRange(1, kMaxPartitionsPerTopic);
  m_partitions->setValue(3);
  m_replication->setObjectName(QStringLiteral("replicationSpin"));
  m_replication->setRange(1, 32);
  m_replication->setValue(std::clamp(brokerCount, 1, 3));
  m_configs->setObjectName(QStringLiteral("configsEdit"));
  m_configs->setPlaceholderText(tr("One key=value per line, e.g.\nretention.ms=86400000\ncleanup.policy=compact"));
  m_configs->setFixedHeight(90);

  auto* form = new QFormLayout;
  form->addRow(tr("&Name:"), m_name);
  form->addRow(tr("&Partitions:"), m_partitions);
  form->addRow(tr("&Replication factor:"), m_replication);
  form->addRow(tr("&Configs:"), m_configs);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(m_error);
  layout->addWidget(m_buttons);
  connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
    if (acceptable()) accept();
  });
  connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(m_name, &QLineEdit::textChanged, this, &CreateTopicDialog::updateState);
  connect(m_partitions, &QSpinBox::valueChanged, this, &CreateTopicDialog::updateState);
  connect(m_replication, &QSpinBox::valueChanged, this, &CreateTopicDialog::updateState);
  connect(m_configs, &QPlainTextEdit::textChanged, this, &CreateTopicDialog::updateState);
  // Room for a two-line reason, so the dialog does not jump (or clip it) when one appears.
  m_error->setMinimumHeight(m_error->fontMetrics().lineSpacing() * 2 + 4);
  m_error->setAlignment(Qt::AlignLeft | Qt::AlignTop);
  resize(460, sizeHint().height());
  updateState();
}

QString CreateTopicDialog::topicNameError(const QString& name) {
  if (name.isEmpty()) return tr("Enter a topic name.");
  if (name == QLatin1String(".") || name == QLatin1String("..")) return tr("\".\" and \"..\" are not topic names.");
  if (name.size() > 249) return tr("A topic name has at most 249 characters.");
  static const QRegularExpression valid(QStringLiteral("^[a-zA-Z0-9._-]+$"));
  if (!valid.match(name).hasMatch())
    return tr("A topic name may only contain letters a-z and A-Z, digits, '.', '_' and '-'.");
  return {};
}

QList<QPair<QString, QString>> CreateTopicDialog::parseConfigs(QString* error) const {
  QList<QPair<QString, QString>> configs;
  const QStringList lines = m_configs->toPlainText().split(QLatin1Char('\n'));
  for (int i = 0; i < lines.size(); ++i) {
    const QString line = lines[i].trimmed();
    if (line.isEmpty() || line.startsWith(QLatin1Char('#'))) continue;
    const qsizetype eq = line.indexOf(QLatin1Char('='));
    if (eq <= 0) {
      if (error != nullptr) *error = tr("Config line %1 is not key=value.").arg(i + 1);
      return {};
    }
    configs.append({line.left(eq).trimmed(), line.mid(eq + 1).trimmed()});
  }
  return configs;
}

QString CreateTopicDialog::validationError() const {
  const QString name = m_name->text().trimmed();
  if (QString e = topicNameError(name); !e.isEmpty()) return e;
  if (m_existing.contains(name)) return tr("A topic named \"%1\" already exists.").arg(name);
  if (m_replication->value() > m_brokerCount)
    return tr("The replication factor (%1) cannot exceed the number of live brokers (%2).")
        .arg(m_replication->value())
        .arg(m_brokerCount);
  QString configError;
  parseConfigs(&configError);
  return configError;
}

bool CreateTopicDialog::acceptable() const { return validationError().isEmpty(); }

void CreateTopicDialog::updateState() {
  const QString error = validationError();
  // An empty name is the starting point, not a mistake: keep quiet about it until something was typed.
  m_error->setText(m_name->text().isEmpty() ? QString() : error);
  m_createButton->setEnabled(error.isEmpty());
}

app::TopicSpec CreateTopicDialog::spec() const {
  app::TopicSpec s;
  s.name = m_name->text().trimmed();
  s.partitions = m_partitions->value();
  s.replicationFactor = m_replication->value();
  s.configs = parseConfigs(nullptr);
  return s;
}

DeleteTopicDialog::DeleteTopicDialog(const QString& topic, QWidget* parent)
    : QDialog(parent),
      m_topic(topic),
      m_confirm(new QLineEdit(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this)) {
  setObjectName(QStringLiteral("deleteTopicDialog"));
  setWindowTitle(tr("Delete Topic"));
  auto* text = new QLabel(tr("Deleting <b>%1</b> removes all its messages on every broker. This cannot be undone."
                             "<br>Type the topic name to confirm.")
                              .arg(topic.toHtmlEscaped()),
                          this);
  text->setWordWrap(true);
  m_confirm->setObjectName(QStringLiteral("confirmEdit"));
  m_confirm->setPlaceholderText(topic);
  QPushButton* ok = m_buttons->addButton(tr("&Delete"), QDialogButtonBox::AcceptRole);
  ok->setEnabled(false);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(text);
  layout->addWidget(m_confirm);
  layout->addWidget(m_buttons);
  connect(m_confirm, &QLineEdit::textChanged, this, [this, ok] { ok->setEnabled(acceptable()); });
  connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
    if (acceptable()) accept();
  });
  connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  m_buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
}

bool DeleteTopicDialog::acceptable() const { return m_confirm->text() == m_topic; }

AddPartitionsDialog::AddPartitionsDialog(const QString& topic, int currentCount, QWidget* parent)
    : QDialog(parent), m_count(new QSpinBox(this)) {
  setObjectName(QStringLiteral("addPartitionsDialog"));
  setWindowTitle(tr("Add Partitions"));
  auto* text = new QLabel(tr("<b>%1</b> has %n partition(s). Partitions can be added but never removed; keys "
                             "will map to different partitions afterwards.",
                             nullptr, currentCount)
                              .arg(topic.toHtmlEscaped()),
                          this);
  text->setWordWrap(true);
  m_count->setObjectName(QStringLiteral("partitionCountSpin"));
  m_count->setRange(currentCount + 1, std::max(currentCount + 1, kMaxPartitionsPerTopic));
  m_count->setValue(currentCount + 1);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
  buttons->addButton(tr("&Add"), QDialogButtonBox::AcceptRole);
  auto* form = new QFormLayout;
  form->addRow(tr("&Total partitions:"), m_count);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(text);
  layout->addLayout(form);
  layout->addWidget(buttons);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

int AddPartitionsDialog::totalCount() const { return m_count->value(); }

}  // namespace partita::ui
