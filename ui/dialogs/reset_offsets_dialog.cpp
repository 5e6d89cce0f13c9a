#include "ui/dialogs/reset_offsets_dialog.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpressionValidator>
#include <QTableView>
#include <QVBoxLayout>

#include "ui/models/offset_reset_preview_model.h"

namespace partita::ui {

ResetOffsetsDialog::ResetOffsetsDialog(const QString& group, const QString& groupState, const QStringList& topics,
                                       QWidget* parent)
    : QDialog(parent),
      m_group(group),
      m_intro(new QLabel(this)),
      m_warning(new QLabel(this)),
      m_topicLabel(new QLabel(this)),
      m_topic(new QComboBox(this)),
      m_kinds(new QButtonGroup(this)),
      m_earliest(new QRadioButton(this)),
      m_latest(new QRadioButton(this)),
      m_dateTime(new QRadioButton(this)),
      m_shift(new QRadioButton(this)),
      m_specific(new QRadioButton(this)),
      m_dateTimeEdit(new QDateTimeEdit(QDateTime::currentDateTime().addSecs(-3600), this)),
      m_shiftEdit(new QLineEdit(this)),
      m_offsetEdit(new QLineEdit(this)),
      m_previewButton(new QPushButton(this)),
      m_resetButton(new QPushButton(this)),
      m_closeButton(new QPushButton(this)),
      m_previewView(new QTableView(this)),
      m_previewModel(new OffsetResetPreviewModel(this)),
      m_message(new QLabel(this)) {
  setObjectName(QStringLiteral("resetOffsetsDialog"));
  m_topic->setObjectName(QStringLiteral("topicCombo"));
  m_earliest->setObjectName(QStringLiteral("earliestRadio"));
  m_latest->setObjectName(QStringLiteral("latestRadio"));
  m_dateTime->setObjectName(QStringLiteral("dateTimeRadio"));
  m_shift->setObjectName(QStringLiteral("shiftRadio"));
  m_specific->setObjectName(QStringLiteral("specificRadio"));
  m_dateTimeEdit->setObjectName(QStringLiteral("dateTimeEdit"));
  m_shiftEdit->setObjectName(QStringLiteral("shiftEdit"));
  m_offsetEdit->setObjectName(QStringLiteral("offsetEdit"));
  m_previewButton->setObjectName(QStringLiteral("previewButton"));
  m_resetButton->setObjectName(QStringLiteral("resetButton"));
  m_previewView->setObjectName(QStringLiteral("previewView"));
  m_message->setObjectName(QStringLiteral("messageLabel"));
  m_warning->setObjectName(QStringLiteral("stateWarning"));

  m_intro->setWordWrap(true);
  m_warning->setWordWrap(true);
  m_message->setWordWrap(true);
  m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_topic->addItem(QString());  // "all partitions with offsets", text set in retranslateUi
  m_topic->addItems(topics);
  m_dateTimeEdit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
  m_dateTimeEdit->setCalendarPopup(true);
  m_shiftEdit->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("^[+-]?\\d{0,18}$")), m_shiftEdit));
  m_offsetEdit->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("^\\d{0,18}$")), m_offsetEdit));
  int id = 0;
  for (QRadioButton* radio : {m_earliest, m_latest, m_dateTime, m_shift, m_specific}) m_kinds->addButton(radio, id++);
  m_earliest->setChecked(true);

  auto* strategies = new QGridLayout;
  strategies->addWidget(m_earliest, 0, 0);
  strategies->addWidget(m_latest, 1, 0);
  strategies->addWidget(m_dateTime, 2, 0);
  strategies->addWidget(m_dateTimeEdit, 2, 1);
  strategies->addWidget(m_shift, 3, 0);
  strategies->addWidget(m_shiftEdit, 3, 1);
  strategies->addWidget(m_specific, 4, 0);
  strategies->addWidget(m_offsetEdit, 4, 1);
  strategies->setColumnStretch(1, 1);

  auto* form = new QFormLayout;
  form->addRow(m_topicLabel, m_topic);

  m_previewModel->setObjectName(QStringLiteral("previewModel"));
  m_previewView->setModel(m_previewModel);
  m_previewView->verticalHeader()->hide();
  m_previewView->horizontalHeader()->setStretchLastSection(true);
  m_previewView->setSelectionMode(QAbstractItemView::NoSelection);
  m_previewView->setMinimumHeight(160);

  auto* buttons = new QDialogButtonBox(this);
  buttons->addButton(m_previewButton, QDialogButtonBox::ActionRole);
  buttons->addButton(m_resetButton, QDialogButtonBox::AcceptRole);
  buttons->addButton(m_closeButton, QDialogButtonBox::RejectRole);
  m_resetButton->setEnabled(false);
  m_previewButton->setDefault(true);

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_intro);
  layout->addWidget(m_warning);
  layout->addLayout(form);
  layout->addLayout(strategies);
  layout->addWidget(m_previewView, 1);
  layout->addWidget(m_message);
  layout->addWidget(buttons);

  connect(m_previewButton, &QPushButton::clicked, this, &ResetOffsetsDialog::requestPreview);
  connect(m_resetButton, &QPushButton::clicked, this, &ResetOffsetsDialog::requestReset);
  connect(m_closeButton, &QPushButton::clicked, this, &QDialog::reject);
  connect(m_kinds, &QButtonGroup::idToggled, this, [this](int, bool checked) { if (checked) inputsChanged(); });
  connect(m_topic, &QComboBox::currentIndexChanged, this, &ResetOffsetsDialog::inputsChanged);
  connect(m_dateTimeEdit, &QDateTimeEdit::dateTimeChanged, this, &ResetOffsetsDialog::inputsChanged);
  connect(m_shiftEdit, &QLineEdit::textChanged, this, &ResetOffsetsDialog::inputsChanged);
  connect(m_offsetEdit, &QLineEdit::textChanged, this, &ResetOffsetsDialog::inputsChanged);
  // Typing a value picks its strategy.
  connect(m_shiftEdit, &QLineEdit::textEdited, m_shift, [this] { m_shift->setChecked(true); });
  connect(m_offsetEdit, &QLineEdit::textEdited, m_specific, [this] { m_specific->setChecked(true); });
  connect(m_dateTimeEdit, &QDateTimeEdit::editingFinished, m_dateTime, [this] { m_dateTime->setChecked(true); });

  resize(640, 520);
  setGroupState(groupState);
  retranslateUi();
  inputsChanged();
}

