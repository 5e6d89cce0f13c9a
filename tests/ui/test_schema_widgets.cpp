// Issue 15, the Schemas page's parts without a registry: the line diff (equal texts, insertions, deletions,
// changes, the size cap), the schema highlighter (which format lands on which range, JSON and .proto, and the
// theme's colours), the diff view (coloured lines, "no differences", computed off the GUI thread) and the
// page's empty states (no connection, a connection without a registry, a registry that does not answer).
#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QtTest>

#include "app/bridge/schema_registry.h"
#include "tests/ui/ui_test_util.h"
#include "ui/language.h"
#include "ui/pages/schemas_page.h"
#include "ui/theme.h"
#include "ui/widgets/line_diff.h"
#include "ui/widgets/schema_diff_view.h"
#include "ui/widgets/schema_highlighter.h"

using namespace partita;
using namespace partita::ui;
using Kind = DiffLine::Kind;

namespace {

// The diff as "  a", "- b", "+ c" lines: easy to compare whole.
QStringList render(const LineDiff& diff) {
  QStringList out;
  for (const DiffLine& line : diff.lines)
    out << (line.kind == Kind::Same ? QStringLiteral("  ") : line.kind == Kind::Added ? QStringLiteral("+ ")
                                                                                       : QStringLiteral("- ")) +
               line.text;
  return out;
}

QStringList lines(const char* text) { return QString::fromUtf8(text).split(QLatin1Char(' ')); }

// The format the highlighter gave the character at `column` of `block`.
QTextCharFormat formatAt(const QTextBlock& block, int column) {
  for (const QTextLayout::FormatRange& range : block.layout()->formats())
    if (column >= range.start && column < range.start + range.length) return range.format;
  return {};
}

// QSyntaxHighlighter colours a document it was just given on the next turn of the event loop, as in the app.
void letHighlighterRun() { QCoreApplication::processEvents(); }

// Whether the `length` characters from `column` all carry `expected`'s colour (and nothing before or after does).
bool colouredExactly(const QTextBlock& block, int column, int length, const QTextCharFormat& expected) {
  for (int i = column; i < column + length; ++i)
    if (formatAt(block, i).foreground() != expected.foreground()) return false;
  const bool before = column > 0 && formatAt(block, column - 1).foreground() == expected.foreground();
  const bool after = formatAt(block, column + length).foreground() == expected.foreground();
  return !before && !after;
}

}  // namespace

class SchemaWidgetsTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    uitest::isolateSettings();
    applyTheme(ThemeMode::Light);
    QVERIFY(m_language.setLanguage(QStringLiteral("en")));  // English plural forms ("1 line", "2 lines")
  }

  void diffOfEqualTexts() {
    const LineDiff diff = DiffLines(lines("a b c"), lines("a b c"));
    QVERIFY(diff.identical());
    QCOMPARE(render(diff), QStringList({"  a", "  b", "  c"}));
    QCOMPARE(diff.lines[2].oldNumber, 3);
    QCOMPARE(diff.lines[2].newNumber, 3);
    QVERIFY(DiffTexts(QString(), QString()).lines.isEmpty());
    QVERIFY(DiffTexts(QStringLiteral("x\ny\n"), QStringLiteral("x\ny")).identical());  // a final newline is no line
  }

  void diffOfInsertions() {
    const LineDiff diff = DiffLines(lines("a b c"), lines("a x b c y"));
    QCOMPARE(render(diff), QStringList({"  a", "+ x", "  b", "  c", "+ y"}));
    QCOMPARE(diff.added, 2);
    QCOMPARE(diff.removed, 0);
    QCOMPARE(diff.lines[1].oldNumber, 0);
    QCOMPARE(diff.lines[1].newNumber, 2);
    QCOMPARE(diff.lines[4].newNumber, 5);
    QCOMPARE(render(DiffLines({}, lines("a b"))), QStringList({"+ a", "+ b"}));
  }

  void diffOfDeletions() {
    const LineDiff diff = DiffLines(lines("a b c d"), lines("b d"));
    QCOMPARE(render(diff), QStringList({"- a", "  b", "- c", "  d"}));
    QCOMPARE(diff.removed, 2);
    QCOMPARE(diff.lines[2].oldNumber, 3);
    QCOMPARE(diff.lines[2].newNumber, 0);
    QCOMPARE(render(DiffLines(lines("a b"), {})), QStringList({"- a", "- b"}));
  }

  void diffOfChanges() {
    // A changed line reads as its old form then its new one; repeated lines are matched once each.
    QCOMPARE(render(DiffLines(lines("a b c"), lines("a B c"))), QStringList({"  a", "- b", "+ B", "  c"}));
    const LineDiff repeated = DiffLines(lines("} } x }"), lines("} x } }"));
    QCOMPARE(repeated.added + repeated.removed, 2);  // one } moved: the longest common subsequence keeps three lines
    QCOMPARE(render(DiffLines(lines("a b c d e"), lines("a c b d E"))).join(QLatin1Char('|')),
             QStringLiteral("  a|- b|  c|+ b|  d|- e|+ E"));
  }

  void diffCapReplacesTheMiddleWhole() {
    // Beyond the cap the differing middle is one removal and one addition; the common head and tail are kept.
    QStringList before{QStringLiteral("head")}, after{QStringLiteral("head")};
    for (int i = 0; i < 10; ++i) {
      if (i == 5) {
        before << QStringLiteral("shared");
        after << QStringLiteral("shared");
      }
      before << QStringLiteral("old %1").arg(i);
      after << QStringLiteral("new %1").arg(i);
    }
    before << QStringLiteral("tail");
    after << QStringLiteral("tail");
    const LineDiff capped = DiffLines(before, after, 120);  // the middle is 11 x 11 = 121 cells
    QVERIFY(capped.whole);
    QCOMPARE(capped.removed, 11);
    QCOMPARE(capped.added, 11);
    QCOMPARE(capped.lines.first().kind, Kind::Same);
    QCOMPARE(capped.lines.last().text, QStringLiteral("tail"));
    QCOMPARE(capped.lines.last().kind, Kind::Same);
    const LineDiff full = DiffLines(before, after, 121);  // at the cap: line by line, "shared" found
    QVERIFY(!full.whole);
    QCOMPARE(full.removed, 10);
    QCOMPARE(full.added, 10);
    QCOMPARE(full.lines[11].text, QStringLiteral("shared"));
    QCOMPARE(full.lines[11].kind, Kind::Same);
    // The default cap keeps a huge schema bounded: 5,000 x 5,000 changed lines is beyond it.
    QStringList bigBefore, bigAfter;
    for (int i = 0; i < 5000; ++i) {
      bigBefore << QStringLiteral("a%1").arg(i);
      bigAfter << QStringLiteral("b%1").arg(i);
    }
    QVERIFY(DiffLines(bigBefore, bigAfter).whole);
    QVERIFY(!DiffLines(bigBefore.mid(0, 2000), bigAfter.mid(0, 2000)).whole);
  }

  void highlightsJson() {
    QPlainTextEdit edit;  // as on the page: the highlighter colours a QPlainTextEdit's document
    QTextDocument& doc = *edit.document();
    SchemaHighlighter highlighter(&doc);
    highlighter.setLanguage(SchemaHighlighter::languageForType(QStringLiteral("AVRO")));
    doc.setPlainText(QStringLiteral("{\n    \"name\": \"Order\",\n    \"size\": -12.5e3, \"ok\": true, \"n\": null\n}"));
    letHighlighterRun();
    const QTextBlock first = doc.firstBlock();
    QVERIFY(colouredExactly(first, 0, 1, highlighter.punctuationFormat()));
    const QTextBlock name = first.next();  //     "name": "Order",
    QVERIFY(colouredExactly(name, 4, 6, highlighter.keyFormat()));
    QVERIFY(colouredExactly(name, 10, 1, highlighter.punctuationFormat()));
    QVERIFY(colouredExactly(name, 12, 7, highlighter.stringFormat()));
    const QTextBlock values = name.next();  //     "size": -12.5e3, "ok": true, "n": null
    QVERIFY(colouredExactly(values, 12, 7, highlighter.numberFormat()));
    QVERIFY(colouredExactly(values, 27, 4, highlighter.literalFormat()));
    QVERIFY(colouredExactly(values, 38, 4, highlighter.literalFormat()));
    // The formats differ from each other and from plain text.
    QVERIFY(highlighter.keyFormat().foreground() != highlighter.stringFormat().foreground());
    QVERIFY(highlighter.numberFormat().foreground() != highlighter.literalFormat().foreground());
    QCOMPARE(formatAt(values, 2).foreground(), QBrush());  // indentation stays plain
  }

  void highlightsProto() {
    QPlainTextEdit edit;  // as on the page: the highlighter colours a QPlainTextEdit's document
    QTextDocument& doc = *edit.document();
    SchemaHighlighter highlighter(&doc);
    highlighter.setLanguage(SchemaHighlighter::languageForType(QStringLiteral("PROTOBUF")));
    doc.setPlainText(QStringLiteral("syntax = \"proto3\";\n"
                                    "message Parcel { // a box\n"
                                    "  repeated int32 sizes = 12;\n"
                                    "  /* kept\n"
                                    "     for later */ Money price = 3;\n"
                                    "}"));
    letHighlighterRun();
    const QTextBlock syntax = doc.firstBlock();
    QVERIFY(colouredExactly(syntax, 0, 6, highlighter.keywordFormat()));
    QVERIFY(colouredExactly(syntax, 9, 8, highlighter.stringFormat()));
    const QTextBlock message = syntax.next();
    QVERIFY(colouredExactly(message, 0, 7, highlighter.keywordFormat()));
    QCOMPARE(formatAt(message, 8).foreground(), QBrush());  // a message name is not a keyword
    QVERIFY(colouredExactly(message, 17, 8, highlighter.commentFormat()));
    const QTextBlock field = message.next();  //   repeated int32 sizes = 12;
    QVERIFY(colouredExactly(field, 2, 8, highlighter.keywordFormat()));
    QVERIFY(colouredExactly(field, 11, 5, highlighter.typeFormat()));
    QCOMPARE(formatAt(field, 17).foreground(), QBrush());
    QVERIFY(colouredExactly(field, 25, 2, highlighter.fieldNumberFormat()));
    QCOMPARE(formatAt(field, 25).fontWeight(), int(QFont::Bold));
    // A block comment runs over the line break and ends where it closes.
    const QTextBlock open = field.next();
    const QTextBlock close = open.next();  //      for later */ Money price = 3;
    QVERIFY(colouredExactly(open, 2, 7, highlighter.commentFormat()));
    QVERIFY(colouredExactly(close, 0, 17, highlighter.commentFormat()));
    QCOMPARE(formatAt(close, 18).foreground(), QBrush());
    QVERIFY(colouredExactly(close, 32, 1, highlighter.fieldNumberFormat()));
    // Plain: nothing coloured.
    highlighter.setLanguage(SchemaHighlighter::Language::Plain);
    QVERIFY(doc.firstBlock().layout()->formats().isEmpty());
  }

  void highlighterFollowsTheTheme() {
    QPlainTextEdit edit;  // as on the page: the highlighter colours a QPlainTextEdit's document
    QTextDocument& doc = *edit.document();
    SchemaHighlighter highlighter(&doc);
    highlighter.setLanguage(SchemaHighlighter::Language::Json);
    doc.setPlainText(QStringLiteral("{\"k\": \"v\"}"));
    letHighlighterRun();
    const QColor light = formatAt(doc.firstBlock(), 1).foreground().color();
    QCOMPARE(light, codeColors().key);
    applyTheme(ThemeMode::Dark);
    highlighter.updateColors();
    const QColor dark = formatAt(doc.firstBlock(), 1).foreground().color();
    QCOMPARE(dark, codeColors().key);
    QVERIFY(light != dark);
    // Readable on its base: every syntax colour stands apart from the dark theme's background.
    const QColor base = QApplication::palette().color(QPalette::Base);
    const CodeColors c = codeColors();
    for (const QColor& colour : {c.key, c.string, c.number, c.literal, c.punctuation, c.keyword, c.type, c.comment})
      QVERIFY2(std::abs(colour.lightness() - base.lightness()) > 90, qPrintable(colour.name()));
    applyTheme(ThemeMode::Light);
  }

  void diffViewShowsColouredLines() {
    SchemaDiffView view;
    QSignalSpy ready(&view, &SchemaDiffView::diffReady);
    view.compare(QStringLiteral("a\nb\nc"), QStringLiteral("a\nB\nc\nd"), QStringLiteral("version 1"),
                 QStringLiteral("version 2"));
    QVERIFY(view.isRunning());  // on a pool thread: the answer comes through the event loop
    QVERIFY(ready.wait(10000));
    QCOMPARE(view.summary(), QStringLiteral("version 1 → version 2: 2 lines added, 1 removed"));
    const QStringList shown = view.diffText().split(QLatin1Char('\n'));
    QCOMPARE(shown, QStringList({"  1 1  a", "- 2    b", "+   2  B", "  3 3  c", "+   4  d"}));
    const QTextDocument* doc = view.textView()->document();
    const CodeColors colors = codeColors();
    QCOMPARE(doc->findBlockByNumber(0).blockFormat().background().style(), Qt::NoBrush);
    QCOMPARE(doc->findBlockByNumber(1).blockFormat().background().color(), colors.removedBackground);
    QCOMPARE(doc->findBlockByNumber(2).blockFormat().background().color(), colors.addedBackground);
    QCOMPARE(doc->findBlockByNumber(4).blockFormat().background().color(), colors.addedBackground);

    view.compare(QStringLiteral("same\n"), QStringLiteral("same"), QStringLiteral("version 2"), QStringLiteral("version 2"));
    QVERIFY(ready.wait(10000));
    QCOMPARE(view.summary(), QStringLiteral("No differences: version 2 and version 2 are the same text."));
    QVERIFY(view.diffText().isEmpty());

    // A newer compare() wins over one still running: only its answer is shown.
    ready.clear();
    view.compare(QStringLiteral("x"), QStringLiteral("y"), QStringLiteral("old"), QStringLiteral("new"));
    view.compare(QStringLiteral("x"), QStringLiteral("x\nz"), QStringLiteral("v1"), QStringLiteral("v3"));
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 10000);
    QTest::qWait(50);
    QCOMPARE(ready.count(), 1);
    QCOMPARE(view.summary(), QStringLiteral("v1 → v3: 1 line added, 0 removed"));
  }

  void pageEmptyStates() {
    SchemasPage page({});
    QVERIFY(!page.showsContent());
    QCOMPARE(page.emptyStateTitle(), QStringLiteral("No Schema Registry yet"));
    auto* retry = page.findChild<QAction*>(QStringLiteral("schemasRetryAction"));
    QVERIFY(retry != nullptr && !retry->isVisible());

    app::SchemaRegistry none;  // a connection whose profile names no registry
    page.setSchemaRegistry(&none);
    QCOMPARE(page.emptyStateTitle(), QStringLiteral("This connection names no Schema Registry"));
    QVERIFY(!page.showsContent());

    // A registry URL nobody listens on (a port taken and released): the empty state says it does not answer.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    app::SchemaRegistry down;
    down.setEndpoint({QStringLiteral("http://127.0.0.1:%1").arg(port)});
    page.setSchemaRegistry(&down);
    QTRY_COMPARE_WITH_TIMEOUT(page.emptyStateTitle(), QStringLiteral("The Schema Registry does not answer"), 30000);
    QVERIFY(!page.showsContent());
    QVERIFY(retry->isVisible());
    const QString description = page.findChild<QLabel*>(QStringLiteral("emptyStateDescription"))->text();
    QVERIFY2(description.startsWith(QStringLiteral("http://127.0.0.1:%1 could not be reached: ").arg(port)),
             qPrintable(description));
    page.setSchemaRegistry(nullptr);
    QCOMPARE(page.emptyStateTitle(), QStringLiteral("No Schema Registry yet"));
    QVERIFY(!retry->isVisible());
  }

 private:
  LanguageManager m_language;
};

QTEST_MAIN(SchemaWidgetsTest)
#include "test_schema_widgets.moc"
