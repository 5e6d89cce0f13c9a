#include "ui/widgets/message_detail_view.h"

#include <QComboBox>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QVBoxLayout>

#include "ui/widgets/message_format.h"

namespace partita::ui {

namespace {

QPlainTextEdit* makeView(QWidget* parent, const QString& name) {
  auto* view = new QPlainTextEdit(parent);
  view->setObjectName(name);
  view->setReadOnly(true);
  view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  view->setLineWrapMode(QPlainTextEdit::NoWrap);
  return view;
}

}  // namespace

MessageDetailView::MessageDetailView(QWidget* parent)
    : QWidget(parent),
      m_partLabel(new QLabel(this)),
      m_partCombo(new QComboBox(this)),
      m_formatLabel(new QLabel(this)),
      m_formatCombo(new QComboBox(this)),
      m_tabs(new QTabWidget(this)),
      m_text(makeView(this, QStringLiteral("messageTextView"))),
      m_json(makeView(this, QStringLiteral("messageJsonView"))),
      m_hex(makeView(this, QStringLiteral("messageHexView"))) {
  setObjectName(QStringLiteral("messageDetailView"));
  m_text->setLineWrapMode(QPlainTextEdit::WidgetWidth);
  m_partCombo->setObjectName(QStringLiteral("messagePartCombo"));
  m_partCombo->addItems({QString(), QString()});
  m_partLabel->setBuddy(m_partCombo);
  m_formatCombo->setObjectName(QStringLiteral("messageFormatCombo"));
  m_formatCombo->addItems({QString(), QString()});
  m_formatLabel->setBuddy(m_formatCombo);
  m_tabs->setObjectName(QStringLiteral("messageDetailTabs"));
  m_tabs->addTab(m_text, QString());
  m_tabs->addTab(m_json, QString());
  m_tabs->addTab(m_hex, QString());
  auto* top = new QHBoxLayout;
  top->addWidget(m_partLabel);
  top->addWidget(m_partCombo);
  top->addSpacing(12);
  top->addWidget(m_formatLabel);
  top->addWidget(m_formatCombo);
  top->addStretch();
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(top);
  layout->addWidget(m_tabs);
  connect(m_partCombo, &QComboBox::currentIndexChanged, this, &MessageDetailView::refresh);
  connect(m_formatCombo, &QComboBox::currentIndexChanged, this, &MessageDetailView::refresh);
  retranslateUi();
}

void MessageDetailView::setRow(const std::optional<app::MessageRow>& row, const QString& topic) {
  m_row = row;
  m_topic = topic;
  m_decoded.reset();
  requestDecoding();
  refresh();
}

void MessageDetailView::setSchemaRegistry(app::SchemaRegistry* registry) {
  if (registry == m_registry) return;
  disconnect(m_registryLink);
  disconnect(m_localLink);
  m_registry = registry;
  if (m_registry != nullptr) {
    m_localLink = connect(m_registry, &app::SchemaRegistry::localSchemasChanged, this, [this] {
      m_decoded.reset();
      requestDecoding();
      refresh();
    });
    m_registryLink = connect(m_registry, &app::SchemaRegistry::decoded, this,
                             [this](quint64 ticket, const QList<app::DecodedRow>& rows) {
                               if (ticket != m_decodeTicket || rows.size() != 1) return;
                               m_decodeTicket = 0;
                               m_decoded = rows.first();
                               refresh();
                             });
  }
  m_decoded.reset();
  requestDecoding();
  refresh();
}

void MessageDetailView::requestDecoding() {
  m_decodeTicket = 0;
  if (m_row && m_registry != nullptr && m_registry->canDecode(m_topic)) m_decodeTicket = m_registry->decode(m_topic, {*m_row});
}

QString MessageDetailView::text(Tab tab) const {
  switch (tab) {
    case TextTab: return m_text->toPlainText();
    case JsonTab: return m_json->toPlainText();
    case HexTab: return m_hex->toPlainText();
  }
  return {};
}

void MessageDetailView::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslateUi();
  QWidget::changeEvent(event);
}

void MessageDetailView::retranslateUi() {
  m_partLabel->setText(tr("&Show:"));
  m_partCombo->setItemText(0, tr("Value"));
  m_partCombo->setItemText(1, tr("Key"));
  m_formatLabel->setText(tr("For&mat:"));
  m_formatCombo->setItemText(SchemaRegistryFormat, tr("Schema Registry (auto)"));
  m_formatCombo->setItemText(RawFormat, tr("Raw"));
  m_tabs->setTabText(TextTab, tr("Text"));
  m_tabs->setTabText(JsonTab, tr("JSON"));
  m_tabs->setTabText(HexTab, tr("Hex"));
  refresh();
}

void MessageDetailView::refresh() {
  if (!m_row) {
    const QString none = tr("Select a message to see its content.");
    m_text->setPlainText(none);
    m_json->clear();
    m_hex->clear();
    return;
  }
  const app::MessageRow& r = *m_row;
  const bool showKey = m_partCombo->currentIndex() == 1;
  const QByteArray& bytes = showKey ? r.key : r.value;
  const bool isNull = showKey ? r.keyIsNull : r.valueIsNull;
  QString text = tr("Partition %1, offset %2").arg(r.partition).arg(r.offset) + QLatin1Char('\n') +
                 (r.logAppendTime ? tr("Log append time: %1") : tr("Create time: %1")).arg(formatTimestamp(r.timestamp)) +
                 QLatin1Char('\n');
  if (!r.headers.isEmpty()) {
    text += tr("Headers:") + QLatin1Char('\n');
    for (const auto& h : r.headers) {
      text += QStringLiteral("  ") + bytesPreview(h.key, false, 200) + QStringLiteral(" = ") +
              bytesPreview(h.value, h.valueIsNull, 1000) + QLatin1Char('\n');
    }
  }
  text += QLatin1Char('\n') + (showKey ? tr("Key (%n byte(s)):", nullptr, static_cast<int>(bytes.size()))
                                       : tr("Value (%n byte(s)):", nullptr, static_cast<int>(bytes.size()))) +
          QLatin1Char('\n');
  const app::DecodedPayload decoded =
      m_decoded && m_formatCombo->currentIndex() == SchemaRegistryFormat ? (showKey ? m_decoded->key : m_decoded->value)
                                                                         : app::DecodedPayload();
  QString json = isNull ? QString() : prettyJson(bytes);
  if (isNull) {
    text += showKey ? tr("(null: the record has no key)") : tr("(null: the record has no value, a tombstone)");
  } else if (decoded.kind == app::DecodedPayload::Kind::Decoded) {
    text += app::SchemaRegistry::describe(decoded) + QLatin1Char('\n') + decoded.json;
    json = decoded.json;
  } else if (decoded.kind == app::DecodedPayload::Kind::Failed) {
    text += tr("Not decoded with the Schema Registry (schema id %1): %2").arg(decoded.schemaId).arg(decoded.error) +
            QLatin1Char('\n') + hexDump(bytes);
  } else if (m_decodeTicket != 0 && m_formatCombo->currentIndex() == SchemaRegistryFormat && bytes.startsWith('\0')) {
    text += tr("Decoding with the Schema Registry…");
  } else if (isUtf8Text(bytes)) {
    text += QString::fromUtf8(bytes);
  } else {
    text += tr("(binary data, see the Hex view)");
  }
  m_text->setPlainText(text);
  m_json->setPlainText(json.isEmpty() ? tr("Not JSON.") : json);
  m_hex->setPlainText(isNull ? nullText() : hexDump(bytes));
}

}  // namespace partita::ui
