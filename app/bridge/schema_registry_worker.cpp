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

}  // namespace

SchemaRegistryWorker::SchemaRegistryWorker(std::shared_ptr<SchemaCatalog> catalog, QObject* parent)
    : QObject(parent), m_catalog(std::move(catalog)) {}
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
  m_catalog->setRegistry(endpoint.isSet());
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

void SchemaRegistryWorker::parseSchemaAnswer(const QByteArray& body, const QString& what, ParsedSchema* cached) {
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

namespace {

// A value's bytes before any frame, and for Protobuf the written message's indexes (the frame needs them).
struct EncodedBody {
  std::string bytes;
  std::vector<int32_t> indexes;
};

// Encodes the JSON `json` with whichever schema is set (Avro; Protobuf as `messageName`, empty: the first
// message; a JSON Schema document: the JSON itself once valid). Sets out->messages / messageName, or out->error.
std::optional<EncodedBody> EncodeBody(const schema_registry::AvroSchema* avro,
                                      const schema_registry::ProtobufSchema* protobuf, const nlohmann::json* jsonSchema,
                                      const QString& json, const QString& messageName, EncodedValue* out) {
  if (protobuf != nullptr) {
    for (const auto& m : protobuf->messages()) out->messages.append(QString::fromStdString(m.full_name));
  }
  const QByteArray utf8 = json.toUtf8();
  nlohmann::json value;
  try {
    value = nlohmann::json::parse(utf8.constData(), utf8.constData() + utf8.size());
  } catch (const nlohmann::json::parse_error& e) {
    out->error = SchemaRegistryWorker::tr("not JSON: %1").arg(QString::fromStdString(e.what()));
    return std::nullopt;
  }
  EncodedBody body;
  if (avro != nullptr) {
    auto encoded = EncodeAvroJson(*avro, value);
    if (!encoded.ok()) {
      out->error = QString::fromStdString(encoded.status().message());
      return std::nullopt;
    }
    body.bytes = std::move(*encoded);
  } else if (protobuf != nullptr) {
    if (out->messages.isEmpty()) {
      out->error = SchemaRegistryWorker::tr("the schema declares no message");
      return std::nullopt;
    }
    const std::string name = (messageName.isEmpty() ? out->messages.first() : messageName).toStdString();
    out->messageName = QString::fromStdString(name);
    auto indexes = ProtobufIndexesForMessage(*protobuf, name);
    auto encoded = indexes.ok() ? EncodeProtobufJson(*protobuf, name, value) : Result<std::string>(indexes.status());
    if (!encoded.ok()) {
      out->error = QString::fromStdString(encoded.status().message());
      return std::nullopt;
    }
    body.bytes = std::move(*encoded);
    body.indexes = std::move(*indexes);
  } else {  // JSON Schema: the document itself, valid against the schema
    if (jsonSchema != nullptr) {
      if (auto st = ValidateJsonSchema(*jsonSchema, value); !st.ok()) {
        out->error = QString::fromStdString(st.message());
        return std::nullopt;
      }
    }
    body.bytes = value.dump();
  }
  return body;
}

template <class T>
const T* PointerTo(const std::optional<T>& o) {
  return o ? &*o : nullptr;
}

}  // namespace

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
  const auto body = EncodeBody(PointerTo(s.schema.avro), PointerTo(s.schema.protobuf), PointerTo(s.schema.jsonSchema),
                               json, messageName, &out);
  if (!body) return out;
  const std::string frame = ConfluentFrameFor(s.id, s.schema.protobuf ? &body->indexes : nullptr);
  out.bytes = QByteArray::fromStdString(frame + body->bytes);
  return out;
}

EncodedValue SchemaRegistryWorker::encodeLocal(const QString& topic, RecordDecoder::Part part, const QString& json,
                                               const QString& messageName) {
  EncodedValue out;
  const LocalTopicSchemas files = m_catalog->localSchemas(topic);
  const LocalSchemaFile file = part == RecordDecoder::Part::Key ? files.key : files.value;
  out.localFile = QFileInfo(file.path).fileName();
  if (!file.isSet()) {
    out.error = part == RecordDecoder::Part::Key ? tr("%1 has no local schema file for its keys").arg(topic)
                                                 : tr("%1 has no local schema file for its values").arg(topic);
    return out;
  }
  const auto schema = m_catalog->localSchema(file.path);
  out.schemaType = schema->type;
  if (!schema->error.isEmpty()) {
    out.error = schema->error;
    return out;
  }
  // The message the file binding names unless the user chose another: what the Messages page decodes with.
  const auto body = EncodeBody(PointerTo(schema->avro), PointerTo(schema->protobuf), nullptr, json,
                               messageName.isEmpty() ? file.messageName : messageName, &out);
  if (body) out.bytes = QByteArray::fromStdString(body->bytes);  // unframed: no registry id belongs to a file
  return out;
}

std::shared_ptr<const ParsedSchema> SchemaRegistryWorker::schema(int id) {
  if (auto it = m_cache.constFind(id); it != m_cache.constEnd() && !it->expires.hasExpired()) return it->parsed;
  auto parsed = std::make_shared<ParsedSchema>();
  const RegistryAnswer a = call("GET", QStringLiteral("/schemas/ids/%1").arg(id));
  if (!a.ok()) {
    parsed->error = a.httpStatus == 404 ? tr("schema %1 is not in the registry: %2").arg(id).arg(a.error)
                                        : tr("cannot fetch schema %1: %2").arg(id).arg(a.error);
    // A registry that did not answer may answer later, but not for every row of a page (each try may take the
    // whole timeout): a transport failure is remembered for kRetryAfterMs, a definite answer for good.
    const bool transient = a.httpStatus == 0;
    m_cache.insert(id, {parsed, transient ? QDeadlineTimer(kRetryAfterMs) : QDeadlineTimer(QDeadlineTimer::Forever)});
    if (!transient) m_catalog->publish(id, parsed);
    return parsed;
  }
  parseSchemaAnswer(a.body, tr("schema %1").arg(id), parsed.get());
  // Subject and version: the first (oldest) registration of this id. Confluent's registry and ours answer this;
  // a registry that does not only loses the label.
  const RegistryAnswer versions = call("GET", QStringLiteral("/schemas/ids/%1/versions").arg(id));
  const QJsonArray list = QJsonDocument::fromJson(versions.body).array();
  if (versions.ok() && !list.isEmpty()) {
    parsed->subject = list.first().toObject().value(QStringLiteral("subject")).toString();
    parsed->version = list.first().toObject().value(QStringLiteral("version")).toInt(-1);
  }
  m_cache.insert(id, {parsed, QDeadlineTimer(QDeadlineTimer::Forever)});
  m_catalog->publish(id, parsed);
  return parsed;
}

QList<DecodedRow> SchemaRegistryWorker::decode(const QString& topic, const QList<MessageRow>& rows) {
  QList<DecodedRow> out;
  out.reserve(rows.size());
  // A topic's local files win over the registry; each is looked at once per page.
  const LocalTopicSchemas local = m_catalog->localSchemas(topic);
  SchemaLookup lookup;
  if (m_endpoint.isSet()) lookup = [this](int id) { return schema(id); };
  const RecordDecoder decoder(local, local.key.isSet() ? m_catalog->localSchema(local.key.path) : nullptr,
                              local.value.isSet() ? m_catalog->localSchema(local.value.path) : nullptr, lookup);
  for (const MessageRow& row : rows) out.append(decoder.decode(row));
  return out;
}

}  // namespace partita::app
