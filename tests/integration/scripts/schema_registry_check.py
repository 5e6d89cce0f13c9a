#!/usr/bin/python3
"""Schema Registry checks with real clients against partita-broker's registry (issue 15).

  schema_registry_check.py clients --registry URL --bootstrap HOST:PORT --topic T
      confluent_kafka's SchemaRegistryClient registers Avro schemas (same schema: same id; an incompatible one:
      409 under BACKWARD; per-subject config NONE lets it through; test_compatibility), then records are produced
      and consumed through Partita in the Confluent wire format: Avro encoded with python3-avro (confluent_kafka
      1.7's AvroSerializer needs fastavro, which Debian does not ship) with the writer schema fetched by id, and
      JSON Schema with confluent_kafka's own JSONSerializer / JSONDeserializer.
  schema_registry_check.py register --registry URL --subject S --field NAME
      registers a record schema with one more optional field NAME; prints {"id": n}.
  schema_registry_check.py secure --registry https://... --ca CA.pem --user U --password P
      over https with the test CA and HTTP Basic credentials (basic.auth.user.info): register and read back by id
      and by subject; the same calls with a wrong password and with none get HTTP 401 (Confluent's error 401).
Prints a one-line JSON summary; exits non-zero with FAILED: on stderr when a check fails.
"""
import argparse
import io
import json
import struct
import sys
import os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from itest_common import check, fail, summary, wait_until  # noqa: E402

import avro.io  # noqa: E402
import avro.schema  # noqa: E402
from confluent_kafka import Consumer, KafkaError, KafkaException, Producer  # noqa: E402
from confluent_kafka.admin import AdminClient, NewTopic  # noqa: E402
from confluent_kafka.schema_registry import Schema, SchemaRegistryClient  # noqa: E402
from confluent_kafka.schema_registry.error import SchemaRegistryError  # noqa: E402
from confluent_kafka.schema_registry.json_schema import JSONDeserializer, JSONSerializer  # noqa: E402
from confluent_kafka.serialization import MessageField, SerializationContext  # noqa: E402

USER_V1 = {"type": "record", "name": "User", "namespace": "partita.test",
           "fields": [{"name": "name", "type": "string"}, {"name": "age", "type": "int"}]}
# BACKWARD compatible: the new field has a default.
USER_V2 = dict(USER_V1, fields=USER_V1["fields"] + [{"name": "email", "type": ["null", "string"], "default": None}])
# Not BACKWARD compatible: a new field without a default.
USER_BAD = dict(USER_V1, fields=USER_V1["fields"] + [{"name": "country", "type": "string"}])

JSON_SCHEMA = json.dumps({"$schema": "http://json-schema.org/draft-07/schema#", "title": "Order", "type": "object",
                          "properties": {"id": {"type": "integer"}, "item": {"type": "string"}},
                          "required": ["id", "item"]})


def avro_schema(d):
    return Schema(json.dumps(d), "AVRO")


def expect_error(fn, http_status, error_code, what):
    try:
        fn()
    except SchemaRegistryError as e:
        check(e.http_status_code == http_status and e.error_code == error_code,
              "%s: expected HTTP %d / %d, got %d / %d (%s)" % (what, http_status, error_code, e.http_status_code,
                                                               e.error_code, e.error_message))
        return e
    fail("%s: expected HTTP %d / %d, the call succeeded" % (what, http_status, error_code))


def confluent_avro_encode(schema_id, parsed, record):
    out = io.BytesIO()
    out.write(struct.pack(">bI", 0, schema_id))
    avro.io.DatumWriter(parsed).write(record, avro.io.BinaryEncoder(out))
    return out.getvalue()


def confluent_avro_decode(client, data, reader):
    check(len(data) > 5 and data[0] == 0, "not the Confluent wire format: %r" % data[:8])
    schema_id = struct.unpack(">I", data[1:5])[0]
    writer = avro.schema.parse(client.get_schema(schema_id).schema_str)
    return schema_id, avro.io.DatumReader(writer, reader).read(avro.io.BinaryDecoder(io.BytesIO(data[5:])))


