#!/usr/bin/python3
"""Produces Schema Registry records for test_schema_messages (issue 15, the desktop half).

  schema_messages_produce.py --registry URL --bootstrap HOST:PORT

confluent_kafka's SchemaRegistryClient registers three schemas against the cluster's own registry, then records
are produced in the Confluent wire format (magic 0, 4-byte big-endian id, payload):
  - topic "avro-orders": Avro records (a nested record, an enum, an array, a map, a union, fixed, a logical type)
    encoded by python3-avro (confluent_kafka 1.7's AvroSerializer needs fastavro, which Debian does not ship);
  - topic "json-orders": JSON Schema records through confluent_kafka's own JSONSerializer;
  - topic "proto-orders": Protobuf records of the file's second message (message indexes [1]), encoded by hand
    from the .proto (python3-protobuf has no runtime .proto parser);
  - topic "bad-orders": a record that names a schema id the registry does not have, and one whose Avro payload is
    truncated.
Prints one JSON line: {"avro": id, "json": id, "proto": id}.
"""
import argparse
import datetime
import io
import json
import struct
import sys

import avro.io
import avro.schema
from confluent_kafka import KafkaError, KafkaException, Producer
from confluent_kafka.admin import AdminClient, NewTopic
from confluent_kafka.schema_registry import Schema, SchemaRegistryClient
from confluent_kafka.schema_registry.json_schema import JSONSerializer
from confluent_kafka.serialization import MessageField, SerializationContext

ORDER = {
    "type": "record", "name": "Order", "namespace": "shop",
    "fields": [
        {"name": "id", "type": "long"},
        {"name": "customer", "type": {"type": "record", "name": "Customer",
                                      "fields": [{"name": "name", "type": "string"}]}},
        {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID", "SHIPPED"]}},
        {"name": "items", "type": {"type": "array", "items": "string"}},
        {"name": "prices", "type": {"type": "map", "values": "double"}},
        {"name": "note", "type": ["null", "string"], "default": None},
        {"name": "code", "type": {"type": "fixed", "name": "Code", "size": 2}},
        {"name": "day", "type": {"type": "int", "logicalType": "date"}},
    ],
}

JSON_SCHEMA = {"$schema": "http://json-schema.org/draft-07/schema#", "title": "Order", "type": "object",
               "properties": {"id": {"type": "integer"}, "item": {"type": "string"}}, "required": ["id", "item"]}

PROTO = """syntax = "proto3";
package shop;
message Header { string source = 1; }
message Parcel {
  int32 weight = 1;
  string label = 2;
  repeated int32 sizes = 3;
  enum Kind { SMALL = 0; LARGE = 1; }
  Kind kind = 4;
}
"""


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def parcel(weight, label, sizes, kind):
    """shop.Parcel in the Protobuf wire format; sizes packed as proto3 does."""
    packed = b"".join(varint(s) for s in sizes)
    return (varint(1 << 3 | 0) + varint(weight) + varint(2 << 3 | 2) + varint(len(label)) + label.encode() +
            varint(3 << 3 | 2) + varint(len(packed)) + packed + varint(4 << 3 | 0) + varint(kind))


def frame(schema_id, payload):
    return struct.pack(">bI", 0, schema_id) + payload


def create_topics(bootstrap, topics):
    admin = AdminClient({"bootstrap.servers": bootstrap})
    for topic, future in admin.create_topics([NewTopic(t, 1, 1) for t in topics]).items():
        try:
            future.result(30)
        except KafkaException as e:
            if e.args[0].code() != KafkaError.TOPIC_ALREADY_EXISTS:
                raise


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--registry", required=True)
    parser.add_argument("--bootstrap", required=True)
    args = parser.parse_args()
    client = SchemaRegistryClient({"url": args.registry})
    avro_id = client.register_schema("avro-orders-value", Schema(json.dumps(ORDER), "AVRO"))
    json_id = client.register_schema("json-orders-value", Schema(json.dumps(JSON_SCHEMA), "JSON"))
    proto_id = client.register_schema("proto-orders-value", Schema(PROTO, "PROTOBUF"))

    create_topics(args.bootstrap, ["avro-orders", "json-orders", "proto-orders", "bad-orders"])
    producer = Producer({"bootstrap.servers": args.bootstrap, "acks": "all"})
    errors = []

    def send(topic, value, key=None):
        producer.produce(topic, key=key, value=value, on_delivery=lambda err, msg: err and errors.append(err))

    parsed = avro.schema.parse(json.dumps(ORDER))
    for n in range(3):
        out = io.BytesIO()
        avro.io.DatumWriter(parsed).write({
            "id": 1000 + n, "customer": {"name": "Ada %d" % n}, "status": ["NEW", "PAID", "SHIPPED"][n],
            "items": ["tea", "cake"], "prices": {"tea": 2.5}, "note": None if n == 0 else "ring twice",
            "code": b"A\x01", "day": datetime.date(1970, 1, 1) + datetime.timedelta(days=19000 + n)}, avro.io.BinaryEncoder(out))
        send("avro-orders", frame(avro_id, out.getvalue()), key=b"order-%d" % n)

    serializer = JSONSerializer(json.dumps(JSON_SCHEMA), client, lambda o, ctx: o)
    for n in range(2):
        send("json-orders", serializer({"id": 7 + n, "item": "kettle"},
                                       SerializationContext("json-orders", MessageField.VALUE)))

    # Message indexes [1] (the second top-level message, Parcel): count 1, index 1, both zigzag varints.
    for n in range(2):
        send("proto-orders", frame(proto_id, varint(2) + varint(2) + parcel(700 + n, "fragile", [3, 4, 5], 1)))

    send("bad-orders", frame(987654, b"\x02\x04"))
    send("bad-orders", frame(avro_id, b"\xd0\x0f\x7f"))  # id 1000, then a string length of -64: truncated / bad
    check = producer.flush(60)
    if check != 0 or errors:
        print("FAILED: produce: %s" % errors, file=sys.stderr)
        return 1
    print(json.dumps({"avro": avro_id, "json": json_id, "proto": proto_id}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
