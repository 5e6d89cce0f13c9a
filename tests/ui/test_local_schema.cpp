// Issue 15: topics pointed at local schema files (.avsc, .proto with imports) instead of a Schema Registry.
// The SchemaRegistry decodes a topic's records with its files, framed (Confluent's wire format, the frame taken
// off) or not; a file that changes is read again; a missing or broken file says why; the choice is kept in the
// settings per connection; the LocalSchemaDialog checks a file as it is chosen and lists a .proto's messages.
// Filters match the decoded JSON through the catalog's scan decoder; the Produce dialog offers a topic's local
// value file and writes the JSON encoded with it, unframed. The Messages page end to end (a local cluster) is in
// test_schema_messages. Screenshots: test-artifacts/ui/local-schema-dialog-<lang>-<theme>.png,
// produce-local-schema-<lang>-<theme>.png.
#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QDateTime>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "app/bridge/local_schema.h"
#include "app/bridge/record_decoder.h"
#include "app/bridge/schema_catalog.h"
#include "app/bridge/schema_registry.h"
#include "tests/ui/screenshot_util.h"
#include "tests/ui/ui_test_util.h"
#include "ui/dialogs/local_schema_dialog.h"
#include "ui/dialogs/produce_dialog.h"

using namespace partita;

namespace {

const char kOrderAvsc[] = R"({"type": "record", "name": "Order", "namespace": "shop",
  "fields": [{"name": "id", "type": "long"}, {"name": "item", "type": "string"}]})";
const char kCommonProto[] = "syntax = \"proto3\";\npackage shop;\nmessage Money { int64 cents = 1; }\n";
const char kShopProto[] = R"(syntax = "proto3";
package shop;
import "common.proto";
message Order { string id = 1; Money price = 2; }
message Refund { string order_id = 1; }
)";

bool Write(const QString& path, const QByteArray& text) {
  QFile f(path);
  return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(text) == text.size();
}

QByteArray Bytes(std::initializer_list<int> bytes) {
  QByteArray out;
  for (int b : bytes) out.append(static_cast<char>(b));
  return out;
}

app::MessageRow Row(const QByteArray& value, const QByteArray& key = {}) {
  app::MessageRow row;
  row.value = value;
  row.valueIsNull = false;
  row.key = key;
  row.keyIsNull = key.isEmpty();
  return row;
}

QList<app::DecodedRow> Decode(app::SchemaRegistry& registry, const QString& topic, const QList<app::MessageRow>& rows) {
  QSignalSpy decoded(&registry, &app::SchemaRegistry::decoded);
  const quint64 ticket = registry.decode(topic, rows);
  if (!decoded.wait(10000)) return {};
  if (decoded.at(0).at(0).toULongLong() != ticket) return {};
  return decoded.at(0).at(1).value<QList<app::DecodedRow>>();
}

app::EncodedValue EncodeLocal(app::SchemaRegistry& registry, const QString& topic, const QString& json,
                              const QString& message = {}, app::RecordDecoder::Part part = app::RecordDecoder::Part::Value) {
  QSignalSpy encoded(&registry, &app::SchemaRegistry::encoded);
  const quint64 ticket = registry.encodeLocal(topic, json, message, part);
  if (!encoded.wait(10000) || encoded.at(0).at(0).toULongLong() != ticket) return {};
  return encoded.at(0).at(1).value<app::EncodedValue>();
}

}  // namespace

class LocalSchemaTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { uitest::isolateSettings(); }

  void avroFileDecodesRawAndFramedRecords() {
    QTemporaryDir dir;
    const QString avsc = dir.filePath(QStringLiteral("order.avsc"));
    QVERIFY(Write(avsc, kOrderAvsc));
    app::SchemaRegistry registry;
    QVERIFY(!registry.canDecode(QStringLiteral("orders")));
    QSignalSpy changed(&registry, &app::SchemaRegistry::localSchemasChanged);
    registry.setLocalSchemas({{QStringLiteral("orders"), {{}, {avsc, {}}}}});
    QCOMPARE(changed.count(), 1);
    QVERIFY(registry.canDecode(QStringLiteral("orders")));
    QVERIFY(!registry.canDecode(QStringLiteral("other")));

    const QByteArray pen = Bytes({0x54, 0x06, 'p', 'e', 'n'});  // id 42 (zigzag 84), "pen"
    const QList<app::DecodedRow> rows = Decode(
        registry, QStringLiteral("orders"),
        {Row(pen, "k1"),
         Row(Bytes({0, 0, 0, 0, 7}) + pen),             // framed, schema id 7
         Row(Bytes({0x00, 0x06, 'p', 'e', 'n'})),        // id 0: starts with a 0 byte but is not framed
         Row(Bytes({0xff, 0xff}))});                     // not this schema
    QCOMPARE(rows.size(), 4);
    QCOMPARE(rows[0].key.kind, app::DecodedPayload::Kind::NotFramed);  // keys have no file: left as they are
    QCOMPARE(rows[0].value.kind, app::DecodedPayload::Kind::Decoded);
    QCOMPARE(rows[0].value.compact, QStringLiteral(R"({"id":42,"item":"pen"})"));
    QCOMPARE(rows[0].value.localFile, QStringLiteral("order.avsc"));
    QCOMPARE(rows[0].value.schemaType, QStringLiteral("AVRO"));
    QCOMPARE(rows[0].value.schemaId, -1);
    QCOMPARE(rows[1].value.compact, QStringLiteral(R"({"id":42,"item":"pen"})"));
    QCOMPARE(rows[1].value.schemaId, 7);
    QCOMPARE(app::SchemaRegistry::describe(rows[1].value),
             QStringLiteral("Local file order.avsc · AVRO · framed with schema id 7"));
    QCOMPARE(rows[2].value.compact, QStringLiteral(R"({"id":0,"item":"pen"})"));
    QCOMPARE(rows[3].value.kind, app::DecodedPayload::Kind::Failed);
    QVERIFY2(rows[3].value.error.startsWith(QLatin1String("not Avro of order.avsc")), qPrintable(rows[3].value.error));

    // Without a file and without a registry a topic's records are left alone.
    QCOMPARE(Decode(registry, QStringLiteral("other"), {Row(pen)}).value(0).value.kind,
             app::DecodedPayload::Kind::NotFramed);

    // The file changes (a field renamed): read again.
    QVERIFY(Write(avsc, QByteArray(kOrderAvsc).replace("\"item\"", "\"product\"")));
    QFile(avsc).setFileTime(QDateTime::currentDateTime().addSecs(5), QFileDevice::FileModificationTime);
    QCOMPARE(Decode(registry, QStringLiteral("orders"), {Row(pen)}).value(0).value.compact,
             QStringLiteral(R"({"id":42,"product":"pen"})"));

    // Gone or broken: every record says why; nothing is hidden.
    QVERIFY(QFile::remove(avsc));
    app::DecodedPayload missing = Decode(registry, QStringLiteral("orders"), {Row(pen)}).value(0).value;
    QCOMPARE(missing.kind, app::DecodedPayload::Kind::Failed);
    QVERIFY2(missing.error.startsWith(QLatin1String("cannot read")), qPrintable(missing.error));
    QVERIFY(Write(avsc, "{\"type\": \"record\""));
    QFile(avsc).setFileTime(QDateTime::currentDateTime().addSecs(10), QFileDevice::FileModificationTime);
    app::DecodedPayload broken = Decode(registry, QStringLiteral("orders"), {Row(pen)}).value(0).value;
    QCOMPARE(broken.kind, app::DecodedPayload::Kind::Failed);
    QVERIFY2(broken.error.contains(QLatin1String("is not a valid Avro schema")), qPrintable(broken.error));
  }

  void protoFileWithImportsDecodesByIndexesOrChosenMessage() {
    QTemporaryDir dir;
    QVERIFY(Write(dir.filePath(QStringLiteral("common.proto")), kCommonProto));
    const QString proto = dir.filePath(QStringLiteral("shop.proto"));
    QVERIFY(Write(proto, kShopProto));
    const auto loaded = app::LoadLocalSchema(proto);
    QVERIFY2(loaded->error.isEmpty(), qPrintable(loaded->error));
    QCOMPARE(loaded->messageNames, (QStringList{QStringLiteral("shop.Order"), QStringLiteral("shop.Refund")}));

    app::SchemaRegistry registry;
    registry.setLocalSchemas({{QStringLiteral("shop"), {{}, {proto, {}}}},
                              {QStringLiteral("refunds"), {{}, {proto, QStringLiteral("shop.Refund")}}}});
    const QByteArray a1 = Bytes({0x0a, 0x02, 'A', '1'});  // field 1, "A1"
    const QList<app::DecodedRow> shop = Decode(
        registry, QStringLiteral("shop"),
        {Row(a1),                                              // not framed: the file's first message
         Row(Bytes({0, 0, 0, 0, 9, 0x02, 0x02}) + a1),         // framed, message indexes [1]: Refund
         Row(Bytes({0, 0, 0, 0, 9, 0x02, 0x08}) + a1)});       // index 4: no such message
    QCOMPARE(shop.size(), 3);
    QCOMPARE(shop[0].value.messageName, QStringLiteral("shop.Order"));
    QCOMPARE(shop[0].value.compact, QStringLiteral(R"({"id":"A1"})"));
    QCOMPARE(shop[1].value.messageName, QStringLiteral("shop.Refund"));
    QCOMPARE(shop[1].value.compact, QStringLiteral(R"({"order_id":"A1"})"));
    QCOMPARE(shop[1].value.schemaId, 9);
    QCOMPARE(shop[2].value.kind, app::DecodedPayload::Kind::Failed);
    QVERIFY2(shop[2].value.error.startsWith(QLatin1String("not Protobuf of shop.proto")), qPrintable(shop[2].value.error));
    // A message chosen in the binding wins over the default and over the indexes.
    const QList<app::DecodedRow> refunds = Decode(registry, QStringLiteral("refunds"), {Row(a1)});
    QCOMPARE(refunds.value(0).value.compact, QStringLiteral(R"({"order_id":"A1"})"));

    // An import that is not there: the file cannot be used, and says which one is missing.
    QVERIFY(QFile::remove(dir.filePath(QStringLiteral("common.proto"))));
    const auto withoutImport = app::LoadLocalSchema(proto);
    QVERIFY2(withoutImport->error.contains(QLatin1String("common.proto")), qPrintable(withoutImport->error));
  }

  // A filter scan's decoder (SchemaCatalog::scanDecoder, what MessageBrowser::search uses on its thread): a value
  // filter matches the one-line JSON the table shows, and still the raw bytes of a record that does not decode.
  void filtersMatchDecodedValues() {
    QTemporaryDir dir;
    const QString avsc = dir.filePath(QStringLiteral("order.avsc"));
    QVERIFY(Write(avsc, kOrderAvsc));
    app::SchemaRegistry registry;
    registry.setLocalSchemas({{QStringLiteral("orders"), {{}, {avsc, {}}}}});
    const auto catalog = registry.catalog();
    QVERIFY(catalog->scanDecoder(QStringLiteral("other")) == nullptr);  // nothing decodes it: raw bytes only
    const std::unique_ptr<app::RecordDecoder> decoder = catalog->scanDecoder(QStringLiteral("orders"));
    QVERIFY(decoder != nullptr);
    const app::MessageRow pen = Row(Bytes({0x54, 0x06, 'p', 'e', 'n'}), "k1");
    const app::MessageRow notAvro = Row(QByteArray("\xff\xff") + " \"item\":\"pen\"");
    app::MessageFilter filter;
    filter.valueContains = "\"item\":\"pen\"";
    QVERIFY(!filter.matches(pen));  // the bytes hold no such text
    QVERIFY(filter.matches(pen, decoder.get()));
    QVERIFY(filter.matches(notAvro, decoder.get()));  // not decodable: its bytes still match
    filter.valueContains = "\"item\": \"pen\"";  // as the indented detail view shows it: spaces do not matter
    QVERIFY(filter.matches(pen, decoder.get()));
    filter.valueContains = "\"item\":\"p en\"";  // inside a string they do
    QVERIFY(!filter.matches(pen, decoder.get()));
    filter.valueContains = "\"id\":43";
    QVERIFY(!filter.matches(pen, decoder.get()));
    filter.valueContains = "pen";  // the raw bytes match without decoding
    QVERIFY(filter.matches(pen));
    filter.valueContains.clear();
    filter.keyContains = "\"id\"";  // keys have no file: never decoded
    QVERIFY(!filter.matches(pen, decoder.get()));
  }

  // Produce through a local file: encodeLocal writes the JSON with the topic's value file, unframed, and the
  // same bytes decode back; the Produce dialog offers "Local file: ..." for that topic, checks as the user types
  // with the JSON path in the error, and produces the encoded bytes.
  void produceThroughLocalFile() {
    QTemporaryDir dir;
    const QString avsc = dir.filePath(QStringLiteral("order.avsc"));
    QVERIFY(Write(avsc, kOrderAvsc));
    QVERIFY(Write(dir.filePath(QStringLiteral("common.proto")), kCommonProto));
    const QString proto = dir.filePath(QStringLiteral("shop.proto"));
    QVERIFY(Write(proto, kShopProto));
    app::SchemaRegistry registry;  // no registry endpoint: local files only
    registry.setLocalSchemas({{QStringLiteral("orders"), {{avsc, {}}, {avsc, {}}}},
                              {QStringLiteral("refunds"), {{}, {proto, QStringLiteral("shop.Refund")}}}});

    const app::EncodedValue pen = EncodeLocal(registry, QStringLiteral("orders"), QStringLiteral("{\"id\":42,\"item\":\"pen\"}"));
    QVERIFY2(pen.ok(), qPrintable(pen.error));
    QCOMPARE(pen.bytes, Bytes({0x54, 0x06, 'p', 'e', 'n'}));  // no frame
    QCOMPARE(pen.localFile, QStringLiteral("order.avsc"));
    QCOMPARE(pen.schemaType, QStringLiteral("AVRO"));
    QCOMPARE(EncodeLocal(registry, QStringLiteral("orders"), QStringLiteral("{\"id\":\"x\",\"item\":\"pen\"}")).error,
             QStringLiteral("$.id: expected a long"));
    QVERIFY(!EncodeLocal(registry, QStringLiteral("nothing"), QStringLiteral("{}")).ok());
    QVERIFY(!EncodeLocal(registry, QStringLiteral("refunds"), QStringLiteral("{}"), {}, app::RecordDecoder::Part::Key).ok());
    // Protobuf: the binding's message unless another is chosen.
    const app::EncodedValue refund = EncodeLocal(registry, QStringLiteral("refunds"), QStringLiteral("{\"order_id\":\"A1\"}"));
    QVERIFY2(refund.ok(), qPrintable(refund.error));
    QCOMPARE(refund.messageName, QStringLiteral("shop.Refund"));
    QCOMPARE(refund.messages, (QStringList{QStringLiteral("shop.Order"), QStringLiteral("shop.Refund")}));
    QCOMPARE(refund.bytes, Bytes({0x0a, 0x02, 'A', '1'}));
    QVERIFY(!EncodeLocal(registry, QStringLiteral("refunds"), QStringLiteral("{\"order_id\":\"A1\"}"),
                         QStringLiteral("shop.Order")).ok());  // Order has no order_id
    QCOMPARE(Decode(registry, QStringLiteral("refunds"), {Row(refund.bytes)}).value(0).value.compact,
             QStringLiteral("{\"order_id\":\"A1\"}"));

    ui::ProduceDialog dialog({{QStringLiteral("orders"), 1, false}, {QStringLiteral("plain"), 1, false}},
                             QStringLiteral("orders"));
    dialog.setSchemaRegistry(&registry);
    QVERIFY(dialog.isLocalSchemaChosen());  // the topic's file, as the Messages page decodes with it
    auto* combo = dialog.findChild<QComboBox*>(QStringLiteral("produceSchemaCombo"));
    QCOMPARE(combo->currentText(), QStringLiteral("Local file: order.avsc"));
    QVERIFY(combo->itemData(combo->currentIndex(), Qt::ToolTipRole).toString().contains(QLatin1String("unframed")));
    // The key through the topic's key file (checked by default), checked as typed like the value.
    QVERIFY(dialog.isKeyThroughSchema());
    auto* key = dialog.findChild<QLineEdit*>(QStringLiteral("produceKeyEdit"));
    key->setText(QStringLiteral("{\"id\":1}"));
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isChecking(), 10000);
    QVERIFY2(dialog.keySchemaStatus().startsWith(QLatin1String("$")), qPrintable(dialog.keySchemaStatus()));
    QVERIFY(!dialog.isValid());
    key->setText(QStringLiteral("{\"id\":1,\"item\":\"k\"}"));
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isChecking(), 10000);
    QVERIFY2(dialog.keySchemaStatus().startsWith(QLatin1String("Key fits order.avsc (AVRO): 3 byte")),
             qPrintable(dialog.keySchemaStatus()));
    auto* value = dialog.findChild<QPlainTextEdit*>(QStringLiteral("produceValueEdit"));
    value->setPlainText(QStringLiteral("{\"id\":\"forty\",\"item\":\"pen\"}"));
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isChecking(), 10000);
    QCOMPARE(dialog.schemaStatus(), QStringLiteral("$.id: expected a long"));
    QVERIFY(!dialog.isValid());
    value->setPlainText(QStringLiteral("{\"id\":42,\"item\":\"pen\"}"));
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isChecking() && dialog.isValid(), 10000);
    QVERIFY2(dialog.schemaStatus().startsWith(QLatin1String("Fits order.avsc (AVRO): 5 byte")), qPrintable(dialog.schemaStatus()));
    QVERIFY(dialog.schemaStatus().contains(QLatin1String("unframed")));
    QVERIFY(dialog.spec().value == pen.bytes);
    QVERIFY(dialog.spec().key == Bytes({0x02, 0x02, 'k'}));
    QVERIFY(uitest::shootLanguagesAndThemes({{&dialog, QStringLiteral("produce-local-schema")}}, QSize(640, 560)));
    // Another topic without a file: no local choice; back: offered again.
    dialog.findChild<QComboBox*>(QStringLiteral("produceTopicCombo"))->setCurrentText(QStringLiteral("plain"));
    QVERIFY(!dialog.isLocalSchemaChosen());
    QVERIFY(!dialog.isKeyThroughSchema());
    QCOMPARE(combo->count(), 1);
    QVERIFY(dialog.spec().value == value->toPlainText().toUtf8());
    QVERIFY(dialog.spec().key == key->text().toUtf8());
    dialog.findChild<QComboBox*>(QStringLiteral("produceTopicCombo"))->setCurrentText(QStringLiteral("orders"));
    QVERIFY(dialog.isLocalSchemaChosen());
  }

  void choicesAreKeptPerConnection() {
    const app::LocalSchemaMap schemas{
        {QStringLiteral("orders.v1"), {{QStringLiteral("/k.avsc"), {}}, {QStringLiteral("/v.proto"), QStringLiteral("a.B")}}},
        {QStringLiteral("payments_2"), {{}, {QStringLiteral("/p.avsc"), {}}}}};
    app::WriteLocalSchemas(QStringLiteral("prod / eu west"), schemas);
    app::WriteLocalSchemas(QStringLiteral("staging"), {{QStringLiteral("x"), {{}, {QStringLiteral("/x.avsc"), {}}}}});
    QCOMPARE(app::ReadLocalSchemas(QStringLiteral("prod / eu west")), schemas);
    app::WriteLocalSchemas(QStringLiteral("prod / eu west"), {});  // all cleared: nothing left behind
    QVERIFY(app::ReadLocalSchemas(QStringLiteral("prod / eu west")).isEmpty());
    QCOMPARE(app::ReadLocalSchemas(QStringLiteral("staging")).size(), 1);
  }

  void dialogChecksFilesAndListsMessages() {
    QTemporaryDir dir;
    QVERIFY(Write(dir.filePath(QStringLiteral("common.proto")), kCommonProto));
    const QString proto = dir.filePath(QStringLiteral("shop.proto"));
    QVERIFY(Write(proto, kShopProto));
    ui::LocalSchemaDialog dialog(QStringLiteral("shop"), {{}, {proto, QStringLiteral("shop.Refund")}});
    QSignalSpy checked(&dialog, &ui::LocalSchemaDialog::checked);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.valueStatus().startsWith(QLatin1String("Protobuf, 2 message")), 10000);
    auto* messages = dialog.findChild<QComboBox*>(QStringLiteral("localSchemaValueMessageCombo"));
    QVERIFY(messages != nullptr && messages->isEnabled());
    QCOMPARE(messages->count(), 3);
    QCOMPARE(messages->currentData().toString(), QStringLiteral("shop.Refund"));  // the binding's message kept
    messages->setCurrentIndex(0);  // as the message indexes say
    QCOMPARE(dialog.schemas().value, (app::LocalSchemaFile{proto, {}}));

    dialog.setKeyFile(dir.filePath(QStringLiteral("nothing.avsc")));
    QTRY_VERIFY_WITH_TIMEOUT(dialog.keyStatus().startsWith(QLatin1String("cannot read")), 10000);
    const QString avsc = dir.filePath(QStringLiteral("order.avsc"));
    QVERIFY(Write(avsc, kOrderAvsc));
    dialog.setKeyFile(avsc);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.keyStatus() == QLatin1String("Avro schema of shop.Order"), 10000);
    QCOMPARE(dialog.schemas().key, (app::LocalSchemaFile{avsc, {}}));
    QVERIFY(uitest::shootLanguagesAndThemes({{&dialog, QStringLiteral("local-schema-dialog")}}, QSize(680, 460)));
    dialog.setKeyFile(QString());
    QVERIFY(!dialog.schemas().key.isSet());
  }
};

QTEST_MAIN(LocalSchemaTest)
#include "test_local_schema.moc"
