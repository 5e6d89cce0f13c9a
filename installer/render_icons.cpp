// Build-time tool: renders the app's SVG icon to the PNG sizes of the freedesktop hicolor theme, for
// desktops and software centres that do not load SVG icons.
// usage: render_icons <icon.svg> <output dir> <size>...   writes <output dir>/<size>x<size>/partita.png
#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>

#include <cstdio>

int main(int argc, char** argv) {
  qputenv("QT_QPA_PLATFORM", "offscreen");  // runs during the build, without a display
  QGuiApplication app(argc, argv);
  if (argc < 4) {
    std::fprintf(stderr, "usage: render_icons <icon.svg> <output dir> <size>...\n");
    return 2;
  }
  QSvgRenderer svg(QString::fromLocal8Bit(argv[1]));
  if (!svg.isValid()) {
    std::fprintf(stderr, "render_icons: cannot read %s\n", argv[1]);
    return 1;
  }
  const QDir out(QString::fromLocal8Bit(argv[2]));
  for (int i = 3; i < argc; ++i) {
    const int size = QString::fromLatin1(argv[i]).toInt();
    if (size <= 0) {
      std::fprintf(stderr, "render_icons: bad size %s\n", argv[i]);
      return 2;
    }
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    svg.render(&painter);
    painter.end();
    const QString dir = QStringLiteral("%1x%1").arg(size);
    const QString path = out.filePath(dir + QStringLiteral("/partita.png"));
    if (!out.mkpath(dir) || !image.save(path)) {
      std::fprintf(stderr, "render_icons: cannot write %s\n", qPrintable(path));
      return 1;
    }
  }
  return 0;
}
