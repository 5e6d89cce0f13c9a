// The real `partita` executable: starts without a display (offscreen), writes a screenshot of the
// main window in English and Chinese, and rejects bad command-line values with exit code 2.
#include <QImage>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run {
  int exitCode = -1;
  QByteArray output;
};

// With `xvfb` the app runs on a real X server (xcb platform) instead of offscreen.
Run runPartita(const QStringList& args, const QString& home, bool xvfb = false) {
  QProcess process;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  if (xvfb) {
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
  } else {
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
  }
  // A private HOME/XDG so the app never reads or writes the user's settings.
  env.insert(QStringLiteral("HOME"), home);
  env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
  process.setProcessEnvironment(env);
  process.setProcessChannelMode(QProcess::MergedChannels);
  if (xvfb) {
    process.start(QStringLiteral("xvfb-run"),
                  QStringList({"-a", "-s", "-screen 0 1280x800x24", QStringLiteral(PARTITA_APP)}) + args);
  } else {
    process.start(QStringLiteral(PARTITA_APP), args);
  }
  Run run;
  if (!process.waitForFinished(60000)) {
    process.kill();
    process.waitForFinished();
    run.output = "timed out";
    return run;
  }
  run.output = process.readAll();
  run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
  return run;
}

// Colours that occur in more than a handful of pixels: a blank or single-colour grab has 1.
int distinctColours(const QImage& image) {
  QHash<QRgb, int> counts;
  for (int y = 0; y < image.height(); y += 2) {
    for (int x = 0; x < image.width(); x += 2) ++counts[image.pixel(x, y)];
  }
  int many = 0;
  for (int n : counts) many += n > 20 ? 1 : 0;
  return many;
}

}  // namespace

class PartitaAppTest : public QObject {
  Q_OBJECT

 private slots:
  void screenshot_data() {
    QTest::addColumn<QStringList>("extraArgs");
    QTest::addColumn<bool>("xvfb");
    QTest::newRow("en") << QStringList() << false;
    QTest::newRow("zh_CN") << QStringList({"--lang", "zh_CN"}) << false;
    QTest::newRow("dark") << QStringList({"--theme", "dark"}) << false;
    QTest::newRow("xvfb-zh_CN") << QStringList({"--lang", "zh_CN"}) << true;
  }

  void screenshot() {
    QFETCH(QStringList, extraArgs);
    QFETCH(bool, xvfb);
    if (xvfb && QStandardPaths::findExecutable(QStringLiteral("xvfb-run")).isEmpty()) {
      QFAIL("xvfb-run is missing: apt-get install -y xvfb xauth");
    }
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString png = tmp.filePath(QStringLiteral("shot.png"));
    const Run run = runPartita(QStringList({"--screenshot", png}) + extraArgs, tmp.path(), xvfb);
    QVERIFY2(run.exitCode == 0, run.output.constData());
    QImage image(png);
    QVERIFY2(!image.isNull(), qPrintable(png));
    QCOMPARE(image.size() / image.devicePixelRatio(), QSize(1100, 700));
    QVERIFY(distinctColours(image) > 5);
  }

  void rejectsUnknownLanguage() {
    QTemporaryDir tmp;
    const Run run = runPartita({"--lang", "xx", "--screenshot", tmp.filePath("x.png")}, tmp.path());
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.output.contains("zh_CN"), run.output.constData());
  }

  void rejectsUnknownTheme() {
    QTemporaryDir tmp;
    const Run run = runPartita({"--theme", "purple", "--screenshot", tmp.filePath("x.png")}, tmp.path());
    QCOMPARE(run.exitCode, 2);
  }

  void reportsUnwritableScreenshot() {
    QTemporaryDir tmp;
    const Run run = runPartita({"--screenshot", tmp.filePath("missing-dir/x.png")}, tmp.path());
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.output.contains("cannot write screenshot"), run.output.constData());
  }

  void printsVersion() {
    QTemporaryDir tmp;
    const Run run = runPartita({"--version"}, tmp.path());
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.output.contains("Partita " PARTITA_VERSION_STRING), run.output.constData());
  }
};

QTEST_GUILESS_MAIN(PartitaAppTest)
#include "test_partita_app.moc"