def consume(bootstrap, topic, count):
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "sr-" + topic, "auto.offset.reset": "earliest",
                         "enable.auto.commit": False})
    consumer.subscribe([topic])
    values = []
    import time
    deadline = time.time() + 60
    while len(values) < count and time.time() < deadline:
        m = consumer.poll(1.0)
        if m is None:
            continue
        check(not m.error(), "consume error: %s" % m.error())
        values.append(m.value())
    consumer.close()
    check(len(values) == count, "consumed %d of %d records from %s" % (len(values), count, topic))
    return values


def create_topic(bootstrap, topic):
    """Creates the topic (1 partition) unless it exists, and waits until its partition has a leader."""
    admin = AdminClient({"bootstrap.servers": bootstrap})
    try:
        admin.create_topics([NewTopic(topic, 1, 1)])[topic].result(30)
    except KafkaException as e:
        check(e.args[0].code() == KafkaError.TOPIC_ALREADY_EXISTS, "creating %s: %s" % (topic, e))

    def has_leader():
        t = admin.list_topics(topic, timeout=10).topics.get(topic)
        return t is not None and not t.error and t.partitions and t.partitions[0].leader >= 0
    check(wait_until(has_leader, 30), "topic %s has no leader" % topic)


def produce(bootstrap, topic, values):
    create_topic(bootstrap, topic)
    producer = Producer({"bootstrap.servers": bootstrap, "acks": "all"})
    errors = []
    for v in values:
        producer.produce(topic, value=v, on_delivery=lambda err, msg: err and errors.append(err))
    check(producer.flush(60) == 0 and not errors, "produce to %s failed: %s" % (topic, errors))


def run_clients(args):
    client = SchemaRegistryClient({"url": args.registry})
    subject = args.topic + "-value"
    id1 = client.register_schema(subject, avro_schema(USER_V1))
    check(client.register_schema(subject, avro_schema(USER_V1)) == id1, "registering the same schema twice gave a new id")
    expect_error(lambda: client.register_schema(subject, avro_schema(USER_BAD)), 409, 409,
                 "an incompatible schema under BACKWARD")
    check(client.test_compatibility(subject, avro_schema(USER_V2)) is True, "v2 should be compatible")
    check(client.test_compatibility(subject, avro_schema(USER_BAD)) is False, "the bad schema should be incompatible")
    id2 = client.register_schema(subject, avro_schema(USER_V2))
    check(id2 > id1, "ids not increasing: %d then %d" % (id1, id2))
    latest = client.get_latest_version(subject)
    check(latest.version == 2 and latest.schema_id == id2, "latest is %s/%s" % (latest.version, latest.schema_id))
    check(client.get_versions(subject) == [1, 2], "versions %s" % client.get_versions(subject))
    looked_up = client.lookup_schema(subject, avro_schema(USER_V1))
    check(looked_up.version == 1 and looked_up.schema_id == id1, "lookup of v1 gave %s" % looked_up.__dict__)

    # Per-subject config: NONE on another subject lets the incompatible schema in; the global level stays.
    other = args.topic + "-loose"
    client.register_schema(other, avro_schema(USER_V1))
    client.set_compatibility(other, "NONE")
    check(client.get_compatibility(other) == "NONE", "subject config not NONE")
    check(client.get_compatibility() == "BACKWARD", "global config changed: %s" % client.get_compatibility())
    id_loose = client.register_schema(other, avro_schema(USER_BAD))
    check(id_loose > id2, "ids not increasing")
    expect_error(lambda: client.get_latest_version("no-such-subject"), 404, 40401, "unknown subject")
    expect_error(lambda: client.get_schema(999999), 404, 40403, "unknown schema id")
    expect_error(lambda: client.register_schema(other, Schema('{"type": "recrd"}', "AVRO")), 422, 42201,
                 "an invalid schema")

    # Avro through Partita: v1 and v2 records, decoded with the writer schema fetched by id into v2.
    v1 = avro.schema.parse(json.dumps(USER_V1))
    v2 = avro.schema.parse(json.dumps(USER_V2))
    records = [(id1, v1, {"name": "ada", "age": 36}), (id2, v2, {"name": "bob", "age": 41, "email": "b@x"}),
               (id1, v1, {"name": "cy", "age": 7})]
    produce(args.bootstrap, args.topic, [confluent_avro_encode(i, s, r) for i, s, r in records])
    decoded = [confluent_avro_decode(client, d, v2) for d in consume(args.bootstrap, args.topic, len(records))]
    expected = [(id1, {"name": "ada", "age": 36, "email": None}), (id2, {"name": "bob", "age": 41, "email": "b@x"}),
                (id1, {"name": "cy", "age": 7, "email": None})]
    check(decoded == expected, "Avro round trip: %s" % decoded)

    # JSON Schema with confluent_kafka's serializers (they register the schema themselves).
    json_topic = args.topic + "-json"
    serializer = JSONSerializer(JSON_SCHEMA, client)
    ctx = SerializationContext(json_topic, MessageField.VALUE)
    orders = [{"id": 1, "item": "tea"}, {"id": 2, "item": "cake"}]
    produce(args.bootstrap, json_topic, [serializer(o, ctx) for o in orders])
    deserializer = JSONDeserializer(JSON_SCHEMA)
    got = [deserializer(v, ctx) for v in consume(args.bootstrap, json_topic, len(orders))]
    check(got == orders, "JSON round trip: %s" % got)
    json_latest = client.get_latest_version(json_topic + "-value")
    check(json_latest.schema.schema_type == "JSON", "JSON subject type %s" % json_latest.schema.schema_type)

    subjects = client.get_subjects()
    for s in (subject, other, json_topic + "-value"):
        check(s in subjects, "subject %s not listed: %s" % (s, subjects))
    summary(ok=True, ids=[id1, id2, id_loose, json_latest.schema_id], subjects=sorted(subjects))