void ResetOffsetsDialog::retranslateUi() {
  setWindowTitle(tr("Reset offsets of %1").arg(m_group));
  m_intro->setText(tr("Choose where the group %1 continues consuming. Compute the preview to see the new offset "
                      "of every partition before anything changes.").arg(m_group));
  m_topicLabel->setText(tr("Partitions:"));
  m_topic->setItemText(0, tr("All partitions with committed offsets"));
  m_earliest->setText(tr("Earliest (log start)"));
  m_latest->setText(tr("Latest (log end)"));
  m_dateTime->setText(tr("Date and time:"));
  m_shift->setText(tr("Shift by:"));
  m_specific->setText(tr("Specific offset:"));
  m_shiftEdit->setPlaceholderText(tr("e.g. -100 to re-read 100 records"));
  m_offsetEdit->setPlaceholderText(tr("Offset, clamped to the partition's log"));
  m_previewButton->setText(tr("Preview"));
  m_resetButton->setText(tr("Reset offsets"));
  m_closeButton->setText(tr("Close"));
  setGroupState(m_state);
}

void ResetOffsetsDialog::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslateUi();
  QDialog::changeEvent(event);
}

void ResetOffsetsDialog::setGroupState(const QString& state) {
  m_state = state;
  const bool active = !state.isEmpty() && state != QLatin1String("Empty") && state != QLatin1String("Dead");
  m_warning->setVisible(active);
  m_warning->setText(tr("The group is %1. Kafka resets offsets only while a group has no members: stop its "
                        "consumers first.").arg(state));
}

