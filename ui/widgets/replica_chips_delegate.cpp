#include "ui/widgets/replica_chips_delegate.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

#include "ui/models/replica_chip.h"
#include "ui/models/snapshot_table_model.h"

namespace partita::ui {
namespace {

struct ChipStyle {
  QColor fill;
  QColor border;
  QColor text;
  Qt::PenStyle borderStyle = Qt::SolidLine;
  QString marker;  // shown before the id
};

ChipStyle styleFor(ChipKind kind, bool dark) {
  switch (kind) {
    case ChipKind::Leader:
      return {dark ? QColor(0x1a, 0x5f, 0xb4) : QColor(0x1a, 0x73, 0xe8), QColor(0x0b, 0x57, 0xd0), Qt::white,
              Qt::SolidLine, QStringLiteral("★")};
    case ChipKind::InSync:
      return {dark ? QColor(0x1f, 0x4d, 0x2c) : QColor(0xe6, 0xf4, 0xea), QColor(0x1e, 0x8e, 0x3e),
              dark ? QColor(0xce, 0xea, 0xd6) : QColor(0x0d, 0x65, 0x2d), Qt::SolidLine, QStringLiteral("✓")};
    case ChipKind::OutOfSync:
      return {dark ? QColor(0x4a, 0x33, 0x10) : QColor(0xfe, 0xf7, 0xe0), QColor(0xe3, 0x74, 0x00),
              dark ? QColor(0xfd, 0xd6, 0x63) : QColor(0x8a, 0x4b, 0x00), Qt::DashLine, QStringLiteral("…")};
    case ChipKind::Offline:
      return {dark ? QColor(0x3c, 0x3c, 0x3c) : QColor(0xf1, 0xf3, 0xf4), QColor(0xd9, 0x30, 0x25),
              dark ? QColor(0xbd, 0xc1, 0xc6) : QColor(0x5f, 0x63, 0x68), Qt::DotLine, QStringLiteral("×")};
  }
  return {};
}

constexpr int kGap = 4;
constexpr int kPadding = 6;

}  // namespace

void ReplicaChipsDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const {
  const QVariant v = index.data(kChipsRole);
  if (!v.canConvert<QList<ReplicaChip>>()) {
    QStyledItemDelegate::paint(painter, option, index);
    return;
  }
  // Background and selection as usual, without the text.
  QStyleOptionViewItem opt = option;
  initStyleOption(&opt, index);
  opt.text.clear();
  QStyle* style = opt.widget != nullptr ? opt.widget->style() : QApplication::style();
  style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

  const bool dark = option.palette.color(QPalette::Base).lightness() < 128;
  const QFontMetrics fm(option.font);
  const int h = fm.height() + 4;
  int x = option.rect.left() + kPadding;
  const int y = option.rect.center().y() - h / 2;
  painter->save();
  if (index.data(kStaleRole).toBool()) painter->setOpacity(0.4);  // last seen, not confirmed now
  painter->setRenderHint(QPainter::Antialiasing);
  for (const ReplicaChip& chip : v.value<QList<ReplicaChip>>()) {
    const ChipStyle s = styleFor(chip.kind, dark);
    const QString label = QStringLiteral("%1 %2").arg(s.marker).arg(chip.broker);
    const int w = fm.horizontalAdvance(label) + 12;
    const QRectF r(x + 0.5, y + 0.5, w, h);
    if (r.right() > option.rect.right()) break;
    painter->setPen(QPen(s.border, 1.2, s.borderStyle));
    painter->setBrush(s.fill);
    painter->drawRoundedRect(r, h / 2.0, h / 2.0);
    painter->setPen(s.text);
    QFont f = option.font;
    f.setBold(chip.kind == ChipKind::Leader);
    f.setStrikeOut(chip.kind == ChipKind::Offline);
    painter->setFont(f);
    painter->drawText(r, Qt::AlignCenter, label);
    x += w + kGap;
  }
  painter->restore();
}

QSize ReplicaChipsDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
  const QVariant v = index.data(kChipsRole);
  if (!v.canConvert<QList<ReplicaChip>>()) return QStyledItemDelegate::sizeHint(option, index);
  const QFontMetrics fm(option.font);
  int w = 2 * kPadding;
  for (const ReplicaChip& chip : v.value<QList<ReplicaChip>>())
    w += fm.horizontalAdvance(QStringLiteral("★ %1").arg(chip.broker)) + 12 + kGap;
  return {w, fm.height() + 10};
}

}  // namespace partita::ui
