#include "app/bridge/schema_registry_worker.h"

#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QUrl>

#include <string_view>
#include <vector>

#include "app/bridge/avro_binary_decoder.h"
#include "app/bridge/avro_json_encoder.h"
#include "app/bridge/confluent_wire.h"
#include "app/bridge/json_schema_validator.h"
#include "app/bridge/protobuf_binary_decoder.h"
#include "app/bridge/protobuf_json_encoder.h"

namespace partita::app {

namespace {

constexpr int kTimeoutMs = 10000;
constexpr int kMaxReferenceDepth = 8;
constexpr int kRetryAfterMs = 30000;
const QByteArray kContentType = "application/vnd.schemaregistry.v1+json";

// Invalid UTF-8 in a string (Avro strings are not checked on the wire) becomes U+FFFD instead of throwing.
void Dump(const nlohmann::ordered_json& j, DecodedPayload* out) {
  out->json = QString::fromStdString(j.dump(4, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
  out->compact = QString::fromStdString(j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

}  // namespace

SchemaRegistryWorker::SchemaRegistryWorker(QObject* parent) : QObject(parent) {}
SchemaRegistryWorker::~SchemaRegistryWorker() = default;

void SchemaRegistryWorker::run(std::function<void()> task) {
  m_tasks.push_back(std::move(task));
  // A call waits for its reply in a nested event loop, which also delivers the next queued invocation: that one
  // is only queued here, so requests never interleave and answers keep their order.
  if (m_running) return;
  m_running = true;
  while (!m_tasks.empty()) {
    std::function<void()> next = std::move(m_tasks.front());
    m_tasks.pop_front();
    next();
  }
  m_running = false;
}

void SchemaRegistryWorker::setEndpoint(const RegistryEndpoint& endpoint) {
  if (endpoint == m_endpoint) return;
  m_endpoint = endpoint;
  m_cache.clear();
  m_subjects.clear();
  m_extraCas.clear();
  m_caError.clear();
  if (!endpoint.caFile.isEmpty()) {
    m_extraCas = QSslCertificate::fromPath(endpoint.caFile, QSsl::Pem);
    if (m_extraCas.isEmpty()) m_caError = tr("%1 holds no PEM certificate (or cannot be read).").arg(endpoint.caFile);
  }
}

RegistryAnswer SchemaRegistryWorker::call(const QByteArray& method, const QString& path, const QByteArray& body) {
  RegistryAnswer answer;
  if (!m_endpoint.isSet()) {
    answer.error = tr("No Schema Registry is set for this cluster.");
    return answer;
  }
  if (m_network == nullptr) m_network = new QNetworkAccessManager(this);
  QString base = m_endpoint.url.trimmed();
  while (base.endsWith(QLatin1Char('/'))) base.chop(1);
  const QUrl url(base + path);
  if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
    answer.error = tr("'%1' is not an http:// or https:// URL.").arg(m_endpoint.url);
    return answer;
  }
  if (!m_caError.isEmpty()) {
    answer.error = m_caError;
    return answer;
  }
  QNetworkRequest request(url);
  if (!m_extraCas.isEmpty()) {
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.addCaCertificates(m_extraCas);
    request.setSslConfiguration(tls);
  }
  request.setRawHeader("Accept", kContentType + ", application/json");
  if (!body.isEmpty()) request.setHeader(QNetworkRequest::ContentTypeHeader, kContentType);
  if (!m_endpoint.user.isEmpty()) {
    request.setRawHeader("Authorization",
                         "Basic " + (m_endpoint.user + QLatin1Char(':') + m_endpoint.password).toUtf8().toBase64());
  }
  request.setTransferTimeout(kTimeoutMs);
  QNetworkReply* reply = m_network->sendCustomRequest(request, method, body);
  QEventLoop loop;
  connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
  if (!reply->isFinished()) loop.exec();
  answer.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
  answer.body = reply->readAll();
  if (answer.httpStatus == 0) {
    answer.error = reply->errorString();
  } else if (answer.httpStatus >= 300) {
    const QJsonObject o = QJsonDocument::fromJson(answer.body).object();
    answer.error = o.contains(QStringLiteral("message"))
                       ? tr("%1 (error code %2)").arg(o.value(QStringLiteral("message")).toString())
                             .arg(o.value(QStringLiteral("error_code")).toInt(answer.httpStatus))
                       : tr("HTTP %1: %2").arg(answer.httpStatus).arg(QString::fromUtf8(answer.body.left(300)));
  }
  reply->deleteLater();
  return answer;
}

QString SchemaRegistryWorker::resolveReferences(const QByteArray& schemaAnswer, int depth, void* out) {
  auto* refs = static_cast<std::vector<schema_registry::ResolvedReference>*>(out);
  const QJsonArray list = QJsonDocument::fromJson(schemaAnswer).object().value(QStringLiteral("references")).toArray();
  for (const QJsonValue& v : list) {
    if (depth >= kMaxReferenceDepth) return tr("references nested deeper than %1").arg(kMaxReferenceDepth);
    const QJsonObject ref = v.toObject();
    const QString subject = ref.value(QStringLiteral("subject")).toString();
    const int version = ref.value(QStringLiteral("version")).toInt();
    const RegistryAnswer a = call("GET", QStringLiteral("/subjects/%1/versions/%2")
                                             .arg(QString::fromLatin1(QUrl::toPercentEncoding(subject)))
                                             .arg(version));
    if (!a.ok()) return tr("reference %1 v%2: %3").arg(subject).arg(version).arg(a.error);
    const QString nested = resolveReferences(a.body, depth + 1, out);  // a reference's own references first
    if (!nested.isEmpty()) return nested;
    const QJsonObject o = QJsonDocument::fromJson(a.body).object();
    schema_registry::ResolvedReference r;
    r.name = ref.value(QStringLiteral("name")).toString().toStdString();
    const QString type = o.value(QStringLiteral("schemaType")).toString(QStringLiteral("AVRO"));
    r.type = type == QLatin1String("PROTOBUF") ? schema_registry::SchemaType::kProtobuf
             : type == QLatin1String("JSON")   ? schema_registry::SchemaType::kJson
                                               : schema_registry::SchemaType::kAvro;
    r.schema = o.value(QStringLiteral("schema")).toString().toStdString();
    refs->push_back(std::move(r));
  }
  return {};
}

void SchemaRegistryWorker::parseSchemaAnswer(const QByteArray& body, const QString& what, CachedSchema* cached) {
  const QJsonObject o = QJsonDocument::fromJson(body).object();
  cached->type = o.value(QStringLiteral("schemaType")).toString(QStringLiteral("AVRO"));
  const std::string text = o.value(QStringLiteral("schema")).toString().toStdString();
  std::vector<schema_registry::ResolvedReference> refs;
  const QString refError = resolveReferences(body, 0, &refs);
  if (!refError.isEmpty()) {
    cached->error = refError;
  } else if (cached->type == QLatin1String("AVRO")) {
    auto parsed = schema_registry::AvroSchema::Parse(text, refs);
    if (parsed.ok()) cached->avro = std::move(*parsed);
    else cached->error = tr("%1 is not valid Avro: %2").arg(what, QString::fromStdString(parsed.status().message()));
  } else if (cached->type == QLatin1String("PROTOBUF")) {
    auto parsed = schema_registry::ProtobufSchema::Parse(text, refs);
    if (parsed.ok()) cached->protobuf = std::move(*parsed);
    else cached->error = tr("%1 is not a valid .proto: %2").arg(what, QString::fromStdString(parsed.status().message()));
  } else if (cached->type == QLatin1String("JSON")) {
    auto parsed = nlohmann::json::parse(text, nullptr, false);
    if (parsed.is_discarded()) cached->error = tr("%1 is not a valid JSON Schema: it does not parse as JSON").arg(what);
    else cached->jsonSchema = std::move(parsed);
  } else {
    cached->error = tr("%1 has the unknown type %2").arg(what, cached->type);
  }
}

const SchemaRegistryWorker::SubjectSchema& SchemaRegistryWorker::latest(const QString& subject) {
  constexpr int kFreshMs = 10000;
  if (auto it = m_subjects.constFind(subject); it != m_subjects.constEnd() && !(*it)->fresh.hasExpired()) return **it;
  auto s = std::make_shared<SubjectSchema>();
  s->fresh = QDeadlineTimer(kFreshMs);
  const RegistryAnswer a = call("GET", QStringLiteral("/subjects/%1/versions/latest")
                                           .arg(QString::fromLatin1(QUrl::toPercentEncoding(subject))));
  if (!a.ok()) {
    s->schema.error = tr("cannot fetch the latest schema of %1: %2").arg(subject, a.error);
    s->fresh = QDeadlineTimer(a.httpStatus == 0 ? kFreshMs : 0);  // a definite answer is asked again next time
  } else {
    const QJsonObject o = QJsonDocument::fromJson(a.body).object();
    s->id = o.value(QStringLiteral("id")).toInt(-1);
    s->schema.subject = subject;
    s->schema.version = o.value(QStringLiteral("version")).toInt(-1);
    parseSchemaAnswer(a.body, tr("%1 version %2").arg(subject).arg(s->schema.version), &s->schema);
  }
  m_subjects.insert(subject, s);
  return *s;
}

EncodedValue SchemaRegistryWorker::encode(const QString& subject, const QString& json, const QString& messageName) {
  EncodedValue out;
  const SubjectSchema& s = latest(subject);
  out.schemaId = s.id;
  out.version = s.schema.version;
  out.schemaType = s.schema.type;
  if (!s.schema.error.isEmpty()) {
    out.error = s.schema.error;
    return out;
  }
  if (s.schema.protobuf) {
    for (const auto& m : s.schema.protobuf->messages()) out.messages.append(QString::fromStdString(m.full_name));
  }
  const QByteArray utf8 = json.toUtf8();
  nlohmann::json value;
  try {
    value = nlohmann::json::parse(utf8.constData(), utf8.constData() + utf8.size());
  } catch (const nlohmann::json::parse_error& e) {
    out.error = tr("not JSON: %1").arg(QString::fromStdString(e.what()));
    return out;
  }
  std::string frame, body;
  if (s.schema.avro) {
    auto encoded = EncodeAvroJson(*s.schema.avro, value);
    if (!encoded.ok()) {
      out.error = QString::fromStdString(encoded.status().message());
      return out;
    }
    frame = ConfluentFrameFor(s.id);
    body = std::move(*encoded);
  } else if (s.schema.protobuf) {
    if (out.messages.isEmpty()) {
      out.error = tr("the schema declares no message");
      return out;
    }
    const std::string name = (messageName.isEmpty() ? out.messages.first() : messageName).toStdString();
    out.messageName = QString::fromStdString(name);
    auto indexes = ProtobufIndexesForMessage(*s.schema.protobuf, name);
    auto encoded = indexes.ok() ? EncodeProtobufJson(*s.schema.protobuf, name, value) : Result<std::string>(indexes.status());
    if (!encoded.ok()) {
      out.error = QString::fromStdString(encoded.status().message());
      return out;
    }
    frame = ConfluentFrameFor(s.id, &*indexes);
    body = std::move(*encoded);
  } else {  // JSON Schema: the document itself, valid against the schema
    if (s.schema.jsonSchema) {
      if (auto st = ValidateJsonSchema(*s.schema.jsonSchema, value); !st.ok()) {
        out.error = QString::fromStdString(st.message());
        return out;
      }
    }
    frame = ConfluentFrameFor(s.id);
    body = value.dump();
  }
  out.bytes = QByteArray::fromStdString(frame + body);
  return out;
}

const SchemaRegistryWorker::CachedSchema& SchemaRegistryWorker::schema(int id) {
  if (auto it = m_cache.constFind(id); it != m_cache.constEnd() && !(*it)->expires.hasExpired()) return **it;
  auto cached = std::make_shared<CachedSchema>();
  const RegistryAnswer a = call("GET", QStringLiteral("/schemas/ids/%1").arg(id));
  if (!a.ok()) {
    cached->error = a.httpStatus == 404 ? tr("schema %1 is not in the registry: %2").arg(id).arg(a.error)
                                        : tr("cannot fetch schema %1: %2").arg(id).arg(a.error);
    // A registry that did not answer may answer later, but not for every row of a page (each try may take the
    // whole timeout): a transport failure is remembered for kRetryAfterMs, a definite answer for good.
    if (a.httpStatus == 0) cached->expires = QDeadlineTimer(kRetryAfterMs);
    m_cache.insert(id, cached);
    return *cached;
  }
  parseSchemaAnswer(a.body, tr("schema %1").arg(id), cached.get());
  // Subject and version: the first (oldest) registration of this id. Confluent's registry and ours answer this;
  // a registry that does not only loses the label.
  const RegistryAnswer versions = call("GET", QStringLiteral("/schemas/ids/%1/versions").arg(id));
  const QJsonArray list = QJsonDocument::fromJson(versions.body).array();
  if (versions.ok() && !list.isEmpty()) {
    cached->subject = list.first().toObject().value(QStringLiteral("subject")).toString();
    cached->version = list.first().toObject().value(QStringLiteral("version")).toInt(-1);
  }
  m_cache.insert(id, cached);
  return *cached;
}

DecodedPayload SchemaRegistryWorker::decodeOne(const QByteArray& bytes, bool isNull) {
  DecodedPayload out;
  const std::string_view view(bytes.constData(), static_cast<size_t>(bytes.size()));
  if (isNull || !LooksConfluentFramed(view)) return out;
  auto frame = ParseConfluentFrame(view);
  if (!frame.ok()) return out;
  out.schemaId = frame->schemaId;
  const CachedSchema& s = schema(frame->schemaId);
  out.schemaType = s.type;
  out.subject = s.subject;
  out.version = s.version;
  out.kind = DecodedPayload::Kind::Failed;
  if (!s.error.isEmpty()) {
    out.error = s.error;
    return out;
  }
  if (s.avro) {
    auto json = DecodeAvroBinary(*s.avro, frame->payload);
    if (!json.ok()) {
      out.error = tr("not Avro of schema %1: %2").arg(out.schemaId).arg(QString::fromStdString(json.status().message()));
      return out;
    }
    Dump(*json, &out);
  } else if (s.protobuf) {
    std::string_view payload = frame->payload;
    auto indexes = ReadProtobufMessageIndexes(&payload);
    auto name = indexes.ok() ? ProtobufMessageForIndexes(*s.protobuf, *indexes) : Result<std::string>(indexes.status());
    if (!name.ok()) {
      out.error = tr("not Protobuf of schema %1: %2").arg(out.schemaId).arg(QString::fromStdString(name.status().message()));
      return out;
    }
    out.messageName = QString::fromStdString(*name);
    auto json = DecodeProtobufBinary(*s.protobuf, *name, payload);
    if (!json.ok()) {
      out.error = tr("not Protobuf of schema %1: %2").arg(out.schemaId).arg(QString::fromStdString(json.status().message()));
      return out;
    }
    Dump(*json, &out);
  } else {  // JSON Schema: the payload is the JSON document itself
    auto json = nlohmann::ordered_json::parse(frame->payload, nullptr, false);
    if (json.is_discarded()) {
      out.error = tr("not JSON of schema %1: the payload does not parse as JSON").arg(out.schemaId);
      return out;
    }
    Dump(json, &out);
  }
  out.kind = DecodedPayload::Kind::Decoded;
  return out;
}

std::shared_ptr<const LoadedLocalSchema> SchemaRegistryWorker::localSchema(const QString& path) {
  const QFileInfo info(path);
  CachedLocal& cached = m_localCache[path];
  if (cached.schema == nullptr || info.lastModified() != cached.modified || info.size() != cached.size) {
    cached.modified = info.lastModified();
    cached.size = info.size();
    cached.schema = LoadLocalSchema(path);
  }
  return cached.schema;
}

DecodedPayload SchemaRegistryWorker::decodeLocal(const QByteArray& bytes, const LocalSchemaFile& file,
                                                 const LoadedLocalSchema& schema) {
  DecodedPayload out;
  out.kind = DecodedPayload::Kind::Failed;
  out.localFile = QFileInfo(file.path).fileName();
  out.schemaType = schema.type;
  if (!schema.error.isEmpty()) {
    out.error = schema.error;
    return out;
  }
  const std::string_view view(bytes.constData(), static_cast<size_t>(bytes.size()));
  std::optional<ConfluentFrame> frame;
  if (LooksConfluentFramed(view)) {
    if (auto parsed = ParseConfluentFrame(view); parsed.ok()) frame = *parsed;
  }
  if (schema.avro) {
    // Avro data can itself start with a 0 byte (a first field of 0, say): a record that only looks framed is
    // decoded whole when its payload does not decode.
    if (frame) {
      if (auto json = DecodeAvroBinary(*schema.avro, frame->payload); json.ok()) {
        out.schemaId = frame->schemaId;
        Dump(*json, &out);
        out.kind = DecodedPayload::Kind::Decoded;
        return out;
      }
    }
    auto json = DecodeAvroBinary(*schema.avro, view);
    if (!json.ok()) {
      out.error = tr("not Avro of %1: %2").arg(out.localFile, QString::fromStdString(json.status().message()));
      return out;
    }
    Dump(*json, &out);
    out.kind = DecodedPayload::Kind::Decoded;
    return out;
  }
  // Protobuf: a 0 byte is never a field tag, so a record starting with one is framed.
  std::string_view payload = view;
  std::string name = file.messageName.toStdString();
  if (frame) {
    out.schemaId = frame->schemaId;
    payload = frame->payload;
    auto indexes = ReadProtobufMessageIndexes(&payload);
    if (!indexes.ok()) {
      out.error = tr("not Protobuf of %1: %2").arg(out.localFile, QString::fromStdString(indexes.status().message()));
      return out;
    }
    if (name.empty()) {
      auto chosen = ProtobufMessageForIndexes(*schema.protobuf, *indexes);
      if (!chosen.ok()) {
        out.error = tr("not Protobuf of %1: %2").arg(out.localFile, QString::fromStdString(chosen.status().message()));
        return out;
      }
      name = *chosen;
    }
  }
  if (name.empty()) name = schema.messageNames.first().toStdString();
  if (schema.protobuf->FindMessage(name) == nullptr) {
    out.error = tr("%1 declares no message %2").arg(out.localFile, QString::fromStdString(name));
    return out;
  }
  out.messageName = QString::fromStdString(name);
  auto json = DecodeProtobufBinary(*schema.protobuf, name, payload);
  if (!json.ok()) {
    out.error = tr("not Protobuf of %1: %2").arg(out.localFile, QString::fromStdString(json.status().message()));
    return out;
  }
  Dump(*json, &out);
  out.kind = DecodedPayload::Kind::Decoded;
  return out;
}

QList<DecodedRow> SchemaRegistryWorker::decode(const QString& topic, const QList<MessageRow>& rows) {
  QList<DecodedRow> out;
  out.reserve(rows.size());
  // A topic's local files win over the registry; each is looked at once per page.
  const LocalTopicSchemas local = m_local.value(topic);
  const auto keySchema = local.key.isSet() ? localSchema(local.key.path) : nullptr;
  const auto valueSchema = local.value.isSet() ? localSchema(local.value.path) : nullptr;
  auto one = [&](const QByteArray& bytes, bool isNull, const LocalSchemaFile& file,
                 const std::shared_ptr<const LoadedLocalSchema>& schema) {
    if (isNull) return DecodedPayload();
    if (schema != nullptr) return decodeLocal(bytes, file, *schema);
    return m_endpoint.isSet() ? decodeOne(bytes, false) : DecodedPayload();
  };
  for (const MessageRow& row : rows) {
    DecodedRow d;
    d.key = one(row.key, row.keyIsNull, local.key, keySchema);
    d.value = one(row.value, row.valueIsNull, local.value, valueSchema);
    out.append(d);
  }
  return out;
}

}  // namespace partita::app
