#include "engine/broker/config_def.h"

#include <cctype>
#include <charconv>
#include <cmath>

namespace partita::broker {

namespace {

using T = ConfigType;
constexpr int64_t kIntMax = INT32_MAX;

// Keys accepted and stored but without effect here, and why (see ConfigKey::not_applied). Kept apart from the
// key tables so the list of what Partita does not do reads in one place.
constexpr std::pair<std::string_view, std::string_view> kBrokerNotApplied[] = {
    {"ssl.protocol", "ssl.enabled.protocols alone decides the TLS versions offered"},
    {"ssl.truststore.password", "trust stores are PEM files, which have no password"},
    {"sasl.mechanism.inter.broker.protocol", "brokers do not replicate over SASL listeners yet"},
    {"log.segment.delete.delay.ms", "segments leaving the log are deleted at once"},
    {"log.flush.scheduler.interval.ms", "flush.ms is checked on each append, not by a scheduler"},
    {"log.message.format.version", "batches are always written in format v2 (Kafka 3.0+ ignores it as well)"},
    {"inter.broker.protocol.version", "brokers pick API versions with ApiVersions; no version pinning for upgrades"},
    {"log.message.downconversion.enable", "old consumers (Fetch v0-3) always get converted message sets"},
    {"log.preallocate", "segment files grow as they are written"},
    {"log.local.retention.ms", "no tiered storage (KIP-405)"},
    {"log.local.retention.bytes", "no tiered storage (KIP-405)"},
    {"num.io.threads",
     "there is no I/O thread pool: the network thread that reads a request runs its handler (waits go to the "
     "purgatory, not to a thread), so num.network.threads sizes both"},
    {"queued.max.requests",
     "there is no request queue to bound (network threads run handlers directly); queued.max.request.bytes bounds "
     "requests in flight and stops reading sockets when reached"},
    {"num.recovery.threads.per.data.dir", "logs are recovered by one thread"},
    {"offsets.retention.check.interval.ms", "offset expiry is checked on the group coordinator's tick"},
    {"offsets.load.buffer.size", "__consumer_offsets is loaded batch by batch"},
    {"transaction.remove.expired.transaction.cleanup.interval.ms",
     "expired transactional ids are removed at the timed-out transaction check"},
};
constexpr std::pair<std::string_view, std::string_view> kTopicNotApplied[] = {
    {"file.delete.delay.ms", "segments leaving the log are deleted at once"},
    {"preallocate", "segment files grow as they are written"},
    {"message.downconversion.enable", "old consumers (Fetch v0-3) always get converted message sets"},
    {"message.format.version", "batches are always written in format v2 (Kafka 3.0+ ignores it as well)"},
    {"local.retention.ms", "no tiered storage (KIP-405)"},
    {"local.retention.bytes", "no tiered storage (KIP-405)"},
    {"remote.storage.enable", "no tiered storage (KIP-405)"},
};

template <size_t N>
std::vector<ConfigKey> WithNotApplied(std::vector<ConfigKey> keys,
                                      const std::pair<std::string_view, std::string_view> (&reasons)[N]) {
  for (auto& k : keys)
    for (const auto& [name, why] : reasons)
      if (k.name == name) k.not_applied = why;
  return keys;
}

// Kafka 3.8 broker keys (KafkaConfig and the config classes it includes) that Partita does not declare.
constexpr std::string_view kKafkaOnlyBrokerKeys[] = {
#include "engine/broker/kafka_only_broker_keys.inc"
};

std::vector<ConfigKey> MakeBrokerKeys() {
  return {
      {"broker.id", T::kInt, "-1", -1, kIntMax, {}, "The broker id; unique in the cluster."},
      {"broker.rack", T::kString, std::nullopt, 0, 0, {}, "Rack of the broker, for rack-aware replica placement."},
      // Loopback by default (Kafka binds every interface): there is no authentication yet (issue 9, item 12).
      {"listeners", T::kList, "PLAINTEXT://127.0.0.1:9092", 0, 0, {},
       "Listeners: NAME://host:port, comma separated. Default loopback only: bind an address explicitly to expose."},
      {"advertised.listeners", T::kList, std::nullopt, 0, 0, {}, "Listeners published to clients."},
      // Security (issue 10). Kafka's keys and defaults; each ssl.* / sasl.* key may also be given per listener as
      // listener.name.<listener in lower case>.<key>, which wins over the plain key (Kafka's listener prefix).
      {"listener.security.protocol.map", T::kList,
       "PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL", 0, 0, {},
       "Listener name to security protocol (PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL), NAME:PROTOCOL pairs."},
      {"inter.broker.listener.name", T::kString, std::nullopt, 0, 0, {},
       "Listener the brokers use among themselves (replica fetchers); exclusive with security.inter.broker.protocol."},
      {"security.inter.broker.protocol", T::kString, std::nullopt, 0, 0,
       {"PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"},
       "Security protocol between brokers (Kafka's default PLAINTEXT); selects the listener named after it."},
      {"ssl.keystore.type", T::kString, "JKS", 0, 0, {}, "Key store format; PEM is supported (KIP-651)."},
      {"ssl.keystore.location", T::kString, std::nullopt, 0, 0, {}, "PEM file with the private key and its certificate chain."},
      {"ssl.keystore.password", T::kPassword, std::nullopt, 0, 0, {}, "Not used with PEM key stores (Kafka refuses it)."},
      {"ssl.keystore.certificate.chain", T::kPassword, std::nullopt, 0, 0, {}, "Inline PEM certificate chain (KIP-651)."},
      {"ssl.keystore.key", T::kPassword, std::nullopt, 0, 0, {}, "Inline PEM private key, PKCS#8 (KIP-651)."},
      {"ssl.key.password", T::kPassword, std::nullopt, 0, 0, {}, "Password of an encrypted private key."},
      {"ssl.truststore.type", T::kString, "JKS", 0, 0, {}, "Trust store format; PEM is supported (KIP-651)."},
      {"ssl.truststore.location", T::kString, std::nullopt, 0, 0, {}, "PEM file of trusted CA certificates."},
      {"ssl.truststore.password", T::kPassword, std::nullopt, 0, 0, {}, "Not used with PEM trust stores."},
      {"ssl.truststore.certificates", T::kPassword, std::nullopt, 0, 0, {}, "Inline PEM trusted certificates."},
      {"ssl.client.auth", T::kString, "none", 0, 0, {"none", "requested", "required"},
       "Client certificates: none, requested (verified if sent) or required (mutual TLS)."},
      {"ssl.enabled.protocols", T::kList, "TLSv1.2,TLSv1.3", 0, 0, {"TLSv1.2", "TLSv1.3"}, "TLS versions accepted."},
      {"ssl.protocol", T::kString, "TLSv1.3", 0, 0, {}, "TLS protocol of Java's SSLContext."},
      {"ssl.cipher.suites", T::kList, "", 0, 0, {}, "Cipher suites by their IANA names; empty = OpenSSL's defaults."},
      {"ssl.principal.mapping.rules", T::kString, "DEFAULT", 0, 0, {},
       "Rules mapping a client certificate's distinguished name to a principal name (RULE:pattern/replacement/[LU])."},
      {"ssl.endpoint.identification.algorithm", T::kString, "https", 0, 0, {},
       "https: check the broker's host name against its certificate on outgoing connections; empty: do not."},
      {"ssl.handshake.timeout.ms", T::kLong, "10000", 1, INT64_MAX, {},
       "Partita's bound on a TLS handshake: a client that has not finished it by then is disconnected."},
      {"sasl.enabled.mechanisms", T::kList, "GSSAPI", 0, 0, {}, "SASL mechanisms offered on SASL listeners."},
      {"sasl.mechanism.inter.broker.protocol", T::kString, "GSSAPI", 0, 0, {}, "SASL mechanism between brokers."},
      {"sasl.jaas.config", T::kPassword, std::nullopt, 0, 0, {}, "JAAS login configuration (Kafka's syntax)."},
      {"authorizer.class.name", T::kString, "", 0, 0, {},
       "Authorizer: kafka.security.authorizer.AclAuthorizer (or its old name kafka.security.auth.SimpleAclAuthorizer) "
       "enforces the ACLs kept in ZooKeeper (/kafka-acl, /kafka-acl-extended); empty: no authorization. Any other "
       "class stops the broker."},
      {"super.users", T::kString, std::nullopt, 0, 0, {},
       "Principals allowed everything whatever the ACLs say, separated by ';' (User:admin;User:broker)."},
      {"allow.everyone.if.no.acl.found", T::kBoolean, "false", 0, 0, {},
       "With an authorizer: allow an action on a resource that no ACL matches."},
      {"log.dirs", T::kList, std::nullopt, 0, 0, {}, "Directories holding the partition logs."},
      {"log.dir", T::kString, "/tmp/kafka-logs", 0, 0, {}, "Log directory used when log.dirs is not set."},
      {"zookeeper.connect", T::kString, std::nullopt, 0, 0, {}, "ZooKeeper connect string host:port[,host:port][/chroot]."},
      {"zookeeper.session.timeout.ms", T::kInt, "18000", 1, kIntMax, {}, "ZooKeeper session timeout."},
      {"zookeeper.connection.timeout.ms", T::kInt, std::nullopt, 1, kIntMax, {}, "Time to wait for a ZooKeeper connection."},
      {"num.partitions", T::kInt, "1", 1, kIntMax, {}, "Default partition count of auto-created topics."},
      {"default.replication.factor", T::kInt, "1", 1, kIntMax, {}, "Default replication factor of auto-created topics."},
      {"auto.create.topics.enable", T::kBoolean, "true", 0, 0, {}, "Create topics on first metadata request or produce."},
      {"delete.topic.enable", T::kBoolean, "true", 0, 0, {}, "Allow topic deletion."},
      {"log.segment.bytes", T::kInt, "1073741824", 14, kIntMax, {}, "Maximum size of one segment file."},
      {"log.roll.ms", T::kLong, std::nullopt, 1, INT64_MAX, {}, "Roll a segment after this time."},
      {"log.roll.hours", T::kInt, "168", 1, kIntMax, {}, "Roll a segment after this many hours."},
      {"log.retention.ms", T::kLong, std::nullopt, -1, INT64_MAX, {}, "Delete segments older than this; -1 keeps all."},
      {"log.retention.minutes", T::kInt, std::nullopt, -1, kIntMax, {}, "Retention in minutes."},
      {"log.retention.hours", T::kInt, "168", -1, kIntMax, {}, "Retention in hours."},
      {"log.retention.bytes", T::kLong, "-1", -1, INT64_MAX, {}, "Delete old segments beyond this size; -1 = no limit."},
      {"log.retention.check.interval.ms", T::kLong, "300000", 1, INT64_MAX, {}, "How often retention runs."},
      {"log.index.interval.bytes", T::kInt, "4096", 0, kIntMax, {}, "Bytes between offset index entries."},
      {"index.interval.bytes", T::kInt, std::nullopt, 0, kIntMax, {}, "Alias of log.index.interval.bytes."},
      {"log.index.size.max.bytes", T::kInt, "10485760", 4, kIntMax, {}, "Maximum size of an index file."},
      {"log.flush.interval.messages", T::kLong, "9223372036854775807", 1, INT64_MAX, {}, "Flush after this many messages."},
      {"log.flush.interval.ms", T::kLong, std::nullopt, 0, INT64_MAX, {}, "Flush after this time."},
      {"log.flush.scheduler.interval.ms", T::kLong, "9223372036854775807", 0, INT64_MAX, {}, "How often to check flush.ms."},
      {"log.segment.delete.delay.ms", T::kLong, "60000", 0, INT64_MAX, {}, "Delay before deleting a file."},
      {"log.cleanup.policy", T::kList, "delete", 0, 0, {"delete", "compact"}, "Default cleanup policy."},
      {"log.cleaner.enable", T::kBoolean, "true", 0, 0, {}, "Run the log cleaner for compacted topics."},
      {"log.cleaner.backoff.ms", T::kLong, "15000", 0, INT64_MAX, {}, "Pause of the log cleaner between passes."},
      {"log.message.timestamp.type", T::kString, "CreateTime", 0, 0, {"CreateTime", "LogAppendTime"}, "Timestamp type."},
      // KIP-937 (Kafka 3.6): bounds of a CreateTime timestamp relative to the broker's clock; the deprecated
      // difference key applies to both sides unless they are set.
      {"log.message.timestamp.difference.max.ms", T::kLong, "9223372036854775807", 0, INT64_MAX, {},
       "Deprecated bound of |timestamp - now| for CreateTime records (use before/after.max.ms)."},
      {"log.message.timestamp.before.max.ms", T::kLong, "9223372036854775807", 0, INT64_MAX, {},
       "Largest age of a CreateTime record timestamp accepted; older: INVALID_TIMESTAMP."},
      {"log.message.timestamp.after.max.ms", T::kLong, "9223372036854775807", 0, INT64_MAX, {},
       "Largest lead of a CreateTime record timestamp over the broker's clock; later: INVALID_TIMESTAMP."},
      {"log.message.downconversion.enable", T::kBoolean, "true", 0, 0, {}, "Down-convert for old consumers."},
      {"log.preallocate", T::kBoolean, "false", 0, 0, {}, "Preallocate segment files."},
      {"log.local.retention.ms", T::kLong, "-2", -2, INT64_MAX, {}, "Local retention of tiered topics."},
      {"log.local.retention.bytes", T::kLong, "-2", -2, INT64_MAX, {}, "Local retention size of tiered topics."},
      {"compression.gzip.level", T::kInt, "-1", -1, 9, {}, "gzip level of compression.type=gzip (KIP-390)."},
      {"compression.lz4.level", T::kInt, "9", 1, 17, {}, "lz4 level of compression.type=lz4 (KIP-390)."},
      {"compression.zstd.level", T::kInt, "3", -131072, 22, {}, "zstd level of compression.type=zstd (KIP-390)."},
      {"log.message.format.version", T::kString, "3.0-IV1", 0, 0, {}, "Message format of the logs (deprecated)."},
      {"inter.broker.protocol.version", T::kString, "3.8", 0, 0, {}, "Protocol version between brokers."},
      {"compression.type", T::kString, "producer", 0, 0, {"producer", "uncompressed", "gzip", "snappy", "lz4", "zstd"},
       "Final compression of topic data; producer keeps what the producer sent."},
      {"message.max.bytes", T::kInt, "1048588", 0, kIntMax, {}, "Largest record batch accepted."},
      {"socket.request.max.bytes", T::kInt, "104857600", 1, kIntMax, {}, "Largest request accepted."},
      {"socket.send.buffer.bytes", T::kInt, "102400", -1, kIntMax, {}, "SO_SNDBUF; -1 = OS default."},
      {"socket.receive.buffer.bytes", T::kInt, "102400", -1, kIntMax, {}, "SO_RCVBUF; -1 = OS default."},
      {"connections.max.idle.ms", T::kLong, "600000", 1, INT64_MAX, {}, "Close connections idle this long."},
      {"num.network.threads", T::kInt, "2", 1, 64, {}, "Threads serving sockets and requests."},
      // Kafka's default is -1 (unbounded); ours bounds request memory out of the box (issue 9): 512 MiB holds
      // five maximum-size requests at once and many thousands of ordinary ones. -1 restores Kafka's behaviour.
      {"queued.max.request.bytes", T::kLong, "536870912", -1, INT64_MAX, {},
       "Bytes of all requests being read or answered together; over it, sockets are not read. -1 = no bound."},
      {"max.connections", T::kInt, "2147483647", 0, kIntMax, {}, "Connections the broker accepts in total."},
      {"max.connections.per.ip", T::kInt, "2147483647", 0, kIntMax, {}, "Connections accepted from one address."},
      // Partita's own bounds (Kafka has none; KIP-578's were not adopted): CreateTopics / CreatePartitions asking
      // for more are refused before any allocation or ZooKeeper work. A topic's whole assignment is one znode,
      // which ZooKeeper's default 1 MB jute.maxbuffer caps near 40,000-60,000 partitions, and Kafka's guidance
      // is a few thousand partitions per broker: 10,000 per topic never bites a real deployment.
      {"partita.max.partitions.per.topic", T::kInt, "10000", 1, kIntMax, {},
       "Most partitions one topic may have (CreateTopics, CreatePartitions)."},
      {"partita.max.partitions.per.request", T::kInt, "50000", 1, kIntMax, {},
       "Most new partitions one CreateTopics or CreatePartitions request may ask for, over all its topics."},
      // Partita's own (Kafka serves JMX): Prometheus text on http://host:port/metrics. Off by default; loopback
      // is the safe choice, as the endpoint has no authentication.
      {"metrics.listener", T::kString, std::nullopt, 0, 0, {},
       "Serve Prometheus metrics on this HTTP address, e.g. http://127.0.0.1:9644 (port 0: any free port; "
       "DescribeConfigs then reports the port bound)."},
      // Partita's own (Redpanda ships one too; Confluent's is a separate server): the Confluent Schema Registry
      // REST API on this HTTP address, stored in the `_schemas` topic. Off when empty (issue 15).
      {"schema.registry.listeners", T::kString, std::nullopt, 0, 0, {},
       "Serve the Schema Registry REST API on this HTTP address, e.g. http://127.0.0.1:8081 (empty: off)."},
      {"schema.registry.max.request.bytes", T::kInt, "16777216", 1024, kIntMax, {},
       "Largest Schema Registry request body; larger ones are refused with HTTP 413."},
      // HTTPS and Basic authentication of the registry (issue 15). The TLS keys are the broker's ssl.* keys
      // prefixed with schema.registry.; each unset one falls back to the broker's own, so a broker with TLS
      // settings serves https:// with the same certificate. Confluent's registry names them ssl.* in its own file.
      {"schema.registry.ssl.keystore.type", T::kString, std::nullopt, 0, 0, {},
       "Registry key store format (PEM); unset: ssl.keystore.type."},
      {"schema.registry.ssl.keystore.location", T::kString, std::nullopt, 0, 0, {},
       "PEM file with the registry's private key and certificate chain (https:// listener); unset: ssl.keystore.location."},
      {"schema.registry.ssl.keystore.certificate.chain", T::kPassword, std::nullopt, 0, 0, {},
       "Inline PEM certificate chain of the registry; unset: ssl.keystore.certificate.chain."},
      {"schema.registry.ssl.keystore.key", T::kPassword, std::nullopt, 0, 0, {},
       "Inline PEM private key of the registry; unset: ssl.keystore.key."},
      {"schema.registry.ssl.key.password", T::kPassword, std::nullopt, 0, 0, {},
       "Password of the registry's encrypted private key; unset: ssl.key.password."},
      {"schema.registry.ssl.truststore.type", T::kString, std::nullopt, 0, 0, {},
       "Registry trust store format (PEM); unset: ssl.truststore.type."},
      {"schema.registry.ssl.truststore.location", T::kString, std::nullopt, 0, 0, {},
       "PEM CA certificates the registry trusts (client certificates, and leaders it forwards to); unset: "
       "ssl.truststore.location."},
      {"schema.registry.ssl.truststore.certificates", T::kPassword, std::nullopt, 0, 0, {},
       "Inline PEM CA certificates the registry trusts; unset: ssl.truststore.certificates."},
      {"schema.registry.ssl.client.auth", T::kString, std::nullopt, 0, 0, {"none", "requested", "required"},
       "Registry client certificates: none, requested or required; unset: ssl.client.auth."},
      {"schema.registry.ssl.enabled.protocols", T::kList, std::nullopt, 0, 0, {"TLSv1.2", "TLSv1.3"},
       "TLS versions the registry accepts; unset: ssl.enabled.protocols."},
      {"schema.registry.ssl.cipher.suites", T::kList, std::nullopt, 0, 0, {},
       "Registry cipher suites by IANA name; unset: ssl.cipher.suites."},
      {"schema.registry.ssl.endpoint.identification.algorithm", T::kString, std::nullopt, 0, 0, {},
       "https: check the leader's host name against its certificate when forwarding a request to it; unset: "
       "ssl.endpoint.identification.algorithm."},
      // Confluent's authentication.method=BASIC (with its JAAS realm); here the realm is the broker's own users.
      {"schema.registry.authentication.method", T::kString, "NONE", 0, 0, {"NONE", "BASIC"},
       "BASIC: every registry request needs HTTP Basic credentials of a broker user (a SCRAM user in ZooKeeper or "
       "a PLAIN user_<name> of a SASL listener's JAAS config), else 401; NONE: no authentication."},
      {"num.io.threads", T::kInt, "8", 1, 256, {}, "Threads handling requests in Kafka."},
      {"queued.max.requests", T::kInt, "500", 1, kIntMax, {}, "Requests queued for the I/O threads in Kafka."},
      {"num.recovery.threads.per.data.dir", T::kInt, "1", 1, 64, {}, "Threads recovering logs at start."},
      {"min.insync.replicas", T::kInt, "1", 1, kIntMax, {}, "Minimum ISR size for acks=all."},
      {"unclean.leader.election.enable", T::kBoolean, "false", 0, 0, {}, "Allow out-of-sync replicas to lead."},
      {"replica.lag.time.max.ms", T::kLong, "30000", 1, INT64_MAX, {}, "Follower lag before leaving the ISR."},
      {"replica.fetch.max.bytes", T::kInt, "1048576", 0, kIntMax, {}, "Bytes per partition a follower fetches."},
      {"replica.fetch.wait.max.ms", T::kInt, "500", 0, kIntMax, {}, "Follower fetch long-poll time."},
      {"num.replica.fetchers", T::kInt, "1", 1, 64, {},
       "Fetcher threads (each with its own connection) per leader broker; partitions hashed to them as in Kafka."},
      // Client quotas (KIP-13): the byte rate of a user / client id is measured over this many windows.
      {"quota.window.num", T::kInt, "11", 1, kIntMax, {}, "Samples kept for client quota rates (read at start)."},
      {"quota.window.size.seconds", T::kInt, "1", 1, kIntMax, {},
       "Length of one client quota sample in seconds (read at start)."},
      {"max.incremental.fetch.session.cache.slots", T::kInt, "1000", 0, kIntMax, {},
       "Incremental fetch sessions (KIP-227) kept at once; 0 serves every fetch sessionless."},
      {"auto.leader.rebalance.enable", T::kBoolean, "true", 0, 0, {}, "Move leadership back to preferred replicas."},
      {"leader.imbalance.check.interval.seconds", T::kLong, "300", 1, INT64_MAX, {}, "Rebalance check period."},
      {"leader.imbalance.per.broker.percentage", T::kInt, "10", 0, 100, {}, "Allowed leader imbalance."},
      {"controlled.shutdown.enable", T::kBoolean, "true", 0, 0, {}, "Move leadership away before stopping."},
      {"offsets.topic.num.partitions", T::kInt, "50", 1, kIntMax, {}, "Partitions of __consumer_offsets."},
      {"offsets.topic.replication.factor", T::kInt, "3", 1, 32767, {}, "Replication of __consumer_offsets."},
      {"offsets.retention.minutes", T::kInt, "10080", 1, kIntMax, {}, "Keep offsets of empty groups this long."},
      {"offsets.retention.check.interval.ms", T::kLong, "600000", 1, INT64_MAX, {}, "Offset expiry check period."},
      {"offsets.commit.timeout.ms", T::kInt, "5000", 1, kIntMax, {}, "Wait this long for a commit to replicate."},
      {"offsets.topic.segment.bytes", T::kInt, "104857600", 1, kIntMax, {}, "Segment size of __consumer_offsets."},
      {"offsets.load.buffer.size", T::kInt, "5242880", 1, kIntMax, {}, "Read size while loading offsets."},
      {"offset.metadata.max.bytes", T::kInt, "4096", 0, kIntMax, {}, "Largest metadata string of a commit."},
      {"transaction.state.log.num.partitions", T::kInt, "50", 1, kIntMax, {}, "Partitions of __transaction_state."},
      {"transaction.state.log.replication.factor", T::kInt, "3", 1, 32767, {},
       "Replication of __transaction_state (capped at the live brokers when it is created)."},
      {"transaction.state.log.min.isr", T::kInt, "2", 1, kIntMax, {}, "min.insync.replicas of __transaction_state."},
      {"transaction.state.log.segment.bytes", T::kInt, "104857600", 1, kIntMax, {},
       "Segment size of __transaction_state."},
      {"transaction.max.timeout.ms", T::kInt, "900000", 1, kIntMax, {},
       "Largest transaction.timeout.ms a producer may ask for (INVALID_TRANSACTION_TIMEOUT beyond)."},
      {"transaction.partition.verification.enable", T::kBoolean, "true", 0, 0, {},
       "Leaders ask the coordinator before a producer's first transactional write to a partition (KIP-890)."},
      {"transactional.id.expiration.ms", T::kInt, "604800000", 1, kIntMax, {},
       "Forget a transactional id idle (no transaction) this long."},
      {"transaction.abort.timed.out.transaction.cleanup.interval.ms", T::kInt, "10000", 1, kIntMax, {},
       "How often the coordinator aborts transactions older than their timeout."},
      {"transaction.remove.expired.transaction.cleanup.interval.ms", T::kInt, "3600000", 1, kIntMax, {},
       "Accepted for compatibility (expired ids are removed at the abort check)."},
      {"group.initial.rebalance.delay.ms", T::kInt, "3000", 0, kIntMax, {}, "Delay of a new group's first rebalance."},
      {"group.min.session.timeout.ms", T::kInt, "6000", 0, kIntMax, {}, "Smallest session timeout."},
      {"group.max.session.timeout.ms", T::kInt, "1800000", 0, kIntMax, {}, "Largest session timeout."},
      {"group.max.size", T::kInt, "2147483647", 1, kIntMax, {}, "Largest consumer group."},
      {"fetch.max.bytes", T::kInt, "57671680", 0, kIntMax, {}, "Largest consumer fetch response (KIP-74)."},
      {"leader.replication.throttled.rate", T::kLong, "9223372036854775807", 0, INT64_MAX, {},
       "Bytes/s a leader sends to throttled followers (leader.replication.throttled.replicas) not in the ISR."},
      {"follower.replication.throttled.rate", T::kLong, "9223372036854775807", 0, INT64_MAX, {},
       "Bytes/s a follower fetches for its throttled replicas (follower.replication.throttled.replicas)."},
  };
}

std::vector<ConfigKey> MakeTopicKeysAll() {
  return {
      {"cleanup.policy", T::kList, "delete", 0, 0, {"delete", "compact"}, "delete and/or compact old segments."},
      {"compression.type", T::kString, "producer", 0, 0, {"producer", "uncompressed", "gzip", "snappy", "lz4", "zstd"},
       "Final compression of the topic's data."},
      {"retention.ms", T::kLong, "604800000", -1, INT64_MAX, {}, "Delete segments older than this; -1 keeps all."},
      {"retention.bytes", T::kLong, "-1", -1, INT64_MAX, {}, "Largest partition size before old segments go."},
      {"segment.bytes", T::kInt, "1073741824", 14, kIntMax, {}, "Maximum size of one segment file."},
      {"segment.ms", T::kLong, "604800000", 1, INT64_MAX, {}, "Roll a segment after this time."},
      {"segment.index.bytes", T::kInt, "10485760", 4, kIntMax, {}, "Maximum size of an index file."},
      {"segment.jitter.ms", T::kLong, "0", 0, INT64_MAX, {}, "Random jitter subtracted from segment.ms."},
      {"index.interval.bytes", T::kInt, "4096", 0, kIntMax, {}, "Bytes between offset index entries."},
      {"max.message.bytes", T::kInt, "1048588", 0, kIntMax, {}, "Largest record batch accepted."},
      {"min.insync.replicas", T::kInt, "1", 1, kIntMax, {}, "Minimum ISR size for acks=all."},
      {"unclean.leader.election.enable", T::kBoolean, "false", 0, 0, {}, "Allow out-of-sync replicas to lead."},
      {"flush.messages", T::kLong, "9223372036854775807", 1, INT64_MAX, {}, "Flush after this many messages."},
      {"flush.ms", T::kLong, "9223372036854775807", 0, INT64_MAX, {}, "Flush after this time."},
      {"file.delete.delay.ms", T::kLong, "60000", 0, INT64_MAX, {}, "Delay before deleting a file."},
      {"delete.retention.ms", T::kLong, "86400000", 0, INT64_MAX, {}, "How long tombstones are kept (compaction)."},
      {"min.compaction.lag.ms", T::kLong, "0", 0, INT64_MAX, {}, "Minimum age before a record is compacted."},
      {"max.compaction.lag.ms", T::kLong, "9223372036854775807", 1, INT64_MAX, {}, "Maximum age before compaction."},
      {"min.cleanable.dirty.ratio", T::kDouble, "0.5", 0, 1, {}, "Dirty ratio that triggers cleaning."},
      {"message.timestamp.type", T::kString, "CreateTime", 0, 0, {"CreateTime", "LogAppendTime"}, "Timestamp type."},
      {"message.timestamp.difference.max.ms", T::kLong, "9223372036854775807", 0, INT64_MAX, {},
       "Deprecated bound of |timestamp - now| for CreateTime records (use before/after.max.ms)."},
      {"message.timestamp.before.max.ms", T::kLong, "9223372036854775807", 0, INT64_MAX, {},
       "Largest age of a CreateTime record timestamp accepted; older: INVALID_TIMESTAMP."},
      {"message.timestamp.after.max.ms", T::kLong, "9223372036854775807", 0, INT64_MAX, {},
       "Largest lead of a CreateTime record timestamp over the broker's clock; later: INVALID_TIMESTAMP."},
      {"message.format.version", T::kString, "3.0-IV1", 0, 0, {}, "Message format of the log (deprecated)."},
      {"message.downconversion.enable", T::kBoolean, "true", 0, 0, {}, "Down-convert for old consumers."},
      {"compression.gzip.level", T::kInt, "-1", -1, 9, {}, "gzip level of compression.type=gzip (KIP-390)."},
      {"compression.lz4.level", T::kInt, "9", 1, 17, {}, "lz4 level of compression.type=lz4 (KIP-390)."},
      {"compression.zstd.level", T::kInt, "3", -131072, 22, {}, "zstd level of compression.type=zstd (KIP-390)."},
      {"local.retention.ms", T::kLong, "-2", -2, INT64_MAX, {}, "Local retention of a tiered topic (-2: retention.ms)."},
      {"local.retention.bytes", T::kLong, "-2", -2, INT64_MAX, {},
       "Local retention size of a tiered topic (-2: retention.bytes)."},
      {"remote.storage.enable", T::kBoolean, "false", 0, 0, {}, "Tiered storage for the topic (KIP-405)."},
      {"preallocate", T::kBoolean, "false", 0, 0, {}, "Preallocate segment files."},
      {"leader.replication.throttled.replicas", T::kList, "", 0, 0, {},
       "Replicas (partition:broker, or *) whose leader side is throttled to leader.replication.throttled.rate."},
      {"follower.replication.throttled.replicas", T::kList, "", 0, 0, {},
       "Replicas (partition:broker, or *) whose follower side is throttled to follower.replication.throttled.rate."},
  };
}

std::vector<ConfigKey> MakeTopicKeys() { return WithNotApplied(MakeTopicKeysAll(), kTopicNotApplied); }

const ConfigKey* Find(const std::vector<ConfigKey>& keys, std::string_view name) {
  for (const auto& k : keys)
    if (k.name == name) return &k;
  return nullptr;
}

// Kafka's ThrottledReplicaListValidator: "*", or "partition:broker" pairs (digits), comma-separated; may be empty.
bool IsThrottledReplicaList(std::string_view value) {
  std::string v;
  for (char c : value)
    if (c != ' ') v.push_back(c);
  if (v == "*" || v.empty()) return true;
  size_t start = 0;
  while (start <= v.size()) {
    size_t comma = v.find(',', start);
    if (comma == std::string::npos) comma = v.size();
    std::string_view item(v.data() + start, comma - start);
    size_t colon = item.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == item.size()) return false;
    for (size_t i = 0; i < item.size(); ++i)
      if (i != colon && !std::isdigit(static_cast<unsigned char>(item[i]))) return false;
    start = comma + 1;
  }
  return true;
}

bool ParseInt64(std::string_view s, int64_t* out) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

const std::vector<ConfigKey>& BrokerConfigKeys() {
  static const std::vector<ConfigKey> keys = WithNotApplied(MakeBrokerKeys(), kBrokerNotApplied);
  return keys;
}
const std::vector<ConfigKey>& TopicConfigKeys() {
  static const std::vector<ConfigKey> keys = MakeTopicKeys();
  return keys;
}
const ConfigKey* FindBrokerKey(std::string_view name) { return Find(BrokerConfigKeys(), name); }
const ConfigKey* FindTopicKey(std::string_view name) { return Find(TopicConfigKeys(), name); }

const std::vector<std::string_view>& KafkaOnlyBrokerKeys() {
  static const std::vector<std::string_view> keys(std::begin(kKafkaOnlyBrokerKeys), std::end(kKafkaOnlyBrokerKeys));
  return keys;
}

bool IsKafkaOnlyBrokerKey(std::string_view name) {
  for (auto k : kKafkaOnlyBrokerKeys)
    if (k == name) return true;
  return false;
}

std::string NotAppliedNote(const ConfigKey& key) {
  if (key.not_applied.empty()) return "";
  return "Not applied by Partita: " + std::string(key.not_applied) + ".";
}

Status ValidateConfigValue(const ConfigKey& key, std::string_view value) {
  auto fail = [&](std::string_view expected) {
    return Status::InvalidArgument("invalid value '" + std::string(value) + "' for configuration " +
                                   std::string(key.name) + ": " + std::string(expected));
  };
  switch (key.type) {
    case ConfigType::kBoolean: {
      // Java's Boolean parsing, as Kafka uses it: any letter case.
      std::string lower(value);
      for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (lower != "true" && lower != "false") return fail("expected true or false");
      return Status::Ok();
    }
    case ConfigType::kInt:
    case ConfigType::kLong: {
      int64_t v;
      if (!ParseInt64(value, &v)) return fail("expected an integer");
      if (key.type == ConfigType::kInt && (v < INT32_MIN || v > INT32_MAX)) return fail("out of the int range");
      if (v < key.min || v > key.max) {
        return fail("expected a value in [" + std::to_string(key.min) + ", " + std::to_string(key.max) + "]");
      }
      return Status::Ok();
    }
    case ConfigType::kDouble: {
      char* end = nullptr;
      std::string s(value);
      double d = std::strtod(s.c_str(), &end);
      if (s.empty() || end != s.c_str() + s.size() || !std::isfinite(d)) return fail("expected a number");
      if (d < static_cast<double>(key.min) || d > static_cast<double>(key.max)) return fail("out of range");
      return Status::Ok();
    }
    case ConfigType::kString:
    case ConfigType::kPassword:
      if (!key.allowed.empty()) {
        for (auto a : key.allowed)
          if (a == value) return Status::Ok();
        std::string expected = "expected one of";
        for (auto a : key.allowed) expected.append(" ").append(a);
        return fail(expected);
      }
      return Status::Ok();
    case ConfigType::kList:
      if (key.name.ends_with(".replication.throttled.replicas") && !IsThrottledReplicaList(value)) {
        return fail("expected * or a comma-separated list of partition:broker pairs");
      }
      if (!key.allowed.empty()) {
        size_t start = 0;
        std::string v(value);
        while (start <= v.size()) {
          size_t comma = v.find(',', start);
          std::string item = v.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
          while (!item.empty() && item.front() == ' ') item.erase(0, 1);
          while (!item.empty() && item.back() == ' ') item.pop_back();
          bool found = false;
          for (auto a : key.allowed) found = found || a == item;
          if (!found) {
            std::string why = "unknown item '";
            why.append(item).append("'");
            return fail(why);
          }
          if (comma == std::string::npos) break;
          start = comma + 1;
        }
      }
      return Status::Ok();
  }
  return Status::Ok();
}

bool IsDynamicBrokerKey(std::string_view name) {
  // Kafka's DynamicBrokerConfig: the log defaults topics inherit, plus the replication throttle rates. Thread
  // counts and the log cleaner stay static here (they size thread pools built at start).
  static const std::string_view kExtra[] = {"log.retention.hours",  "log.retention.minutes",
                                             "log.roll.hours",       "leader.replication.throttled.rate",
                                             "follower.replication.throttled.rate"};
  for (auto k : kExtra)
    if (k == name) return true;
  for (const auto& key : TopicConfigKeys())
    if (BrokerKeyForTopicKey(key.name) == name) return true;
  return false;
}

std::string_view BrokerKeyForTopicKey(std::string_view topic_key) {
  static const std::pair<std::string_view, std::string_view> kMap[] = {
      {"cleanup.policy", "log.cleanup.policy"},
      {"compression.type", "compression.type"},
      {"retention.ms", "log.retention.ms"},
      {"retention.bytes", "log.retention.bytes"},
      {"segment.bytes", "log.segment.bytes"},
      {"segment.ms", "log.roll.ms"},
      {"segment.index.bytes", "log.index.size.max.bytes"},
      {"index.interval.bytes", "log.index.interval.bytes"},
      {"max.message.bytes", "message.max.bytes"},
      {"min.insync.replicas", "min.insync.replicas"},
      {"unclean.leader.election.enable", "unclean.leader.election.enable"},
      {"flush.messages", "log.flush.interval.messages"},
      {"flush.ms", "log.flush.interval.ms"},
      {"file.delete.delay.ms", "log.segment.delete.delay.ms"},
      {"message.timestamp.type", "log.message.timestamp.type"},
      {"message.timestamp.difference.max.ms", "log.message.timestamp.difference.max.ms"},
      {"message.timestamp.before.max.ms", "log.message.timestamp.before.max.ms"},
      {"message.timestamp.after.max.ms", "log.message.timestamp.after.max.ms"},
      {"message.downconversion.enable", "log.message.downconversion.enable"},
      {"preallocate", "log.preallocate"},
      {"compression.gzip.level", "compression.gzip.level"},
      {"compression.lz4.level", "compression.lz4.level"},
      {"compression.zstd.level", "compression.zstd.level"},
      {"local.retention.ms", "log.local.retention.ms"},
      {"local.retention.bytes", "log.local.retention.bytes"},
      {"message.format.version", "log.message.format.version"},
  };
  for (auto [t, b] : kMap)
    if (t == topic_key) return b;
  return {};
}

}  // namespace partita::broker