def run_register(args):
    client = SchemaRegistryClient({"url": args.registry})
    schema = dict(USER_V1, fields=USER_V1["fields"] + [
        {"name": f, "type": ["null", "string"], "default": None} for f in args.field])
    schema_id = client.register_schema(args.subject, avro_schema(schema))
    summary(ok=True, id=schema_id, version=client.get_latest_version(args.subject).version)


def run_secure(args):
    # requests lets REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE override a session's own CA file (psf/requests#3829), which
    # would replace the client's ssl.ca.location with the system CAs: the test CA must be the one used.
    for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        os.environ.pop(name, None)

    def client(user_info):
        conf = {"url": args.registry, "ssl.ca.location": args.ca}
        if user_info:
            conf["basic.auth.user.info"] = user_info
        return SchemaRegistryClient(conf)

    good = client("%s:%s" % (args.user, args.password))
    schema_id = good.register_schema("secure-value", avro_schema(USER_V1))
    check(schema_id > 0, "register answered id %r" % schema_id)
    check(json.loads(good.get_schema(schema_id).schema_str) == USER_V1, "schema by id differs")
    check(good.get_latest_version("secure-value").schema_id == schema_id, "latest version has another id")
    for what, user_info in (("wrong password", "%s:%s-wrong" % (args.user, args.password)),
                            ("unknown user", "nobody:%s" % args.password), ("no credentials", None)):
        c = client(user_info)
        expect_error(lambda: c.get_subjects(), 401, 401, what + ": list subjects")
        expect_error(lambda: c.register_schema("secure-value", avro_schema(USER_V2)), 401, 401, what + ": register")
    check(good.get_versions("secure-value") == [1], "a refused register changed the subject")
    summary(ok=True, id=schema_id)


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("clients")
    c.add_argument("--registry", required=True)
    c.add_argument("--bootstrap", required=True)
    c.add_argument("--topic", required=True)
    r = sub.add_parser("register")
    r.add_argument("--registry", required=True)
    r.add_argument("--subject", required=True)
    r.add_argument("--field", action="append", default=[])
    s = sub.add_parser("secure")
    s.add_argument("--registry", required=True)
    s.add_argument("--ca", required=True)
    s.add_argument("--user", required=True)
    s.add_argument("--password", required=True)
    args = parser.parse_args()
    try:
        {"clients": run_clients, "register": run_register, "secure": run_secure}[args.command](args)
    except SchemaRegistryError as e:
        fail("registry error: HTTP %d, %d: %s" % (e.http_status_code, e.error_code, e.error_message))


if __name__ == "__main__":
    main()
