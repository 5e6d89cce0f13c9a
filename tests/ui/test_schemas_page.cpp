// Issue 15, the Schemas page end to end: the main window starts a local cluster the way the app does (its own
// Schema Registry found by the connection) and the page is driven through its widgets. Two versions are
// registered through the Register dialog (the registry's compatibility check answering first; an incompatible
// schema is refused and not registered), the Compare tab shows their line diff, the subject's and the global
// compatibility levels are changed (read back from the registry), a version is deleted soft then permanently,
// and the subject as a whole. Screenshots: test-artifacts/ui/schemas-page-<lang>-<theme>.png (schema text) and
// schemas-page-compare-<lang>-<theme>.png (the diff).
#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "app/bridge/cluster_connection.h"
#include "app/bridge/schema_registry.h"
#include "tests/ui/screenshot_util.h"
#include "tests/ui/ui_test_util.h"
#include "ui/connections_sidebar.h"
#include "ui/dialogs/register_schema_dialog.h"
#include "ui/main_window.h"
#include "ui/pages/schemas_page.h"
#include "ui/widgets/schema_diff_view.h"
#include "ui/widgets/schema_highlighter.h"

using namespace partita;
using namespace partita::ui;
using app::ClusterConnection;

namespace {

constexpr int kStartTimeoutMs = 120000;

const char kOrderV1[] =
    R"({"type":"record","name":"Order","namespace":"shop","fields":[{"name":"id","type":"long"},)"
    R"({"name":"item","type":"string"}]})";
// v1 plus a field with a default: BACKWARD compatible.
const char kOrderV2[] =
    R"({"type":"record","name":"Order","namespace":"shop","fields":[{"name":"id","type":"long"},)"
    R"({"name":"item","type":"string"},{"name":"gift","type":"boolean","default":false}]})";
// v2 with "item" renamed and no default: a reader of v3 cannot read v2's records.
const char kOrderIncompatible[] =
    R"({"type":"record","name":"Order","namespace":"shop","fields":[{"name":"id","type":"long"},)"
    R"({"name":"product","type":"string"},{"name":"gift","type":"boolean","default":false}]})";

}  // namespace

class SchemasPageTest : public QObject {
  Q_OBJECT

  // Waits until the page has no request in flight (or 30 s passed).
  static bool settle(SchemasPage& page) {
    return QTest::qWaitFor([&] { return !page.isBusy(); }, 30000);
  }

  // Types `schema` into the Register dialog and presses Register; returns the answer it shows.
  static QString registerThroughDialog(SchemasPage& page, RegisterSchemaDialog& dialog, const char* schema) {
    dialog.findChild<QPlainTextEdit*>("registerSchemaEdit")->setPlainText(QString::fromUtf8(schema));
    QSignalSpy answered(&page, &SchemasPage::statusChanged);
    QTest::mouseClick(dialog.findChild<QPushButton*>("registerRegisterButton"), Qt::LeftButton);
    // "Checking…", the check's answer, and (when compatible) the registration's.
    if (!QTest::qWaitFor([&] { return answered.count() >= 2 && !page.isBusy(); }, 30000)) return QStringLiteral("(timeout)");
    return dialog.answer();
  }

  // GET `path` from the registry through the connection's client; the body as JSON.
  static QJsonObject registryGet(app::SchemaRegistry& registry, const QString& path) {
    QSignalSpy spy(&registry, &app::SchemaRegistry::answered);
    const quint64 ticket = registry.call("GET", path);
    if (!QTest::qWaitFor([&] {
          for (const auto& args : spy)
            if (args.at(0).toULongLong() == ticket) return true;
          return false;
        }, 30000))
      return {};
    for (const auto& args : spy)
      if (args.at(0).toULongLong() == ticket) return QJsonDocument::fromJson(args.at(1).value<app::RegistryAnswer>().body).object();
    return {};
  }

 private slots:
  void initTestCase() { uitest::isolateSettings(); }

