// The messages page: browse the records of a topic a page at a time and produce new ones.
//
// Until setBootstrapServers() gives it a cluster it shows an empty state. Connected, it lists the topics (read
// again each time the page is shown, so a topic created on the Topics page is there when the user comes here);
// the user picks a topic and partition(s), a start (earliest / latest / offset / date and time) and optional
// filters (key / value / header substring, or a key search that reads only the key's partition), then pages
// forward and back. The table model holds only the current page (MessageTableModel), so memory stays flat;
// every read runs in the MessageBrowser's worker, never on the GUI thread. A detail pane shows the selected
// record as text, pretty JSON and hex; rows can be copied and exported as JSON lines or CSV; "Produce…" opens
// the ProduceDialog.
//
// Ownership: owned by the main window's page stack; the actions passed in are owned by the main window and
// outlive the page. Owns its MessageBrowser. GUI thread only.
#pragma once

#include <QList>

#include "app/bridge/local_schema.h"
#include "app/bridge/message_types.h"
#include "ui/pages/page.h"

class QAction;
class QCheckBox;
class QProgressBar;
class QTimer;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableView;
class QToolButton;

namespace partita::app {
class MessageBrowser;
class SchemaRegistry;
}

namespace partita::ui {

class EmptyStateWidget;
class IsolationCombo;
class MessageDetailView;
class MessageTableModel;

class MessagesPage : public Page {
  Q_OBJECT

 public:
  enum class ExportFormat { JsonLines, Csv };
  enum FilterField { KeyContains, ValueContains, HeaderContains, KeyEquals };

  // `clusterActions`: "Start local cluster…" and "Connect to cluster…", shown as buttons.
  explicit MessagesPage(const QList<QAction*>& clusterActions, QWidget* parent = nullptr);
  ~MessagesPage() override;

  QString title() const override;

  // The cluster to browse ("host:port,..."); empty = disconnected (the empty state).
  void setBootstrapServers(const QString& servers);
  // The cluster's Schema Registry (nullptr: none): keys and values in Confluent's wire format are shown decoded
  // in the table and the detail pane, unless the detail pane's Format is Raw.
  void setSchemaRegistry(app::SchemaRegistry* registry);
  QString bootstrapServers() const;

  // What the toolbar's "Open" does with the current choices; also called by tests.
  void openPage();
  void nextPage();
  void previousPage();
  // Live tail: while on, new records after the current page are appended every second (at most kTailRows kept).
  void setFollowing(bool on);
  bool isFollowing() const;
  // Stops a running filter search; the rows found so far are shown.
  void cancelSearch();
  bool isSearching() const { return m_searching; }
  static constexpr int kTailRows = 1000;
  void refreshTopics();
  // Produces through the browser; the result shows in the status line and as produced / requestFailed.
  void produce(const app::ProduceSpec& spec);

  MessageTableModel* model() const { return m_model; }
  const app::MessagePage& currentPage() const { return m_page; }
  const QList<app::TopicSummary>& topics() const { return m_topics; }
  MessageDetailView* detailView() const { return m_detail; }
  QTableView* table() const { return m_table; }
  IsolationCombo* isolationCombo() const { return m_isolation; }
  QString statusText() const;
  bool isBusy() const { return m_pendingId != 0; }

  // The query the controls describe.
  app::MessageQuery currentQuery() const;

  static bool writeRows(const QString& path, const QList<app::MessageRow>& rows, ExportFormat format,
                        QString* error);

 signals:
  void topicsLoaded();
  void pageLoaded();
  void searchProgressed(qint64 scanned, int matches);
  void produced(const partita::app::ProduceOutcome& outcome);
  void requestFailed(const QString& error);
  // The user pointed a topic at local schema files (or cleared them): the whole map for the connection.
  void localSchemasChosen(const partita::app::LocalSchemaMap& schemas);

 protected:
  void retranslateUi() override;
  void showEvent(QShowEvent* event) override;

 private:
  QWidget* buildBrowser();
  void onTopicChanged();
  void onStartChanged();
  void onSelectionChanged();
  void updateButtons();
  void setStatus(const QString& text, bool error);
  void describePage();
  void copySelection();
  void openProduceDialog();
  void openLocalSchemaDialog();
  void pollTail();
  void onTailPage(const app::MessagePage& page);

  QString m_servers;
  app::MessageBrowser* m_browser;
  app::SchemaRegistry* m_registry = nullptr;
  MessageTableModel* m_model;
  QList<app::TopicSummary> m_topics;
  app::MessagePage m_page;
  app::MessageQuery m_query;  // the query of m_page
  quint64 m_pendingId = 0;
  quint64 m_topicsId = 0;
  quint64 m_produceId = 0;
  quint64 m_tailId = 0;
  bool m_searching = false;
  QTimer* m_tailTimer;
  QString m_statusText;
  QString m_statusRaw;  // the error as reported, before errorInWordsFor (re-worded on a language change)
  bool m_statusIsError = false;

  QStackedWidget* m_stack;
  EmptyStateWidget* m_emptyState;
  QLabel* m_topicLabel;
  QComboBox* m_topicCombo;
  QComboBox* m_partitionCombo;
  QLabel* m_startLabel;
  QComboBox* m_startCombo;
  IsolationCombo* m_isolation;
  QLineEdit* m_offsetEdit;
  QDateTimeEdit* m_dateTimeEdit;
  QPushButton* m_openButton;
  QPushButton* m_previousButton;
  QPushButton* m_nextButton;
  QComboBox* m_filterField;
  QComboBox* m_keyPartitionerCombo;  // where "Key is" searches; visible only for that filter
  QLineEdit* m_filterEdit;
  QCheckBox* m_untilCheck;
  QDateTimeEdit* m_untilEdit;
  QPushButton* m_followButton;
  QProgressBar* m_searchProgress;
  QPushButton* m_cancelSearchButton;
  QPushButton* m_produceButton;
  QPushButton* m_localSchemaButton;
  QToolButton* m_exportButton;
  QAction* m_exportJsonAction;
  QAction* m_exportCsvAction;
  QAction* m_copyAction;
  QAction* m_refreshAction;
  QLabel* m_statusLabel;
  QTableView* m_table;
  MessageDetailView* m_detail;
};

}  // namespace partita::ui