std::optional<app::OffsetResetSpec> ResetOffsetsDialog::spec(QString* error) const {
  QString ignored;
  QString& why = error ? *error : ignored;
  app::OffsetResetSpec spec;
  spec.topic = m_topic->currentIndex() > 0 ? m_topic->currentText() : QString();
  bool ok = false;
  switch (m_kinds->checkedId()) {
    case 0: spec.kind = app::OffsetResetKind::Earliest; break;
    case 1: spec.kind = app::OffsetResetKind::Latest; break;
    case 2:
      spec.kind = app::OffsetResetKind::DateTime;
      spec.timestampMs = m_dateTimeEdit->dateTime().toMSecsSinceEpoch();
      break;
    case 3:
      spec.kind = app::OffsetResetKind::ShiftBy;
      spec.shiftBy = m_shiftEdit->text().toLongLong(&ok);
      if (!ok) {
        why = tr("Enter by how many records to shift (negative moves back).");
        return std::nullopt;
      }
      if (spec.shiftBy == 0) {
        why = tr("A shift by 0 changes nothing.");
        return std::nullopt;
      }
      break;
    case 4:
      spec.kind = app::OffsetResetKind::Specific;
      spec.offset = m_offsetEdit->text().toLongLong(&ok);
      if (!ok || spec.offset < 0) {
        why = tr("Enter the offset to continue from (0 or more).");
        return std::nullopt;
      }
      break;
    default: why = tr("Choose a strategy."); return std::nullopt;
  }
  why.clear();
  return spec;
}

void ResetOffsetsDialog::inputsChanged() {
  // Any change makes the preview on screen stale.
  m_previewModel->clear();
  QString error;
  const bool valid = spec(&error).has_value();
  m_previewButton->setEnabled(valid && !m_busy);
  m_resetButton->setEnabled(false);
  showMessage(valid ? tr("Compute the preview to see the new offsets.") : error, !valid);
}

void ResetOffsetsDialog::requestPreview() {
  const auto current = spec();
  if (!current) return;
  m_busy = true;
  m_previewButton->setEnabled(false);
  showMessage(tr("Computing the new offsets…"), false);
  emit previewRequested(*current);
}

void ResetOffsetsDialog::setPreview(const app::OffsetResetPreview& preview) {
  m_busy = false;
  const auto current = spec();
  m_previewButton->setEnabled(current.has_value());
  if (!current || !(preview.spec == *current) || preview.groupId != m_group) return;  // inputs moved on
  m_previewModel->setPreview(preview);
  m_previewView->resizeColumnsToContents();
  m_resetButton->setEnabled(!preview.rows.isEmpty());
  showMessage(tr("%n partition(s) will be reset as shown.", nullptr, static_cast<int>(preview.rows.size())), false);
}

void ResetOffsetsDialog::setPreviewFailed(const QString& error) {
  m_busy = false;
  m_previewButton->setEnabled(spec().has_value());
  showMessage(error, true);
}

void ResetOffsetsDialog::requestReset() {
  if (!canReset()) return;
  m_busy = true;
  m_resetButton->setEnabled(false);
  m_previewButton->setEnabled(false);
  showMessage(tr("Resetting offsets…"), false);
  emit resetRequested(m_previewModel->preview());
}

void ResetOffsetsDialog::setResetFailed(const QString& error) {
  m_busy = false;
  m_previewButton->setEnabled(spec().has_value());
  m_resetButton->setEnabled(!m_previewModel->preview().rows.isEmpty());
  showMessage(error, true);
}

void ResetOffsetsDialog::setResetSucceeded() {
  m_busy = false;
  accept();
}

bool ResetOffsetsDialog::canReset() const { return m_resetButton->isEnabled(); }

QString ResetOffsetsDialog::message() const { return m_message->text(); }

void ResetOffsetsDialog::showMessage(const QString& text, bool error) {
  m_message->setText(text);
  m_message->setStyleSheet(error ? QStringLiteral("color: #d9534f;") : QString());
}

}  // namespace partita::ui
