// Waiting for the Messages page in UI tests: the page loads on its worker thread and answers with a signal.
#pragma once

#include <QSignalSpy>
#include <QtTest>

#include "ui/pages/messages_page.h"

namespace partita::uitest {

// True once the page has loaded (at most 30 s); a failure is logged with the page's reason.
inline bool waitMessagesPage(ui::MessagesPage& page) {
  QSignalSpy loaded(&page, &ui::MessagesPage::pageLoaded);
  QSignalSpy failed(&page, &ui::MessagesPage::requestFailed);
  for (int i = 0; i < 300 && loaded.isEmpty() && failed.isEmpty(); ++i) loaded.wait(100);
  if (!failed.isEmpty()) qWarning("page failed: %s", qPrintable(failed.at(0).at(0).toString()));
  return !loaded.isEmpty();
}

}  // namespace partita::uitest
