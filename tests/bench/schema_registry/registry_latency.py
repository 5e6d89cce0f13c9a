#!/usr/bin/python3
"""Schema Registry request latency (issue 15), a benchmark rather than a test: one keep-alive HTTP session (as
confluent_kafka's SchemaRegistryClient holds) sends N register requests (each a new version of one subject, a
record with one more optional field, so every register runs a BACKWARD check against the latest version), then N
GET /schemas/ids/{id} and N lookups (POST /subjects/{s}), and prints p50 / p99 / max in milliseconds.

  registry_latency.py --registry http://127.0.0.1:8081 [--count 500] [--subject bench-value]
"""
import argparse
import json
import time

import requests

HEADERS = {"Content-Type": "application/vnd.schemaregistry.v1+json"}


def schema(fields):
    return json.dumps({"type": "record", "name": "Bench", "fields": [{"name": "id", "type": "long"}] + [
        {"name": "f%d" % i, "type": ["null", "string"], "default": None} for i in range(fields)]})


def percentiles(samples):
    s = sorted(samples)
    pick = lambda q: s[min(len(s) - 1, int(q * len(s)))] * 1000.0  # noqa: E731
    return {"p50_ms": round(pick(0.50), 2), "p99_ms": round(pick(0.99), 2), "max_ms": round(s[-1] * 1000.0, 2)}


def timed(fn):
    start = time.perf_counter()
    r = fn()
    elapsed = time.perf_counter() - start
    if r.status_code != 200:
        raise SystemExit("HTTP %d: %s" % (r.status_code, r.text))
    return elapsed, r.json()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--registry", required=True)
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--subject", default="bench-value")
    parser.add_argument("--ca", help="PEM CA file for an https:// registry")
    parser.add_argument("--user", help="user:password for HTTP Basic authentication")
    args = parser.parse_args()
    session = requests.Session()
    session.trust_env = False  # else REQUESTS_CA_BUNDLE would replace --ca (psf/requests#3829)
    if args.ca:
        session.verify = args.ca
    if args.user:
        session.auth = tuple(args.user.split(":", 1))
    url = args.registry.rstrip("/")
    register, get, lookup, ids = [], [], [], []
    for i in range(args.count):
        body = json.dumps({"schema": schema(i)})
        t, answer = timed(lambda: session.post("%s/subjects/%s/versions" % (url, args.subject), data=body,
                                               headers=HEADERS))
        register.append(t)
        ids.append(answer["id"])
    for i in ids:
        get.append(timed(lambda: session.get("%s/schemas/ids/%d" % (url, i)))[0])
    for i in range(args.count):
        body = json.dumps({"schema": schema(i)})
        lookup.append(timed(lambda: session.post("%s/subjects/%s" % (url, args.subject), data=body,
                                                 headers=HEADERS))[0])
    print(json.dumps({"count": args.count, "register": percentiles(register), "get_by_id": percentiles(get),
                      "lookup": percentiles(lookup)}))


if __name__ == "__main__":
    main()
