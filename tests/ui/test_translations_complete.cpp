// The Chinese translation is complete: every message in translations/partita_zh_CN.ts is
// finished and non-empty with the same %N placeholders and a mnemonic where the source has one,
// and lupdate finds no source string that the .ts file lacks. Fails with the offending strings.
#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {

QSet<QString> placeholders(const QString& text) {
  QSet<QString> found;
  static const QRegularExpression re(QStringLiteral("%(\\d+)"));
  for (auto it = re.globalMatch(text); it.hasNext();) found.insert(it.next().captured(0));
  return found;
}

// A single '&' before a character marks a keyboard mnemonic ("&&" is a literal ampersand).
bool hasMnemonic(const QString& text) {
  static const QRegularExpression re(QStringLiteral("(^|[^&])&[^&\\s]"));
  return re.match(text).hasMatch();
}

// Returns one line per problem; empty when the file is complete.
QStringList checkTs(QIODevice* device) {
  QStringList problems;
  QXmlStreamReader xml(device);
  QString context;
  QString source;
  QStringList forms;
  QString type;
  bool inMessage = false;
  bool sawTranslation = false;
  bool sawTs = false;
  while (!xml.atEnd()) {
    xml.readNext();
    if (xml.isStartElement()) {
      const auto name = xml.name();
      if (name == QLatin1String("TS")) {
        sawTs = true;
        if (xml.attributes().value(QLatin1String("language")) != QLatin1String("zh_CN")) {
          problems << QStringLiteral("<TS> language is not zh_CN");
        }
      } else if (name == QLatin1String("name") && !inMessage) {
        context = xml.readElementText();
      } else if (name == QLatin1String("message")) {
        inMessage = true;
        sawTranslation = false;
        source.clear();
        forms.clear();
        type.clear();
      } else if (name == QLatin1String("source") && inMessage) {
        source = xml.readElementText();
      } else if (name == QLatin1String("translation") && inMessage) {
        sawTranslation = true;
        type = xml.attributes().value(QLatin1String("type")).toString();
        // Plural messages hold <numerusform> children; plain ones hold text.
        const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
        forms << text;
      } else if (name == QLatin1String("numerusform") && inMessage) {
        forms << xml.readElementText();
      }
    } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
      inMessage = false;
      const QString where = QStringLiteral("[%1] \"%2\"").arg(context, source);
      if (type == QLatin1String("vanished") || type == QLatin1String("obsolete")) continue;
      if (!sawTranslation) {
        problems << where + QStringLiteral(": no <translation>");
        continue;
      }
      if (type == QLatin1String("unfinished")) problems << where + QStringLiteral(": unfinished");
      for (const QString& form : forms) {
        if (form.trimmed().isEmpty() && forms.size() == 1) problems << where + QStringLiteral(": empty translation");
      }
      const QString joined = forms.join(QString());
      if (joined.trimmed().isEmpty()) continue;
      if (placeholders(source) != placeholders(joined)) problems << where + QStringLiteral(": placeholders differ");
      if (hasMnemonic(source) && !hasMnemonic(joined)) problems << where + QStringLiteral(": mnemonic (&) missing");
    }
  }
  if (xml.hasError()) problems << QStringLiteral("XML error: %1 at line %2").arg(xml.errorString()).arg(xml.lineNumber());
  if (!sawTs) problems << QStringLiteral("no <TS> element");
  return problems;
}

QStringList checkTsText(const QByteArray& text) {
  QByteArray copy = text;
  QBuffer buffer(&copy);
  buffer.open(QIODevice::ReadOnly);
  return checkTs(&buffer);
}

QString sourceDir() { return qEnvironmentVariable("PARTITA_SOURCE_DIR"); }

QString tsPath() { return QDir(sourceDir()).filePath(QStringLiteral("translations/partita_zh_CN.ts")); }

}  // namespace

class TranslationsCompleteTest : public QObject {
  Q_OBJECT

 private slots:
  void checkerRejectsIncompleteFiles() {
    const QByteArray head = "<?xml version=\"1.0\" encoding=\"utf-8\"?><TS version=\"2.1\" language=\"zh_CN\">"
                            "<context><name>C</name><message><source>&amp;File %1</source>";
    const QByteArray tail = "</message></context></TS>";
    QVERIFY(checkTsText(head + "<translation>文件(&amp;F) %1</translation>" + tail).isEmpty());
    QCOMPARE(checkTsText(head + "<translation type=\"unfinished\">文件(&amp;F) %1</translation>" + tail).size(), 1);
    QVERIFY(!checkTsText(head + "<translation></translation>" + tail).isEmpty());
    QVERIFY(!checkTsText(head + "<translation type=\"unfinished\"></translation>" + tail).isEmpty());
    QVERIFY(!checkTsText(head + tail).isEmpty());
    QVERIFY(!checkTsText(head + "<translation>文件(&amp;F)</translation>" + tail).isEmpty());
    QVERIFY(!checkTsText(head + "<translation>文件 %1</translation>" + tail).isEmpty());
    QVERIFY(checkTsText(head + "<translation type=\"vanished\"></translation>" + tail).isEmpty());
    QVERIFY(!checkTsText("<TS language=\"zh_CN\"><context>").isEmpty());
  }

  void zhCnTsIsComplete() {
    QVERIFY2(!sourceDir().isEmpty(), "PARTITA_SOURCE_DIR is not set (run through ctest)");
    QFile file(tsPath());
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(tsPath()));
    const QStringList problems = checkTs(&file);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
  }

  // A new tr() string that nobody added to the .ts shows up as "unfinished" after lupdate.
  void everySourceStringIsInTheTs() {
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString copy = tmp.filePath(QStringLiteral("partita_zh_CN.ts"));
    QVERIFY(QFile::copy(tsPath(), copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);

    QProcess lupdate;
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    lupdate.setWorkingDirectory(sourceDir());
    lupdate.start(QStringLiteral(PARTITA_LUPDATE),
                  {QStringLiteral("-I"), sourceDir(), QStringLiteral("-locations"), QStringLiteral("none"),
                   QStringLiteral("ui"), QStringLiteral("app/gui"), QStringLiteral("-ts"), copy});
    QVERIFY2(lupdate.waitForFinished(120000), "lupdate did not finish");
    const QByteArray output = lupdate.readAll();
    QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0, output.constData());

    QFile file(copy);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList problems = checkTs(&file);
    QVERIFY2(problems.isEmpty(),
             qPrintable(QStringLiteral("run `ninja update_translations` and translate:\n") +
                        problems.join(QLatin1Char('\n'))));
  }
};

QTEST_GUILESS_MAIN(TranslationsCompleteTest)
#include "test_translations_complete.moc"
