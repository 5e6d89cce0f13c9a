#!/usr/bin/python3
# Prints every record of a record set file as kafka-python (an independent implementation) decodes it:
#   magic offset timestamp key value [header=value...]   (None for null, bytes as text)
# Used by test_legacy_message_set to check our encoders against a third-party decoder.
import sys
from kafka.record import MemoryRecords

def s(b):
    return "None" if b is None else bytes(b).decode()

records = MemoryRecords(open(sys.argv[1], "rb").read())
while True:
    batch = records.next_batch()
    if batch is None:
        break
    for r in batch:
        hs = "".join(" %s=%s" % (k, s(v)) for k, v in getattr(r, "headers", []))
        print("%d %d %s %s %s%s" % (getattr(batch, "magic", getattr(batch, "_magic", -1)), r.offset, r.timestamp, s(r.key), s(r.value), hs))
