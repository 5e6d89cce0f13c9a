// ReplicaChipsDelegate: paints a cell's QList<ReplicaChip> (kChipsRole) as rounded chips. Each kind has a colour
// AND a shape marker so it reads without colour: leader = filled star-like crown dot "★", in sync = solid chip,
// out of sync = dashed outline, offline = struck-through grey with "×". Falls back to the text for other cells.
// Stateless apart from the view's palette. GUI thread only.
#pragma once

#include <QStyledItemDelegate>

namespace partita::ui {

class ReplicaChipsDelegate : public QStyledItemDelegate {
  Q_OBJECT

 public:
  using QStyledItemDelegate::QStyledItemDelegate;
  void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
  QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

}  // namespace partita::ui
