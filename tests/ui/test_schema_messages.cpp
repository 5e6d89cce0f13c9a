// Issue 15, the desktop half: a local cluster started the way the app starts one serves a Schema Registry that
// the connection finds by itself; confluent_kafka's SchemaRegistryClient registers Avro, JSON Schema and Protobuf
// schemas there and records are produced in Confluent's wire format (tests/ui/schema_messages_produce.py); the
// Messages page then shows them decoded — the table model's previews and the detail pane's Text and JSON views,
// with the schema id, subject and version — and a record whose schema is missing or whose bytes are corrupt says
// why and shows its bytes. A value filter finds records by their decoded JSON (registry and local file), and a
// value produced through a local schema file reads back decoded. Screenshots:
// test-artifacts/ui/schema-messages-<lang>-<theme>.png.
#include <functional>

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QJsonDocument>
#include <QJsonObject>
#include <QElapsedTimer>
#include <QProcess>
#include <QTcpServer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTimer>
#include <QtTest>

#include "app/bridge/cluster_connection.h"
#include "app/bridge/schema_registry.h"
#include "tests/ui/screenshot_util.h"
#include "tests/ui/messages_page_test_util.h"
#include "tests/ui/ui_test_util.h"
#include "ui/connections_sidebar.h"
#include "ui/dialogs/connect_dialog.h"
#include "ui/main_window.h"
#include "ui/dialogs/local_schema_dialog.h"
#include "ui/dialogs/produce_dialog.h"
#include "ui/models/message_table_model.h"
#include "ui/pages/messages_page.h"
#include "ui/pages/schemas_page.h"
#include "ui/widgets/message_detail_view.h"
#include "ui/widgets/schema_highlighter.h"

using namespace partita;
using namespace partita::ui;
using app::ClusterConnection;

namespace {

constexpr int kStartTimeoutMs = 120000;

}  // namespace

class SchemaMessagesTest : public QObject {
  Q_OBJECT

  // Opens `topic` from the earliest record and waits until the model has decoded the page.
  bool openDecoded(MessagesPage& page, const QString& topic, int rows) {
    auto* topicCombo = page.findChild<QComboBox*>("messagesTopicCombo");
    page.refreshTopics();
    QSignalSpy topics(&page, &MessagesPage::topicsLoaded);
    if (!topics.wait(30000) || topicCombo->findText(topic) < 0) return false;
    topicCombo->setCurrentIndex(topicCombo->findText(topic));
    page.findChild<QComboBox*>("messagesStartCombo")->setCurrentIndex(static_cast<int>(app::MessageStart::Earliest));
    QSignalSpy decoded(page.model(), &MessageTableModel::decodingFinished);
    page.openPage();
    if (!uitest::waitMessagesPage(page) || page.model()->rowCount() != rows) return false;
    return !decoded.isEmpty() || decoded.wait(30000);
  }

  // Runs the page's background search for values containing `text` in `topic` from the earliest record; returns
  // the offsets found (-1 when the search failed). The filter is cleared afterwards.
  QList<qint64> searchValues(MessagesPage& page, const QString& topic, const QString& text) {
    auto* topicCombo = page.findChild<QComboBox*>("messagesTopicCombo");
    topicCombo->setCurrentIndex(topicCombo->findText(topic));
    page.findChild<QComboBox*>("messagesStartCombo")->setCurrentIndex(static_cast<int>(app::MessageStart::Earliest));
    page.findChild<QComboBox*>("messagesFilterField")->setCurrentIndex(MessagesPage::ValueContains);
    auto* filter = page.findChild<QLineEdit*>("messagesFilterEdit");
    filter->setText(text);
    page.openPage();
    const bool loaded = uitest::waitMessagesPage(page);
    filter->clear();
    if (!loaded) return {-1};
    QList<qint64> offsets;
    for (int row = 0; row < page.model()->rowCount(); ++row) offsets.append(page.model()->rowAt(row)->offset);
    return offsets;
  }

