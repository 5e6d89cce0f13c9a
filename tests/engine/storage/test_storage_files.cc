#include <QtTest>
class TestStorageFiles : public QObject {
  Q_OBJECT
 private slots:
  void placeholder() {}
};
QTEST_GUILESS_MAIN(TestStorageFiles)
#include "test_storage_files.moc"