  void registerCompareLevelAndDelete() {
    QTemporaryDir dir;
    MainWindow window(MainWindow::SettingsMode::Ephemeral);
    window.resize(1280, 800);
    window.show();
    window.showPage(MainWindow::PageId::Schemas);
    auto& page = *static_cast<SchemasPage*>(window.page(MainWindow::PageId::Schemas));
    page.setConfirmationsEnabled(false);
    QVERIFY(!page.showsContent());  // no connection yet
    QCOMPARE(page.emptyStateTitle(), QStringLiteral("No Schema Registry yet"));

    ClusterConnection::LocalOptions options;
    options.dataDir = dir.filePath(QStringLiteral("cluster"));
    options.brokers = 1;
    ClusterConnection& connection = *window.connections()->addLocal(QStringLiteral("schemas"), options);
    QTRY_VERIFY_WITH_TIMEOUT(connection.state() == ClusterConnection::State::Connected, kStartTimeoutMs);
    // The page follows the connection: it shows the registry as soon as the connection has found it.
    QTRY_VERIFY_WITH_TIMEOUT(page.showsContent() && !page.isBusy(), 30000);
    app::SchemaRegistry& registry = *connection.schemaRegistry();
    QVERIFY(page.findChild<QLabel*>("schemaEndpointLabel")->text().contains(registry.endpoint().url));
    QCOMPARE(page.subjectList()->count(), 0);

    // Version 1 of a new subject through the Register dialog: nothing to check against (Confluent answers 404 or,
    // since 7.x, "compatible"), registered.
    QTest::mouseClick(page.findChild<QPushButton*>("schemaRegisterButton"), Qt::LeftButton);
    auto* dialog = page.findChild<RegisterSchemaDialog*>("registerSchemaDialog");
    QVERIFY(dialog != nullptr);
    dialog->findChild<QLineEdit*>("registerSubjectEdit")->setText(QStringLiteral("orders-value"));
    dialog->findChild<QComboBox*>("registerTypeCombo")->setCurrentText(QStringLiteral("AVRO"));
    QString answer = registerThroughDialog(page, *dialog, kOrderV1);
    QVERIFY2(QRegularExpression(QStringLiteral("^(orders-value has no version yet: nothing to check against\\.|"
                                               "Compatible with orders-value's latest version\\.) "
                                               "Registered under orders-value with schema id \\d+\\.$"))
                 .match(answer)
                 .hasMatch(),
             qPrintable(answer));
    QTRY_VERIFY_WITH_TIMEOUT(page.subjectList()->count() == 1 && page.versionCombo()->count() == 1 && !page.isBusy(), 30000);

    // Version 2, compatible (a field with a default), then an incompatible one the check refuses.
    answer = registerThroughDialog(page, *dialog, kOrderV2);
    QVERIFY2(answer.startsWith(QLatin1String("Compatible with orders-value's latest version. Registered under")),
             qPrintable(answer));
    QTRY_VERIFY_WITH_TIMEOUT(page.versionCombo()->count() == 2 && !page.isBusy(), 30000);
    answer = registerThroughDialog(page, *dialog, kOrderIncompatible);
    QVERIFY2(answer.startsWith(QLatin1String("Not compatible with orders-value's latest version: ")), qPrintable(answer));
    QVERIFY(settle(page));
    QCOMPARE(registryGet(registry, QStringLiteral("/subjects/orders-value/versions/latest")).value("version").toInt(), 2);
    uitest::saveArtifact(dialog, QStringLiteral("register-schema-dialog.png"));
    QVERIFY(uitest::shootLanguagesAndThemes({{dialog, QStringLiteral("register-schema-dialog")}}, QSize(720, 520)));
    dialog->close();

    // The latest version is shown pretty-printed and highlighted as JSON.
    QCOMPARE(page.versionCombo()->currentData().toInt(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(page.schemaText().contains(QLatin1String("gift")), 30000);
    QVERIFY2(page.schemaText().contains(QLatin1String("\n    \"fields\": [")), qPrintable(page.schemaText()));
    QCOMPARE(page.highlighter()->language(), SchemaHighlighter::Language::Json);
    QVERIFY2(page.detailText().contains(QStringLiteral("AVRO · version 2 of orders-value")), qPrintable(page.detailText()));
    QVERIFY(!page.schemaView()->document()->firstBlock().next().layout()->formats().isEmpty());  // coloured
    QVERIFY(uitest::shootLanguagesAndThemes({{&window, QStringLiteral("schemas-page")}}, QSize(1280, 800)));

    // Compare: by default the shown version (2) against the one before (1); the gift field is the difference.
    // (A version still loading may start the comparison again: wait for the one that shows versions 1 and 2.)
    const auto comparedAs = [&](const QString& summaryStart) {
      return QTest::qWaitFor([&] {
        return !page.diffView()->isRunning() && page.diffView()->summary().startsWith(summaryStart);
      }, 30000);
    };
    page.tabs()->setCurrentIndex(SchemasPage::CompareTab);
    QVERIFY2(comparedAs(QStringLiteral("version 1 → version 2: ")), qPrintable(page.diffView()->summary()));
    QCOMPARE(page.compareFromCombo()->currentData().toInt(), 1);
    QCOMPARE(page.compareToCombo()->currentData().toInt(), 2);
    const LineDiff& diff = page.diffView()->diff();
    QVERIFY(!diff.identical());
    QStringList added;
    for (const DiffLine& line : diff.lines)
      if (line.kind == DiffLine::Kind::Added) added << line.text.trimmed();
    QVERIFY2(added.join(QLatin1Char('|')).contains(QLatin1String("\"name\": \"gift\"")), qPrintable(added.join('|')));
    QVERIFY(page.diffView()->diffText().contains(QLatin1String("\"default\": false")));
    QVERIFY(uitest::shootLanguagesAndThemes({{&window, QStringLiteral("schemas-page-compare")}}, QSize(1280, 800)));
    // The same version on both sides: no differences.
    page.compareFromCombo()->setCurrentIndex(1);
    QVERIFY2(comparedAs(QStringLiteral("No differences: version 2 and version 2 are the same text.")),
             qPrintable(page.diffView()->summary()));
    page.tabs()->setCurrentIndex(SchemasPage::SchemaTab);

    // Compatibility: the subject's own level (it inherited BACKWARD), then the global one.
    auto* origin = page.findChild<QLabel*>("schemaLevelOrigin");
    QCOMPARE(page.levelCombo()->currentText(), QStringLiteral("BACKWARD"));
    QCOMPARE(origin->text(), QStringLiteral("inherited from the global level"));
    const int full = page.levelCombo()->findText(QStringLiteral("FULL"));
    page.levelCombo()->setCurrentIndex(full);
    emit page.levelCombo()->activated(full);
    QVERIFY(settle(page));
    QCOMPARE(page.statusText(), QStringLiteral("orders-value now uses FULL."));
    QCOMPARE(origin->text(), QStringLiteral("set for this subject"));
    QCOMPARE(registryGet(registry, QStringLiteral("/config/orders-value")).value("compatibilityLevel").toString(),
             QStringLiteral("FULL"));
    const int none = page.globalLevelCombo()->findText(QStringLiteral("NONE"));
    page.globalLevelCombo()->setCurrentIndex(none);
    emit page.globalLevelCombo()->activated(none);
    QVERIFY(settle(page));
    QCOMPARE(page.statusText(), QStringLiteral("The global compatibility level is now NONE."));
    QCOMPARE(registryGet(registry, QStringLiteral("/config")).value("compatibilityLevel").toString(), QStringLiteral("NONE"));
    QCOMPARE(page.levelCombo()->currentText(), QStringLiteral("FULL"));  // its own level is kept

    // Delete version 1: soft (hidden, the id still readable), then permanently; then the whole subject.
    page.deleteVersion(QStringLiteral("orders-value"), 1, false);
    QVERIFY(settle(page));
    QCOMPARE(page.statusText(), QStringLiteral("Deleted version 1 of orders-value."));
    QTRY_VERIFY_WITH_TIMEOUT(page.versionCombo()->count() == 1 && !page.isBusy(), 30000);
    QCOMPARE(page.versionCombo()->currentData().toInt(), 2);
    page.deleteVersion(QStringLiteral("orders-value"), 1, true);
    QVERIFY(settle(page));
    QCOMPARE(page.statusText(), QStringLiteral("Deleted version 1 of orders-value permanently."));
    page.tabs()->setCurrentIndex(SchemasPage::CompareTab);  // one version left: nothing to compare
    QTRY_VERIFY_WITH_TIMEOUT(page.diffView()->summary().contains(QLatin1String("has one version")), 10000);
    page.tabs()->setCurrentIndex(SchemasPage::SchemaTab);
    page.versionCombo()->setCurrentIndex(0);
    QTest::mouseClick(page.findChild<QPushButton*>("schemaDeleteSubjectButton"), Qt::LeftButton);
    QVERIFY(settle(page));
    QCOMPARE(page.statusText(), QStringLiteral("Deleted every version of orders-value."));
    QTRY_VERIFY_WITH_TIMEOUT(page.subjectList()->count() == 0 && !page.isBusy(), 30000);
  }
};

QTEST_MAIN(SchemasPageTest)
#include "test_schemas_page.moc"