  // Clicks the page's Produce button and runs `check` on the dialog; checks that fail return from it early and
  // leave `checked` false (the dialog is then cancelled). True once the dialog was accepted and the record produced.
  bool produceWithDialog(MessagesPage& page, const std::function<void(ProduceDialog& dialog, bool& checked)>& check) {
    bool checked = false;
    QTimer::singleShot(0, this, [&] {
      auto* dialog = qobject_cast<ProduceDialog*>(QApplication::activeModalWidget());
      if (dialog == nullptr) return;
      check(*dialog, checked);
      checked ? dialog->accept() : dialog->reject();
    });
    QSignalSpy produced(&page, &MessagesPage::produced);
    page.findChild<QPushButton*>("messagesProduceButton")->click();
    return checked && produced.wait(30000);
  }

  QString cell(MessagesPage& page, int row, int column, int role = Qt::DisplayRole) {
    return page.model()->data(page.model()->index(row, column), role).toString();
  }

 private slots:
  void initTestCase() { uitest::isolateSettings(); }

  // A remote cluster's registry: the Connect dialog's Schema Registry fields, validated, carried by the profile
  // to the connection's SchemaRegistry.
  void connectDialogRegistryFields() {
    ConnectDialog dialog;
    dialog.setBootstrapServers(QStringLiteral("kafka.example:9092"));
    auto* url = dialog.findChild<QLineEdit*>("schemaRegistryUrlEdit");
    auto* user = dialog.findChild<QLineEdit*>("schemaRegistryUserEdit");
    auto* password = dialog.findChild<QLineEdit*>("schemaRegistryPasswordEdit");
    auto* ok = dialog.findChild<QPushButton*>("connectOkButton");
    QVERIFY(url && user && password && ok);
    QVERIFY(!user->isEnabled());  // no URL, no credentials
    QVERIFY(ok->isEnabled());
    QCOMPARE(dialog.profile().schemaRegistry.isSet(), false);
    url->setText(QStringLiteral("ftp://registry:8081"));
    QVERIFY(!ok->isEnabled());
    QVERIFY(dialog.findChild<QLabel*>("connectErrorLabel")->text().contains(QLatin1String("Schema Registry URL")));
    url->setText(QStringLiteral("https://registry.example:8081"));
    QVERIFY(ok->isEnabled());
    QVERIFY(user->isEnabled());
    user->setText(QStringLiteral("svc"));
    password->setText(QStringLiteral("s3cret"));
    // The registry's own CA file (https only): one that cannot be read is refused.
    auto* ca = dialog.findChild<QLineEdit*>("schemaRegistryCaEdit");
    QVERIFY(ca && ca->isEnabled());
    ca->setText(QStringLiteral("/nonexistent/registry-ca.pem"));
    QVERIFY(!ok->isEnabled());
    QTemporaryFile caFile;
    QVERIFY(caFile.open());
    ca->setText(caFile.fileName());
    QVERIFY(ok->isEnabled());
    const app::ConnectionProfile profile = dialog.profile();
    QCOMPARE(profile.schemaRegistry.caFile, caFile.fileName());
    QCOMPARE(profile.schemaRegistry.url, QStringLiteral("https://registry.example:8081"));
    QCOMPARE(profile.schemaRegistry.user, QStringLiteral("svc"));
    QCOMPARE(profile.schemaRegistry.password, QStringLiteral("s3cret"));
    QVERIFY(uitest::shootLanguagesAndThemes({{&dialog, QStringLiteral("connect-dialog-registry")}}, QSize(640, 720)));

    ClusterConnection remote(profile);
    QCOMPARE(remote.schemaRegistry()->endpoint(), profile.schemaRegistry);
    app::ConnectionProfile changed = profile;
    changed.schemaRegistry.url = QStringLiteral("http://other:8081");
    QSignalSpy endpointChanged(remote.schemaRegistry(), &app::SchemaRegistry::endpointChanged);
    remote.setProfile(changed);
    QCOMPARE(endpointChanged.count(), 1);
    QCOMPARE(remote.schemaRegistry()->endpoint().url, QStringLiteral("http://other:8081"));
    // A registry that does not answer: the decoding says why, the GUI thread never waits for it.
    app::ConnectionProfile unreachable = profile;
    unreachable.schemaRegistry = {QStringLiteral("http://127.0.0.1:1"), {}, {}, {}};
    remote.setProfile(unreachable);
    app::MessageRow row;
    row.value = QByteArray("\0\0\0\0\x07\x02", 6);
    row.valueIsNull = false;
    QSignalSpy decoded(remote.schemaRegistry(), &app::SchemaRegistry::decoded);
    remote.schemaRegistry()->decode(QStringLiteral("t"), {row});
    QVERIFY(decoded.wait(30000));
    auto rows = decoded.at(0).at(1).value<QList<app::DecodedRow>>();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].value.kind, app::DecodedPayload::Kind::Failed);
    QVERIFY2(rows[0].value.error.contains(QLatin1String("cannot fetch schema 7")), qPrintable(rows[0].value.error));

    // A registry that accepts connections and never answers: a page of 100 rows costs one timed-out fetch
    // (10 s), not one per row (1,000 s), because the failure is remembered for a while.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    unreachable.schemaRegistry = {QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort()), {}, {}};
    remote.setProfile(unreachable);
    decoded.clear();
    QElapsedTimer timer;
    timer.start();
    remote.schemaRegistry()->decode(QStringLiteral("t"), QList<app::MessageRow>(100, row));
    QVERIFY(decoded.wait(60000));
    rows = decoded.at(0).at(1).value<QList<app::DecodedRow>>();
    QCOMPARE(rows.size(), 100);
    QCOMPARE(rows[99].value.kind, app::DecodedPayload::Kind::Failed);
    QVERIFY(timer.elapsed() < 30000);
  }

  void decodesRegistryRecords() {
    QTemporaryDir dir;
    // The main window wires the current connection's registry to the Messages page and the Schemas page.
    MainWindow window(MainWindow::SettingsMode::Ephemeral);
    window.resize(1280, 800);
    window.show();
    ClusterConnection::LocalOptions options;
    options.dataDir = dir.filePath(QStringLiteral("cluster"));
    options.brokers = 1;
    ClusterConnection& connection = *window.connections()->addLocal(QStringLiteral("schemas"), options);
    // The registry is on by default for a local cluster and found without the user typing a URL.
    QTRY_VERIFY_WITH_TIMEOUT(connection.state() == ClusterConnection::State::Connected, kStartTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(connection.schemaRegistry()->endpoint().isSet(), 10000);
    const QString registry = connection.schemaRegistry()->endpoint().url;
    QVERIFY2(registry.startsWith(QLatin1String("http://127.0.0.1:")), qPrintable(registry));
    QCOMPARE(connection.localRegistryUrls().value(1), registry);

    QProcess producer;
    producer.start(QStringLiteral("/usr/bin/python3"),
                   {QStringLiteral(PARTITA_UI_TEST_DIR "/schema_messages_produce.py"), QStringLiteral("--registry"),
                    registry, QStringLiteral("--bootstrap"), connection.bootstrapServers()});
    QVERIFY(producer.waitForFinished(120000));
    QVERIFY2(producer.exitCode() == 0, producer.readAllStandardError().constData());
    const QJsonObject ids = QJsonDocument::fromJson(producer.readAllStandardOutput()).object();
    const int avroId = ids.value(QStringLiteral("avro")).toInt();
    QVERIFY(avroId > 0);

    window.showPage(MainWindow::PageId::Messages);
    MessagesPage& page = *static_cast<MessagesPage*>(window.page(MainWindow::PageId::Messages));

    // Avro: every row's value decoded field by field; the key (plain text) stays as it is.
    QVERIFY(openDecoded(page, QStringLiteral("avro-orders"), 3));
    for (int row = 0; row < 3; ++row) {
      const app::DecodedRow decoded = page.model()->decodedAt(row);
      QCOMPARE(decoded.key.kind, app::DecodedPayload::Kind::NotFramed);
      QCOMPARE(decoded.value.kind, app::DecodedPayload::Kind::Decoded);
      QCOMPARE(decoded.value.schemaId, avroId);
      QCOMPARE(decoded.value.subject, QStringLiteral("avro-orders-value"));
      QCOMPARE(decoded.value.version, 1);
      QCOMPARE(decoded.value.schemaType, QStringLiteral("AVRO"));
      QCOMPARE(cell(page, row, MessageTableModel::KeyColumn), QStringLiteral("order-%1").arg(row));
    }
    QCOMPARE(cell(page, 0, MessageTableModel::ValueColumn),
             QStringLiteral(R"({"id":1000,"customer":{"name":"Ada 0"},"status":"NEW","items":["tea","cake"],)"
                            R"("prices":{"tea":2.5},"note":null,"code":"A\u0001","day":19000})"));
    QVERIFY(cell(page, 2, MessageTableModel::ValueColumn).contains(QLatin1String(R"("note":{"string":"ring twice"})")));
    QVERIFY(cell(page, 2, MessageTableModel::ValueColumn).contains(QLatin1String(R"("status":"SHIPPED")")));

    // The detail pane: the schema noted above the JSON; Raw shows the bytes again.
    page.table()->selectRow(1);
    MessageDetailView* detail = page.detailView();
    QTRY_VERIFY_WITH_TIMEOUT(detail->text(MessageDetailView::TextTab).contains(QLatin1String("avro-orders-value")), 10000);
    const QString text = detail->text(MessageDetailView::TextTab);
    QVERIFY2(text.contains(QStringLiteral("Schema %1 · avro-orders-value version 1 · AVRO").arg(avroId)), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("\"name\": \"Ada 1\"")));
    QVERIFY(detail->text(MessageDetailView::JsonTab).contains(QLatin1String("\"status\": \"PAID\"")));
    uitest::saveArtifact(&page, QStringLiteral("schema-messages-avro.png"));
    QVERIFY(uitest::shootLanguagesAndThemes({{&window, QStringLiteral("schema-messages")}}, QSize(1280, 800)));
    detail->formatCombo()->setCurrentIndex(MessageDetailView::RawFormat);
    QVERIFY(detail->text(MessageDetailView::TextTab).contains(QLatin1String("(binary data, see the Hex view)")));
    QVERIFY(detail->text(MessageDetailView::JsonTab).contains(QLatin1String("Not JSON.")));
    QTRY_VERIFY(cell(page, 0, MessageTableModel::ValueColumn).startsWith(QLatin1String("0x00")));  // the table too
    detail->formatCombo()->setCurrentIndex(MessageDetailView::SchemaRegistryFormat);
    QTRY_VERIFY_WITH_TIMEOUT(cell(page, 0, MessageTableModel::ValueColumn).startsWith(QLatin1String("{\"id\":1000")), 10000);

    // JSON Schema (confluent_kafka's own serializer).
    QVERIFY(openDecoded(page, QStringLiteral("json-orders"), 2));
    QCOMPARE(page.model()->decodedAt(0).value.schemaType, QStringLiteral("JSON"));
    QCOMPARE(page.model()->decodedAt(0).value.subject, QStringLiteral("json-orders-value"));
    QCOMPARE(cell(page, 1, MessageTableModel::ValueColumn), QStringLiteral(R"({"id":8,"item":"kettle"})"));

    // A value filter matches the decoded JSON the table shows (the raw Avro bytes hold "Ada 1" but not the JSON).
    QCOMPARE(searchValues(page, QStringLiteral("avro-orders"), QStringLiteral("\"customer\":{\"name\":\"Ada 1\"}")),
             (QList<qint64>{1}));
    QCOMPARE(searchValues(page, QStringLiteral("avro-orders"), QStringLiteral("Ada 2")), (QList<qint64>{2}));  // raw bytes
    QCOMPARE(searchValues(page, QStringLiteral("avro-orders"), QStringLiteral("\"name\":\"Nobody\"")), QList<qint64>{});
    // A schema the page has not decoded yet: the scan has it fetched by the registry's worker (once).
    QCOMPARE(searchValues(page, QStringLiteral("proto-orders"), QStringLiteral("\"weight\":701,")), (QList<qint64>{1}));

    // Protobuf: message indexes [1] choose Parcel, the file's second message.
    QVERIFY(openDecoded(page, QStringLiteral("proto-orders"), 2));
    const app::DecodedPayload proto = page.model()->decodedAt(1).value;
    QCOMPARE(proto.kind, app::DecodedPayload::Kind::Decoded);
    QCOMPARE(proto.schemaType, QStringLiteral("PROTOBUF"));
    QCOMPARE(proto.messageName, QStringLiteral("shop.Parcel"));
    QCOMPARE(cell(page, 1, MessageTableModel::ValueColumn),
             QStringLiteral(R"({"weight":701,"label":"fragile","sizes":[3,4,5],"kind":"LARGE"})"));

    // The same topic pointed at a local .proto (its import beside it) through the page's Schema Files dialog:
    // decoded with the file instead of the registry, the frame's indexes still choosing Parcel.
    QTemporaryDir protoDir;
    QFile header(protoDir.filePath(QStringLiteral("header.proto")));
    QVERIFY(header.open(QIODevice::WriteOnly));
    header.write("syntax = \"proto3\";\npackage shop;\nmessage Header { string source = 1; }\n");
    header.close();
    QFile shop(protoDir.filePath(QStringLiteral("shop.proto")));
    QVERIFY(shop.open(QIODevice::WriteOnly));
    shop.write("syntax = \"proto3\";\npackage shop;\nimport \"header.proto\";\nmessage Envelope { Header header = 1; }\n"
               "message Parcel { int32 weight = 1; string label = 2; repeated int32 sizes = 3;\n"
               "  enum Kind { SMALL = 0; LARGE = 1; }\n  Kind kind = 4; }\n");
    shop.close();
    QTimer::singleShot(0, this, [&] {
      auto* dialog = qobject_cast<LocalSchemaDialog*>(QApplication::activeModalWidget());
      if (dialog == nullptr) return;
      dialog->setValueFile(shop.fileName());
      (void)QTest::qWaitFor([&] { return !dialog->valueStatus().startsWith(QLatin1String("Reading")); }, 10000);
      dialog->accept();  // checked below, through what the connection was given
    });
    QSignalSpy redecoded(page.model(), &MessageTableModel::decodingFinished);
    page.findChild<QPushButton*>("messagesLocalSchemaButton")->click();
    QVERIFY(redecoded.wait(30000));
    QCOMPARE(connection.schemaRegistry()->localSchemas().value(QStringLiteral("proto-orders")).value.path, shop.fileName());
    const app::DecodedPayload local = page.model()->decodedAt(1).value;
    QCOMPARE(local.kind, app::DecodedPayload::Kind::Decoded);
    QCOMPARE(local.localFile, QStringLiteral("shop.proto"));
    QCOMPARE(local.messageName, QStringLiteral("shop.Parcel"));
    QCOMPARE(cell(page, 1, MessageTableModel::ValueColumn),
             QStringLiteral(R"({"weight":701,"label":"fragile","sizes":[3,4,5],"kind":"LARGE"})"));
    QCOMPARE(app::ReadLocalSchemas(connection.name()).value(QStringLiteral("proto-orders")).value.path, shop.fileName());
    QCOMPARE(searchValues(page, QStringLiteral("proto-orders"), QStringLiteral("\"kind\":\"LARGE\"")), (QList<qint64>{0, 1}));
    QSignalSpy back(page.model(), &MessageTableModel::decodingFinished);
    connection.setLocalSchemas({});  // back to the registry
    QVERIFY(back.wait(30000));
    QCOMPARE(page.model()->decodedAt(1).value.localFile, QString());
    QCOMPARE(page.model()->decodedAt(1).value.subject, QStringLiteral("proto-orders-value"));

    // Produce through the registry: the Produce dialog picks avro-orders-value for avro-orders (Confluent's
    // TopicNameStrategy), checks the JSON as it is typed, and the record it writes reads back decoded.
    const QString order = QStringLiteral(R"({"id":2000,"customer":{"name":"Grace"},"status":"PAID","items":["pie"],)"
                                         R"("prices":{"pie":4.0},"note":{"string":"hot"},"code":"B\u0002","day":19001})");
    QVERIFY(openDecoded(page, QStringLiteral("avro-orders"), 3));
    QVERIFY(produceWithDialog(page, [&](ProduceDialog& dialog, bool& checked) {
      auto* value = dialog.findChild<QPlainTextEdit*>("produceValueEdit");
      QTRY_COMPARE_WITH_TIMEOUT(dialog.valueSubject(), QStringLiteral("avro-orders-value"), 10000);
      value->setPlainText(QStringLiteral(R"({"id":"two thousand"})"));
      QTRY_VERIFY_WITH_TIMEOUT(!dialog.isChecking(), 10000);
      QCOMPARE(dialog.schemaStatus(), QStringLiteral("$.id: expected a long"));
      QVERIFY(!dialog.isValid());
      value->setPlainText(order);
      QTRY_VERIFY_WITH_TIMEOUT(!dialog.isChecking() && dialog.isValid(), 10000);
      QVERIFY2(dialog.schemaStatus().startsWith(QStringLiteral("Fits avro-orders-value version 1 (schema id %1, AVRO)").arg(avroId)),
               qPrintable(dialog.schemaStatus()));
      QVERIFY(dialog.spec().value->startsWith(QByteArray("\0\0\0\0", 4) + char(avroId)));
      QVERIFY(uitest::shootLanguagesAndThemes({{&dialog, QStringLiteral("produce-through-schema")}}, QSize(640, 560)));
      checked = true;
    }));
    QVERIFY(openDecoded(page, QStringLiteral("avro-orders"), 4));
    QCOMPARE(page.model()->decodedAt(3).value.schemaId, avroId);
    QCOMPARE(cell(page, 3, MessageTableModel::ValueColumn), order);

    // Encoding through the other schema types: JSON Schema values are validated against the schema (Confluent's
    // serializer with json.fail.invalid.schema), Protobuf values framed with the chosen message's indexes.
    const auto encode = [&](const QString& subject, const QString& json, const QString& message = {}) {
      QSignalSpy spy(connection.schemaRegistry(), &app::SchemaRegistry::encoded);
      const quint64 ticket = connection.schemaRegistry()->encode(subject, json, message);
      if (!spy.wait(30000) || spy.at(0).at(0).toULongLong() != ticket) return app::EncodedValue{};
      return spy.at(0).at(1).value<app::EncodedValue>();
    };
    const app::EncodedValue badJson = encode(QStringLiteral("json-orders-value"), QStringLiteral(R"({"id":"nine","item":"pen"})"));
    QCOMPARE(badJson.error, QStringLiteral(R"($.id: expected integer, got "nine")"));
    const app::EncodedValue noItem = encode(QStringLiteral("json-orders-value"), QStringLiteral(R"({"id":9})"));
    QCOMPARE(noItem.error, QStringLiteral("$: the required property 'item' is missing"));
    const app::EncodedValue goodJson = encode(QStringLiteral("json-orders-value"), QStringLiteral(R"({"id":9,"item":"pen"})"));
    QVERIFY2(goodJson.ok(), qPrintable(goodJson.error));
    QCOMPARE(goodJson.bytes.mid(5), QByteArray(R"({"id":9,"item":"pen"})"));
    const app::EncodedValue parcel = encode(QStringLiteral("proto-orders-value"), QStringLiteral(R"({"weight":5,"kind":"LARGE"})"),
                                            QStringLiteral("shop.Parcel"));
    QVERIFY2(parcel.ok(), qPrintable(parcel.error));
    QCOMPARE(parcel.messages, (QStringList{QStringLiteral("shop.Header"), QStringLiteral("shop.Parcel")}));
    QCOMPARE(parcel.bytes.mid(5), QByteArray("\x02\x02\x08\x05\x20\x01", 6));  // indexes [1], weight 5, kind 1

    // Produce through a local schema file: json-orders' values pointed at a local .avsc; the Produce dialog
    // offers the file (chosen first), checks the JSON with its path in the error and writes it unframed; the
    // record reads back decoded with the file and a filter finds it by its decoded JSON.
    QTemporaryDir avscDir;
    QFile avsc(avscDir.filePath(QStringLiteral("item.avsc")));
    QVERIFY(avsc.open(QIODevice::WriteOnly));
    avsc.write("{\"type\": \"record\", \"name\": \"Item\", \"fields\": [{\"name\": \"id\", \"type\": \"long\"}, "
               "{\"name\": \"item\", \"type\": \"string\"}]}");
    avsc.close();
    connection.setLocalSchemas({{QStringLiteral("json-orders"), {{}, {avsc.fileName(), {}}}}});
    QVERIFY(openDecoded(page, QStringLiteral("json-orders"), 2));
    QVERIFY(produceWithDialog(page, [&](ProduceDialog& dialog, bool& checked) {
      auto* value = dialog.findChild<QPlainTextEdit*>("produceValueEdit");
      QVERIFY(dialog.isLocalSchemaChosen());
      value->setPlainText(QStringLiteral("{\"id\":77,\"item\":7}"));
      QTRY_VERIFY_WITH_TIMEOUT(!dialog.isChecking(), 10000);
      QCOMPARE(dialog.schemaStatus(), QStringLiteral("$.item: expected a string"));
      value->setPlainText(QStringLiteral("{\"id\":77,\"item\":\"teapot\"}"));
      QTRY_VERIFY_WITH_TIMEOUT(!dialog.isChecking() && dialog.isValid(), 10000);
      QVERIFY(dialog.spec().value == QByteArray("\x9a\x01\x0cteapot"));  // Avro, no frame
      checked = true;
    }));
    QVERIFY(openDecoded(page, QStringLiteral("json-orders"), 3));
    QCOMPARE(page.model()->decodedAt(2).value.localFile, QStringLiteral("item.avsc"));
    QCOMPARE(cell(page, 2, MessageTableModel::ValueColumn), QStringLiteral("{\"id\":77,\"item\":\"teapot\"}"));
    QCOMPARE(searchValues(page, QStringLiteral("json-orders"), QStringLiteral("\"item\":\"teapot\"")), (QList<qint64>{2}));
    // The JSON Schema records are not what the .avsc describes: still found by their bytes (json.dumps's spacing).
    QCOMPARE(searchValues(page, QStringLiteral("json-orders"), QStringLiteral("\"item\": \"kettle\"")), (QList<qint64>{0, 1}));
    connection.setLocalSchemas({});

    // A schema id the registry lacks, and corrupt Avro: a reason each, the bytes still shown, no crash.
    QVERIFY(openDecoded(page, QStringLiteral("bad-orders"), 2));
    const app::DecodedPayload missing = page.model()->decodedAt(0).value;
    QCOMPARE(missing.kind, app::DecodedPayload::Kind::Failed);
    QCOMPARE(missing.schemaId, 987654);
    QVERIFY2(missing.error.contains(QLatin1String("not in the registry")), qPrintable(missing.error));
    QVERIFY(cell(page, 0, MessageTableModel::ValueColumn).startsWith(QLatin1String("0x00000f1206")));
    const app::DecodedPayload corrupt = page.model()->decodedAt(1).value;
    QCOMPARE(corrupt.kind, app::DecodedPayload::Kind::Failed);
    QVERIFY2(corrupt.error.contains(QLatin1String("not Avro of schema")), qPrintable(corrupt.error));
    page.table()->selectRow(0);
    QTRY_VERIFY_WITH_TIMEOUT(detail->text(MessageDetailView::TextTab).contains(QLatin1String("Not decoded")), 10000);
    QVERIFY(detail->text(MessageDetailView::TextTab).contains(QLatin1String("00000000  00 00 0f 12 06")));
    uitest::saveArtifact(&page, QStringLiteral("schema-messages-failed.png"));


    // The Schemas page lists the subjects confluent_kafka registered; a Protobuf schema is shown as written and
    // highlighted as .proto, an Avro one pretty-printed and highlighted as JSON (the page itself is test_schemas_page).
    window.showPage(MainWindow::PageId::Schemas);
    auto& schemas = *static_cast<SchemasPage*>(window.page(MainWindow::PageId::Schemas));
    QTRY_VERIFY_WITH_TIMEOUT(schemas.showsContent() && schemas.subjectList()->count() == 3 && !schemas.isBusy(), 30000);
    schemas.subjectList()->setCurrentItem(schemas.subjectList()->findItems("proto-orders-value", Qt::MatchExactly).first());
    QTRY_VERIFY_WITH_TIMEOUT(schemas.schemaText().contains(QLatin1String("message Parcel")), 30000);
    QCOMPARE(schemas.highlighter()->language(), SchemaHighlighter::Language::Protobuf);
    QVERIFY2(schemas.detailText().contains(QStringLiteral("PROTOBUF · version 1 of proto-orders-value")),
             qPrintable(schemas.detailText()));
    schemas.subjectList()->setCurrentItem(schemas.subjectList()->findItems("avro-orders-value", Qt::MatchExactly).first());
    QTRY_VERIFY_WITH_TIMEOUT(schemas.schemaText().contains(QLatin1String("\"Customer\"")), 30000);
    QVERIFY(schemas.schemaText().contains(QLatin1String("\n    \"fields\": [")));  // indented, not one line
    QCOMPARE(schemas.highlighter()->language(), SchemaHighlighter::Language::Json);
  }
};

QTEST_MAIN(SchemaMessagesTest)
#include "test_schema_messages.moc"
