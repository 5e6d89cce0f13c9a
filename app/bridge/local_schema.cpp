#include "app/bridge/local_schema.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QSettings>
#include <QUrl>

#include <vector>

namespace partita::app {

namespace {

// A schema file larger than this is not a schema someone wrote (and is not read into memory).
constexpr qint64 kMaxSchemaFileBytes = 4 << 20;

bool ReadSmallFile(const QString& path, std::string* out, QString* error) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    *error = QCoreApplication::translate("LocalSchema", "cannot read %1: %2").arg(path, file.errorString());
    return false;
  }
  if (file.size() > kMaxSchemaFileBytes) {
    *error = QCoreApplication::translate("LocalSchema", "%1 is larger than %2 MiB; it is not a schema").arg(path).arg(kMaxSchemaFileBytes >> 20);
    return false;
  }
  const QByteArray bytes = file.readAll();
  out->assign(bytes.constData(), static_cast<size_t>(bytes.size()));
  return true;
}

// The paths `text` imports (`import "a/b.proto";`, also `import public` / `import weak`), read from the import
// lines themselves so that a file can be scanned before the files it needs are at hand.
QStringList ImportedPaths(const std::string& text) {
  QStringList out;
  for (const QString& line : QString::fromStdString(text).split(QLatin1Char('\n'))) {
    const QString t = line.trimmed();
    if (!t.startsWith(QLatin1String("import ")) && !t.startsWith(QLatin1String("import\t"))) continue;
    const qsizetype open = t.indexOf(QLatin1Char('"')), close = t.indexOf(QLatin1Char('"'), open + 1);
    if (open >= 0 && close > open) out.append(t.mid(open + 1, close - open - 1));
  }
  return out;
}

// Appends the files `text` imports to `refs`, each after its own imports and once only, read relative to `dir`.
bool CollectImports(const std::string& text, const QDir& dir, int depth, QSet<QString>* seen,
                    std::vector<schema_registry::ResolvedReference>* refs, QString* error) {
  for (const QString& name : ImportedPaths(text)) {
    if (name.startsWith(QLatin1String("google/protobuf/")) || seen->contains(name)) continue;
    if (depth >= kMaxImportDepth) {
      *error = QCoreApplication::translate("LocalSchema", "imports nested deeper than %1").arg(kMaxImportDepth);
      return false;
    }
    seen->insert(name);
    std::string imported;
    if (!ReadSmallFile(dir.filePath(name), &imported, error)) return false;
    if (!CollectImports(imported, dir, depth + 1, seen, refs, error)) return false;
    refs->push_back({name.toStdString(), schema_registry::SchemaType::kProtobuf, std::move(imported)});
  }
  return true;
}

QString SettingsGroup(const QString& connectionName) {
  return QStringLiteral("localSchemas/") + QString::fromLatin1(QUrl::toPercentEncoding(connectionName));
}

}  // namespace

std::shared_ptr<const LoadedLocalSchema> LoadLocalSchema(const QString& path) {
  auto loaded = std::make_shared<LoadedLocalSchema>();
  std::string text;
  if (!ReadSmallFile(path, &text, &loaded->error)) return loaded;
  if (path.endsWith(QLatin1String(".proto"), Qt::CaseInsensitive)) {
    loaded->type = QStringLiteral("PROTOBUF");
    std::vector<schema_registry::ResolvedReference> refs;
    QSet<QString> seen;
    if (!CollectImports(text, QFileInfo(path).absoluteDir(), 0, &seen, &refs, &loaded->error)) return loaded;
    auto parsed = schema_registry::ProtobufSchema::Parse(text, refs);
    if (!parsed.ok()) {
      loaded->error = QCoreApplication::translate("LocalSchema", "%1 is not a valid .proto: %2").arg(path, QString::fromStdString(parsed.status().message()));
      return loaded;
    }
    for (const auto& m : parsed->messages()) loaded->messageNames.append(QString::fromStdString(m.full_name));
    if (loaded->messageNames.isEmpty()) {
      loaded->error = QCoreApplication::translate("LocalSchema", "%1 declares no message").arg(path);
      return loaded;
    }
    loaded->protobuf = std::move(*parsed);
    return loaded;
  }
  loaded->type = QStringLiteral("AVRO");
  auto parsed = schema_registry::AvroSchema::Parse(text);
  if (!parsed.ok()) {
    loaded->error = QCoreApplication::translate("LocalSchema", "%1 is not a valid Avro schema: %2").arg(path, QString::fromStdString(parsed.status().message()));
    return loaded;
  }
  loaded->avro = std::move(*parsed);
  return loaded;
}

LocalSchemaMap ReadLocalSchemas(const QString& connectionName) {
  LocalSchemaMap out;
  QSettings settings(QStringLiteral("Partita"), QStringLiteral("Partita"));
  settings.beginGroup(SettingsGroup(connectionName));
  for (const QString& encoded : settings.childGroups()) {
    settings.beginGroup(encoded);
    LocalTopicSchemas t;
    t.key = {settings.value(QStringLiteral("keyFile")).toString(), settings.value(QStringLiteral("keyMessage")).toString()};
    t.value = {settings.value(QStringLiteral("valueFile")).toString(),
               settings.value(QStringLiteral("valueMessage")).toString()};
    settings.endGroup();
    if (t.isSet()) out.insert(QUrl::fromPercentEncoding(encoded.toLatin1()), t);
  }
  return out;
}

void WriteLocalSchemas(const QString& connectionName, const LocalSchemaMap& schemas) {
  QSettings settings(QStringLiteral("Partita"), QStringLiteral("Partita"));
  settings.remove(SettingsGroup(connectionName));  // rewritten whole: a cleared topic leaves nothing behind
  settings.beginGroup(SettingsGroup(connectionName));
  for (auto it = schemas.constBegin(); it != schemas.constEnd(); ++it) {
    if (!it->isSet()) continue;
    settings.beginGroup(QString::fromLatin1(QUrl::toPercentEncoding(it.key())));
    settings.setValue(QStringLiteral("keyFile"), it->key.path);
    settings.setValue(QStringLiteral("keyMessage"), it->key.messageName);
    settings.setValue(QStringLiteral("valueFile"), it->value.path);
    settings.setValue(QStringLiteral("valueMessage"), it->value.messageName);
    settings.endGroup();
  }
}

}  // namespace partita::app
