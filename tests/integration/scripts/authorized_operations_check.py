"""KIP-430 authorized operations as a real client asks for them: kafka-python (Debian's 2.0.2) logs in with
SASL/SCRAM, finds the group's coordinator and asks it DescribeGroups v3 with include_authorized_operations, and
asks Metadata v8 with include_cluster_authorized_operations / include_topic_authorized_operations, through its
own connections. kafka-python 2.0.2 declares Metadata up to v5 only, and its DescribeGroupsResponse_v3 lacks the
authorized_operations field (its describe_consumer_groups answers None), so those schemas are declared here with
its protocol types, as Kafka's DescribeGroups / Metadata JSON schemas have them.
Compares the bitfields with --expect-topic / --expect-cluster / --expect-group (Kafka's AclOperation codes as
bits) and checks that an unasked field is INT32_MIN, that an undescribable --hidden-topic is
TOPIC_AUTHORIZATION_FAILED without it, and that a --missing-topic (not created: the request disallows
auto-creation) is UNKNOWN_TOPIC_OR_PARTITION with it, as KafkaApis answers. Exits non-zero with a clear message; prints a JSON summary."""
import argparse

from kafka.admin import KafkaAdminClient
from kafka.protocol.api import Request, Response
from kafka.protocol.types import Array, Boolean, Bytes, Int16, Int32, Schema, String

from itest_common import check, summary

OMITTED = -2147483648
TOPIC_AUTHORIZATION_FAILED = 29
UNKNOWN_TOPIC_OR_PARTITION = 3


class MetadataResponse_v8(Response):
    API_KEY = 3
    API_VERSION = 8
    SCHEMA = Schema(
        ('throttle_time_ms', Int32),
        ('brokers', Array(('node_id', Int32), ('host', String('utf-8')), ('port', Int32), ('rack', String('utf-8')))),
        ('cluster_id', String('utf-8')),
        ('controller_id', Int32),
        ('topics', Array(
            ('error_code', Int16), ('topic', String('utf-8')), ('is_internal', Boolean),
            ('partitions', Array(('error_code', Int16), ('partition', Int32), ('leader', Int32),
                                 ('leader_epoch', Int32), ('replicas', Array(Int32)), ('isr', Array(Int32)),
                                 ('offline_replicas', Array(Int32)))),
            ('topic_authorized_operations', Int32))),
        ('cluster_authorized_operations', Int32))


class MetadataRequest_v8(Request):
    API_KEY = 3
    API_VERSION = 8
    RESPONSE_TYPE = MetadataResponse_v8
    SCHEMA = Schema(
        ('topics', Array(String('utf-8'))),
        ('allow_auto_topic_creation', Boolean),
        ('include_cluster_authorized_operations', Boolean),
        ('include_topic_authorized_operations', Boolean))


class DescribeGroupsResponse_v3(Response):
    API_KEY = 15
    API_VERSION = 3
    SCHEMA = Schema(
        ('throttle_time_ms', Int32),
        ('groups', Array(
            ('error_code', Int16), ('group', String('utf-8')), ('state', String('utf-8')),
            ('protocol_type', String('utf-8')), ('protocol', String('utf-8')),
            ('members', Array(('member_id', String('utf-8')), ('client_id', String('utf-8')),
                              ('client_host', String('utf-8')), ('member_metadata', Bytes),
                              ('member_assignment', Bytes))),
            ('authorized_operations', Int32))))


class DescribeGroupsRequest_v3(Request):
    API_KEY = 15
    API_VERSION = 3
    RESPONSE_TYPE = DescribeGroupsResponse_v3
    SCHEMA = Schema(('groups', Array(String('utf-8'))), ('include_authorized_operations', Boolean))


def group_operations(admin, group):
    future = admin._send_request_to_node(admin._find_coordinator_ids([group])[group], DescribeGroupsRequest_v3([group], True))
    admin._wait_for_futures([future])
    groups = future.value.groups
    check(len(groups) == 1 and groups[0][0] == 0, "DescribeGroups v3 answered %r" % (groups,))
    return groups[0][6]


def metadata_v8(admin, topics, include):
    node = admin._client.least_loaded_node()
    future = admin._send_request_to_node(node, MetadataRequest_v8(list(topics), False, include, include))
    admin._wait_for_futures([future])
    return future.value


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bootstrap", required=True)
    ap.add_argument("--user", required=True)
    ap.add_argument("--password", required=True)
    ap.add_argument("--topic", required=True)
    ap.add_argument("--hidden-topic", help="a topic the user may not describe")
    ap.add_argument("--missing-topic", help="a describable topic that does not exist: its entry has the field too")
    ap.add_argument("--group", required=True)
    ap.add_argument("--expect-topic", type=int, required=True)
    ap.add_argument("--expect-cluster", type=int, required=True)
    ap.add_argument("--expect-group", type=int, required=True)
    args = ap.parse_args()
    admin = KafkaAdminClient(bootstrap_servers=args.bootstrap, security_protocol="SASL_PLAINTEXT",
                             sasl_mechanism="SCRAM-SHA-256", sasl_plain_username=args.user,
                             sasl_plain_password=args.password, request_timeout_ms=30000)
    try:
        group_ops = group_operations(admin, args.group)
        check(group_ops == args.expect_group,
              "group %s: authorized_operations %s, expected %d" % (args.group, group_ops, args.expect_group))

        extra = [t for t in (args.hidden_topic, args.missing_topic) if t]
        asked = metadata_v8(admin, [args.topic] + extra, True)
        by_name = {t[1]: t for t in asked.topics}
        check(args.topic in by_name, "Metadata v8 has no entry for %s: %r" % (args.topic, asked.topics))
        topic = by_name[args.topic]
        check(topic[0] == 0, "Metadata v8 error %d for %s" % (topic[0], args.topic))
        check(topic[4] == args.expect_topic,
              "topic %s: topic_authorized_operations %d, expected %d" % (args.topic, topic[4], args.expect_topic))
        hidden = by_name.get(args.hidden_topic) if args.hidden_topic else None
        check(not args.hidden_topic or hidden is not None and hidden[0] == TOPIC_AUTHORIZATION_FAILED and hidden[4] == OMITTED,
              "hidden topic %s: %r, expected TOPIC_AUTHORIZATION_FAILED with INT32_MIN" % (args.hidden_topic, hidden))
        missing = by_name.get(args.missing_topic) if args.missing_topic else None
        check(not args.missing_topic or (missing is not None and missing[0] == UNKNOWN_TOPIC_OR_PARTITION and
                                         missing[4] == args.expect_topic),
              "missing topic %s: %r, expected UNKNOWN_TOPIC_OR_PARTITION with %d" %
              (args.missing_topic, missing, args.expect_topic))
        check(asked.cluster_authorized_operations == args.expect_cluster,
              "cluster_authorized_operations %d, expected %d" % (asked.cluster_authorized_operations,
                                                                 args.expect_cluster))

        unasked = metadata_v8(admin, [args.topic], False)
        check(unasked.cluster_authorized_operations == OMITTED and unasked.topics[0][4] == OMITTED,
              "unasked Metadata v8 answered %d / %d, expected INT32_MIN" %
              (unasked.cluster_authorized_operations, unasked.topics[0][4]))
    finally:
        admin.close()
    summary(topic=args.expect_topic, cluster=args.expect_cluster, group=args.expect_group)


if __name__ == "__main__":
    main()
