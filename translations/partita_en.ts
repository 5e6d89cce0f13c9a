<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>GroupFormat</name>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GroupMonitor</name>
    <message>
        <source>Not connected to a cluster.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot connect to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot list consumer groups: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot describe group %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cluster does not list the group %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the offsets of group %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the offsets of topic %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group %1 has no committed offsets to reset; choose a topic.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic %1 has no partitions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot look up offsets by time: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kafka refused to reset the offsets of group %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot delete group %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LocalSchema</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is larger than %2 MiB; it is not a schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>imports nested deeper than %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a valid .proto: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 declares no message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a valid Avro schema: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageFormat</name>
    <message>
        <source>(null)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReplicaChip</name>
    <message>
        <source>leader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>out of sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Partita, a desktop workbench for Kafka.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User interface language: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour theme: system, light or dark.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a screenshot of the main window to &lt;file&gt; and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a local cluster with its data in &lt;dir&gt; when the window opens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of brokers of the local cluster.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown language &quot;%1&quot;; available: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown theme &quot;%1&quot;; use system, light or dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write screenshot to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::app::AclMonitor</name>
    <message>
        <source>Enter a principal, for example User:alice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A principal is written Type:name, for example User:alice (or User:* for everyone).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the name of the resource (or * for all of its type).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cluster resource is named kafka-cluster.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A resource name cannot contain &apos;/&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an operation of this resource type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a host address, or * for any host.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::app::AuthorizationError</name>
    <message>
        <source>The user %1 is not allowed to do this on the topic: the cluster&apos;s ACLs do not grant it (for example Describe, Read or Write on the topic).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The current user is not allowed to do this on the topic: the cluster&apos;s ACLs do not grant it (for example Describe, Read or Write on the topic).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user %1 is not allowed to use or describe this consumer group: the cluster&apos;s ACLs do not grant Read or Describe on the group.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The current user is not allowed to use or describe this consumer group: the cluster&apos;s ACLs do not grant Read or Describe on the group.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user %1 is not allowed to do this on the cluster: it needs an ACL on the cluster resource (for example Describe, Alter or Create).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The current user is not allowed to do this on the cluster: it needs an ACL on the cluster resource (for example Describe, Alter or Create).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user %1 is not allowed to use or describe this transactional id: the cluster&apos;s ACLs do not grant it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The current user is not allowed to use or describe this transactional id: the cluster&apos;s ACLs do not grant it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cluster refused the login of %1: check the user name, the password and the SASL mechanism of this connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cluster refused the login: check the user name, the password and the SASL mechanism of this connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cluster has no authorizer configured (authorizer.class.name is empty), so it keeps no ACLs: every client may do everything.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::app::ClusterConnection</name>
    <message>
        <source>broker %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n partition(s)</source>
        <translation>
            <numerusform>%n partition</numerusform>
            <numerusform>%n partitions</numerusform>
        </translation>
    </message>
    <message>
        <source>Only brokers of a local cluster can be started or stopped from here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add partitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit configs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read configs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elect preferred leader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elect unclean leader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reassign partitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel reassignment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kill broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1-%2 has no leader</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n broker(s)</source>
        <translation>
            <numerusform>%n broker</numerusform>
            <numerusform>%n brokers</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 B/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set replication throttle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove replication throttle</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::app::ClusterWorker</name>
    <message>
        <source>Cannot connect to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::app::ConnectionTester</name>
    <message>
        <source>Settings are not usable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the cluster: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS handshake failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authentication failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cluster refused the request: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n broker(s), cluster id %1</source>
        <translation>
            <numerusform>%n broker, cluster id %1</numerusform>
            <numerusform>%n brokers, cluster id %1</numerusform>
        </translation>
    </message>
    <message>
        <source>The broker closed the connection before answering (does its listener expect another security protocol?): %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::app::LocalClusterController</name>
    <message>
        <source>A local cluster is already running at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Starting ZooKeeper and %n broker(s) in %1…</source>
        <translation>
            <numerusform>Starting ZooKeeper and %n broker in %1…</numerusform>
            <numerusform>Starting ZooKeeper and %n brokers in %1…</numerusform>
        </translation>
    </message>
    <message>
        <source>Start failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ZooKeeper at %1; brokers at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping the brokers and ZooKeeper…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>killed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broker %1 %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broker %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema Registry not found: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema Registry at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secured: SASL_SSL listeners, SCRAM-SHA-512 user %1, CA %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::app::MessageBrowser</name>
    <message>
        <source>Not connected to a cluster.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot connect to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::app::ProfileSecrets</name>
    <message>
        <source>No system keychain is available (%1). Passwords are kept for this session only and are never written to disk; Partita asks for them again after a restart.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::app::SchemaRegistry</name>
    <message>
        <source>Schema %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 version %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local file %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>framed with schema id %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::app::SchemaRegistryWorker</name>
    <message>
        <source>No Schema Registry is set for this cluster.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an http:// or https:// URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (error code %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>references nested deeper than %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reference %1 v%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schema %1 is not in the registry: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot fetch schema %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not Avro of schema %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not Protobuf of schema %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not JSON of schema %1: the payload does not parse as JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate (or cannot be read).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not Avro of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not Protobuf of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 declares no message %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not valid Avro: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a valid .proto: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has the unknown type %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot fetch the latest schema of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 version %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the schema declares no message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schema %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a valid JSON Schema: it does not parse as JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no local schema file for its values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schema %1 is not known yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no local schema file for its keys</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::app::SegmentBrowser</name>
    <message>
        <source>%1 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::AclsPage</name>
    <message>
        <source>Added the ACL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adding the ACL failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Removed %n ACL(s).</source>
        <translation>
            <numerusform>Removed %n ACL.</numerusform>
            <numerusform>Removed %n ACLs.</numerusform>
        </translation>
    </message>
    <message>
        <source>Removing the ACLs failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ACLs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No ACLs to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The access control lists of a cluster with an authorizer appear here: who may read, write or administer which topics, groups and transactional ids. Start a local cluster or connect to one to see them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Principal contains…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any resource type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resource name contains…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any operation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow or deny</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove selected…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected ACLs from the cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Principal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permission</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resource type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resource name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an ACL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Principal:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User:alice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permission:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resource type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resource name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>orders, or * for all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add ACL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading ACLs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set authorizer.class.name on the brokers to use ACLs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n ACL(s) shown.</source>
        <translation>
            <numerusform>%1 of %n ACL shown.</numerusform>
            <numerusform>%1 of %n ACLs shown.</numerusform>
        </translation>
    </message>
    <message>
        <source>Adding %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 %3 on %4 %5 (%6) from %7</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Remove %n ACL(s)?

%1

Clients that relied on them are refused from the next request on (every broker applies the change within a second). This cannot be undone.</source>
        <translation>
            <numerusform>Remove %n ACL?

%1

Clients that relied on it are refused from the next request on (every broker applies the change within a second). This cannot be undone.</numerusform>
            <numerusform>Remove %n ACLs?

%1

Clients that relied on them are refused from the next request on (every broker applies the change within a second). This cannot be undone.</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove ACLs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Removing %n ACL(s)…</source>
        <translation>
            <numerusform>Removing %n ACL…</numerusform>
            <numerusform>Removing %n ACLs…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>partita::ui::AddPartitionsDialog</name>
    <message>
        <source>Add Partitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt; has %n partition(s). Partitions can be added but never removed; keys will map to different partitions afterwards.</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; has %n partition. Partitions can be added but never removed; keys will map to different partitions afterwards.</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; has %n partitions. Partitions can be added but never removed; keys will map to different partitions afterwards.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Total partitions:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::BatchTableModel</name>
    <message>
        <source>LogAppendTime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CreateTime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>magic %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>transactional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ invalid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First timestamp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max timestamp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Producer id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base sequence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leader epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size (bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CRC</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::BrokersModel</name>
    <message>
        <source>Broker %1 is the controller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (controller)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host:port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leader of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Under-replicated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Produce msg/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replication msg/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (last seen %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Killed like a crash: the cluster keeps counting it until its ZooKeeper session expires (zookeeper.session.timeout.ms), then moves its leaderships.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped cleanly: its leaderships moved to other in-sync replicas before it stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Killed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::ClusterPage</name>
    <message>
        <source>Cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No cluster yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brokers, the controller and ZooKeeper appear here with their health. Start a local cluster on this computer or connect to a running Kafka cluster.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed for %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the cluster: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bootstrap %1 · cluster id %2 · controller %3 · %4 of %5 brokers up</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Starting ZooKeeper and %n broker(s)…</source>
        <translation>
            <numerusform>Starting ZooKeeper and %n broker…</numerusform>
            <numerusform>Starting ZooKeeper and %n brokers…</numerusform>
        </translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not running. Double-click it in the Clusters list to start it with its data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected. Double-click it in the Clusters list to connect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop broker %1 cleanly? Its partitions move their leadership to other in-sync replicas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kill broker %1 abruptly? This simulates a crash: nothing is flushed, and partitions whose only in-sync replica it is go offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop Broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kill Broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brokers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local cluster log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the selected local broker again (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the selected local broker cleanly (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kill the selected local broker abruptly (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen %1: bootstrap %2 · cluster id %3 · controller %4 · %5 of %6 brokers up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the configs of broker %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Con&amp;figs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View the selected broker&apos;s configs and edit its dynamic ones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ISR changes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::ConnectDialog</name>
    <message>
        <source>Connect to Cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Bootstrap servers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host:port, host:port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use host:port, separated by commas, e.g. localhost:9092.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved &amp;profile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.cer *.key);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the bootstrap servers of a running Kafka cluster and how to reach it securely. Partita asks them for the rest of the cluster.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>defaults to the bootstrap servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security p&amp;rotocol:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SASL &amp;mechanism:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;member password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;CA certificates:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM file; empty: the system&apos;s CAs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client cer&amp;tificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM file, for mutual TLS (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM file, unencrypted (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a PEM file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Verify the broker&apos;s host name against its certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SASL needs a user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A client certificate needs its key, and a key its certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password is kept in memory only: Partita asks for it again after a restart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema Registry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>http://host:8081 (optional): decodes Avro, Protobuf and JSON Schema records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>basic auth (basic.auth.user.info), optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registry passw&amp;ord:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Schema Registry URL must be http://host:port or https://host:port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registry UR&amp;L:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;gistry user:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password is stored in the system keychain, never in a settings file. Without a keychain it is kept for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registry CA certi&amp;ficates:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM file, for https; empty: the system&apos;s CAs and the cluster&apos;s CA file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::ConnectionsSidebar</name>
    <message>
        <source>not started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>local</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>remote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove from List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CLUSTERS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click to start or connect; right-click for more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;uplicate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema Registry: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;Credentials…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::ConsumerGroupsPage</name>
    <message>
        <source>Consumer groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No consumer groups to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumer groups with their members, assigned partitions, committed offsets and lag appear here. Start a local cluster or connect to one to see them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offsets of group %1 reset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group %1 deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a group to see its lag over time, its partitions and its members.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset offsets…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the group&apos;s committed offsets (only while it has no members)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete group…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading consumer groups…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cluster has no consumer groups yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
    <message>
        <source>Total lag: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assignor: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coordinator: broker %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the consumer group %1 and its committed offsets? Kafka deletes only groups without members; this cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting group %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n partition(s) without commits</source>
        <translation>
            <numerusform>%n partition without commits</numerusform>
            <numerusform>%n partitions without commits</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>partita::ui::CreateTopicDialog</name>
    <message>
        <source>Create Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One key=value per line, e.g.
retention.ms=86400000
cleanup.policy=compact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Partitions:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Replication factor:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Configs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a topic name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;.&quot; and &quot;..&quot; are not topic names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A topic name has at most 249 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A topic name may only contain letters a-z and A-Z, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Config line %1 is not key=value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A topic named &quot;%1&quot; already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The replication factor (%1) cannot exceed the number of live brokers (%2).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::DeleteRecordsDialog</name>
    <message>
        <source>Delete Records of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records before the chosen offset are deleted on every replica (Kafka&apos;s DeleteRecords): the partition&apos;s log start moves up to it. Consumers that had not read them yet skip them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High watermark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I understand that deleted records cannot be restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No partition with a leader to delete from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partition %1: the offset must lie between %2 and %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to delete: every offset is its partition&apos;s log start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick the box to confirm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deletes %1 from %n partition(s).</source>
        <translation>
            <numerusform>Deletes %1 from %n partition.</numerusform>
            <numerusform>Deletes %1 from %n partitions.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>partita::ui::DeleteTopicDialog</name>
    <message>
        <source>Delete Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting &lt;b&gt;%1&lt;/b&gt; removes all its messages on every broker. This cannot be undone.&lt;br&gt;Type the topic name to confirm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::GroupListModel</name>
    <message>
        <source>Protocol type: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total lag</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 + %n without commits</source>
        <translation>
            <numerusform>%1 + %n without commits</numerusform>
            <numerusform>%1 + %n without commits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n assigned partition(s) without a committed offset: their lag is unknown and not in this total.</source>
        <translation>
            <numerusform>%n assigned partition without a committed offset: their lag is unknown and not in this total.</numerusform>
            <numerusform>%n assigned partitions without a committed offset: their lag is unknown and not in this total.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>partita::ui::GroupMemberModel</name>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assigned partitions</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::IsolationCombo</name>
    <message>
        <source>read_uncommitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read_committed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Isolation level of the reads (Kafka&apos;s isolation.level).
read_uncommitted: every record up to the high watermark, including those of open and aborted transactions; COMMIT / ABORT markers are shown as marked rows.
read_committed: what a transactional consumer sees: records up to the last stable offset, without aborted transactions and markers.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::LagPlotWidget</name>
    <message>
        <source>Lag over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>5 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>24 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this time range; drag to pan, scroll to zoom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lag (records)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No lag recorded yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::LocalClusterCredentialsDialog</name>
    <message>
        <source>Secured Local Cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bootstrap servers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security protocol:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SASL mechanism:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy as Client Properties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cluster accepts only TLS connections that log in with SCRAM, and its Schema Registry only https with Basic authentication. Clients trust the CA file below and log in as the administrator (a super user: every operation is allowed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema Registry:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::LocalClusterDialog</name>
    <message>
        <source>Start Local Cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partita starts ZooKeeper and the brokers on this computer, on free ports of 127.0.0.1. Their logs and data stay in the data directory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Brokers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Data directory:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose Data Directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base &amp;port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ZooKeeper listens on the base port and broker N on base port + N. A data directory used before keeps its ports.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ecured (TLS + SCRAM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secured: Partita makes a CA and broker certificates for this cluster, the brokers accept only SASL_SSL with SCRAM-SHA-512 (between themselves too) and enforce ACLs, with an administrator user; its Schema Registry speaks https and asks for the same user. The credentials and the CA file are shown when it starts.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::LocalSchemaDialog</name>
    <message>
        <source>Local Schema Files for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decode this topic&apos;s records with schema files on this computer: an Avro schema (.avsc) or a Protocol Buffers file (.proto, its imports read from the same folder). A file chosen here is used instead of the Schema Registry for this topic; records in Confluent&apos;s wire format have their schema id shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No file: decoded as before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a Schema File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema files (*.avsc *.proto *.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As the record&apos;s message indexes say (else %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Protobuf, %n message(s)</source>
        <translation>
            <numerusform>Protobuf, %n message</numerusform>
            <numerusform>Protobuf, %n messages</numerusform>
        </translation>
    </message>
    <message>
        <source>Avro schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Avro schema of %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::LogPartitionTreeModel</name>
    <message numerus="yes">
        <source>%n partition(s)</source>
        <translation>
            <numerusform>%n partition</numerusform>
            <numerusform>%n partitions</numerusform>
        </translation>
    </message>
    <message>
        <source>Partition %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s)</source>
        <translation>
            <numerusform>%n segment</numerusform>
            <numerusform>%n segments</numerusform>
        </translation>
    </message>
    <message>
        <source>Topic / partition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partition %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::MainWindow</name>
    <message>
        <source>Partita</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start Local Cluster…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start ZooKeeper and brokers on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect to Cluster…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to a running Kafka cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the %1 page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Partita</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting local cluster…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Partita</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh Interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Every %n second(s)</source>
        <translation>
            <numerusform>Every %n second</numerusform>
            <numerusform>Every %n seconds</numerusform>
        </translation>
    </message>
    <message>
        <source>Refresh &amp;Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2 of %3 brokers up · %n topic(s)</source>
        <translation>
            <numerusform>%1 · %2 of %3 brokers up · %n topic</numerusform>
            <numerusform>%1 · %2 of %3 brokers up · %n topics</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n under-replicated</source>
        <translation>
            <numerusform> · %n under-replicated</numerusform>
            <numerusform> · %n under-replicated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n offline</source>
        <translation>
            <numerusform> · %n offline</numerusform>
            <numerusform> · %n offline</numerusform>
        </translation>
    </message>
    <message>
        <source>Quit Partita</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quitting stops the local cluster %1: its brokers and ZooKeeper shut down, and every client connected to it (producers, consumers, kcat) loses its connection. Quit anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Partita %1&lt;/h3&gt;&lt;p&gt;A desktop workbench for Kafka: run a local Kafka-compatible cluster and inspect topics, consumer groups, log segments and messages.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;&lt;p&gt;Licence: GNU General Public License, version 3 or later (GPL-3.0-or-later).&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record &amp;Lag History of All Clusters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every 30 s, record the consumer-group lag of every connected cluster, not only the one shown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::MessageDetailView</name>
    <message>
        <source>&amp;Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a message to see its content.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partition %1, offset %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log append time: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create time: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Key (%n byte(s)):</source>
        <translation>
            <numerusform>Key (%n byte):</numerusform>
            <numerusform>Key (%n bytes):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Value (%n byte(s)):</source>
        <translation>
            <numerusform>Value (%n byte):</numerusform>
            <numerusform>Value (%n bytes):</numerusform>
        </translation>
    </message>
    <message>
        <source>(binary data, see the Hex view)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(null: the record has no key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(null: the record has no value, a tombstone)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema Registry (auto)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not decoded with the Schema Registry (schema id %1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoding with the Schema Registry…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For&amp;mat:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::MessageTableModel</name>
    <message>
        <source>Partition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timestamp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>producer %1, epoch %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>COMMIT marker · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ABORT marker · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>committed · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>aborted · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>transactional · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>COMMIT marker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ABORT marker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(control record: ends producer %1&apos;s transaction)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A control record written by the transaction coordinator (WriteTxnMarkers). Consumers never receive it; it only takes an offset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This record belongs to an aborted transaction: read_committed consumers never see it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transaction</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::MessagesPage</name>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No messages to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse the messages of a topic here, with keys, values, headers and timestamps, or produce new ones. Start a local cluster or connect to one to see them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cluster has no topics yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a topic, its partitions and where to start, then press Open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Produced to %1, partition %2, at offset %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent to %1, partition %2 (acks=0: no offset reported).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Topic:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earliest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The offset to start at, in each selected partition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ &amp;Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Older messages (Alt+Left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newer messages (Alt+Right)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;roduce…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key contains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value contains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header contains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter text; press Enter to apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Page as JSON Lines…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Page as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as JSON Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh Topics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partition %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All partitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Producing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>partition %1: offsets %2–%3 of %4–%5</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n more partition(s)</source>
        <translation>
            <numerusform>%n more partition</numerusform>
            <numerusform>%n more partitions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n message</numerusform>
            <numerusform>%n messages</numerusform>
        </translation>
    </message>
    <message>
        <source>the key maps to partition %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>stopped after scanning %n message(s); Next continues</source>
        <translation>
            <numerusform>stopped after scanning %n message; Next continues</numerusform>
            <numerusform>stopped after scanning %n messages; Next continues</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in every partition (scan all)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in its murmur2 partition (Java clients)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in its CRC32 partition (librdkafka default: kcat, confluent-kafka)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Producers place a key by their partitioner: Java clients use murmur2, librdkafka-based clients (kcat, confluent-kafka) default to CRC32. Scanning every partition is slower but never misses the key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 15 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today (since 00:00)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch milliseconds…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start at a Timestamp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Milliseconds since 1970-01-01 UTC (Kafka record timestamps):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a number of milliseconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch milliseconds: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 15 minutes, last hour, today, or a timestamp in epoch milliseconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no topic named %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching… %1 scanned, %2 found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only records before this time: with the start time, a time range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Follow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live tail: append new records as they arrive; click again to pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>search cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Following · &amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema &amp;Files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decode this topic&apos;s records with a local .avsc or .proto file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::OffsetResetPreviewModel</name>
    <message>
        <source>new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log end</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::PartitionLagModel</name>
    <message>
        <source>The group has not committed an offset for this partition.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log start offset: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not assigned to any member.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log end offset minus committed offset: records not yet consumed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age of the oldest record not yet consumed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time lag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown: the group has no committed offset here, so this partition is not in the total lag.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::PartitionTimelineModel</name>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In-sync replicas</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::PartitionsModel</name>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reassigning → %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Under-replicated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leader not preferred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replicas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In-sync replicas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High watermark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leader epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The leader&apos;s log end offset: the offset its next record gets. Records between the high watermark and it are not yet replicated to every in-sync replica.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each follower&apos;s log end offset and how many records it is behind the leader&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: ?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 behind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log end (leader)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follower lag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last stable offset (LSO): read_committed consumers read up to here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is below the high watermark: an open transaction (from offset %1) holds read_committed consumers back until it commits or aborts. A transaction that never ends is hanging: see Transactions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Equal to the high watermark: no transaction is open on this partition.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (open transaction)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last stable offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Below the high watermark while a transaction is open on the partition: an open transaction holds read_committed consumers back.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::ProduceDialog</name>
    <message>
        <source>Choose a topic.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The topic %1 is not known to the cluster.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The topic has no partition %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header line %1 has no name: write one header per line as name=value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Produce a Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Topic:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Partition:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Value:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Headers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Compression:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Acks:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Null key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Null value (a tombstone)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One header per line: name=value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records with the same key go to the same partition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all (-1): every in-sync replica</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1: the leader only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0: do not wait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Produce</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (by key, as Kafka&apos;s default partitioner)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the value against %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Fits %1 version %2 (schema id %3, %4): %n byte(s) in Confluent&apos;s wire format</source>
        <translation>
            <numerusform>Fits %1 version %2 (schema id %3, %4): %n byte in Confluent&apos;s wire format</numerusform>
            <numerusform>Fits %1 version %2 (schema id %3, %4): %n bytes in Confluent&apos;s wire format</numerusform>
        </translation>
    </message>
    <message>
        <source>The value does not fit %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value &amp;schema:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None: the value as typed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (no Schema Registry for this cluster)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Fits %1 (%2): %n byte(s), unframed (a local file has no schema id)</source>
        <translation>
            <numerusform>Fits %1 (%2): %n byte, unframed (a local file has no schema id)</numerusform>
            <numerusform>Fits %1 (%2): %n bytes, unframed (a local file has no schema id)</numerusform>
        </translation>
    </message>
    <message>
        <source>Local file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encodes the JSON with the topic&apos;s local schema file %1 (Schema Files… on the Messages page). The bytes are written unframed, without Confluent&apos;s magic byte and schema id: a local file has no registry id, and the Messages page decodes unframed records with the same file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the key against %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key does not fit %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Key fits %1 (%2): %n byte(s), unframed</source>
        <translation>
            <numerusform>Key fits %1 (%2): %n byte, unframed</numerusform>
            <numerusform>Key fits %1 (%2): %n bytes, unframed</numerusform>
        </translation>
    </message>
    <message>
        <source>Encode with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encodes the key (JSON) with the topic&apos;s local key file %1, unframed, as the Messages page decodes keys with it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::ReassignDialog</name>
    <message>
        <source>&amp;Execute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel Reassignment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reassign Partitions of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current replicas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target replicas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total %p%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Generate Balanced Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pick Brokers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the target brokers of the selected partition (or right-click a row).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the target replicas (broker ids, the first one is the preferred leader), then execute. Data is copied to new replicas before old ones are removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partition %1: write the target as broker ids separated by commas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partition %1: a broker appears twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partition %1: broker %2 is not a live broker.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The plan changes nothing yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broker %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broker %1 (down)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reassignment complete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> MiB/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no throttle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replication throttle while data is copied (Kafka&apos;s leader/follower.replication.throttled.rate); removed when the reassignment completes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Throttle:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::RegisterSchemaDialog</name>
    <message>
        <source>Register Schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Check Compatibility</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::ResetOffsetsDialog</name>
    <message>
        <source>Reset offsets of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose where the group %1 continues consuming. Compute the preview to see the new offset of every partition before anything changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partitions:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All partitions with committed offsets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earliest (log start)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latest (log end)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date and time:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Specific offset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. -100 to re-read 100 records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offset, clamped to the partition&apos;s log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset offsets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The group is %1. Kafka resets offsets only while a group has no members: stop its consumers first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter by how many records to shift (negative moves back).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A shift by 0 changes nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the offset to continue from (0 or more).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a strategy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute the preview to see the new offsets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing the new offsets…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n partition(s) will be reset as shown.</source>
        <translation>
            <numerusform>%n partition will be reset as shown.</numerusform>
            <numerusform>%n partitions will be reset as shown.</numerusform>
        </translation>
    </message>
    <message>
        <source>Resetting offsets…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::SchemaDiffView</name>
    <message>
        <source>Comparing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No differences: %1 and %2 are the same text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 → %2: %n line(s) added</source>
        <translation>
            <numerusform>%1 → %2: %n line added</numerusform>
            <numerusform>%1 → %2: %n lines added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n removed</source>
        <translation>
            <numerusform>, %n removed</numerusform>
            <numerusform>, %n removed</numerusform>
        </translation>
    </message>
    <message>
        <source>(too large to compare line by line: the changed part is shown replaced as a whole)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::SchemasPage</name>
    <message>
        <source>Schemas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Schema Registry yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The subjects of a cluster&apos;s Schema Registry appear here: their versions, schema texts and the differences between them, and compatibility levels. Start a local cluster (it serves a registry of its own) or connect to one with a Schema Registry URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This connection names no Schema Registry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect again with the registry&apos;s URL in the Connect dialog&apos;s Schema Registry fields to see its subjects and schemas here. A local cluster started by Partita serves one of its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Schema Registry does not answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be reached: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema Registry at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema id %1 · %2 · version %3 of %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has one version: there is nothing to compare it with yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set for this subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inherited from the global level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The global compatibility level is now %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 now uses %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking compatibility…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compatibility check failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no version yet: nothing to check against.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compatible with %1&apos;s latest version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not compatible with %1&apos;s latest version: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not registered: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered under %1 with schema id %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every version of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>version %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1 permanently? Its schema can no longer be read by id; a version must be soft-deleted first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1? A soft delete hides it; the schema stays readable by id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted %1 permanently.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Global compatibility:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The level of every subject without its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;efresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register &amp;New Version…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ubjects:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Compatibility:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare Versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ompare:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;with:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Permanently</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A permanent delete needs a soft delete first, as Confluent&apos;s registry does.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Version…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete &amp;Subject…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::SegmentIndexModel</name>
    <message>
        <source>Offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timestamp</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::SegmentTableModel</name>
    <message numerus="yes">
        <source>%n invalid byte(s) after the last valid batch</source>
        <translation>
            <numerusform>%n invalid byte after the last valid batch</numerusform>
            <numerusform>%n invalid bytes after the last valid batch</numerusform>
        </translation>
    </message>
    <message>
        <source>⚠ torn tail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First timestamp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last timestamp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Index entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time index entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::SegmentsPage</name>
    <message>
        <source>Segments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No segments to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No partition directories (topic-partition) with segment files were found here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offset index (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time index (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The log segments of each partition appear here: base offsets, sizes, timestamps, index entries and a batch dump like kafka-dump-log. Start a local cluster, or open any Kafka data directory from disk (read-only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Data Directory…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local Cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the data directories of the local cluster&apos;s brokers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offset index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Kafka Data Directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local cluster data: %1 (read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened from disk: %1 (read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No batches in this segment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offsets %1–%2 (page %3), bytes %4–%5 of %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 invalid bytes at the end</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::SnapshotTableModel</name>
    <message>
        <source>Last seen %1; the cluster does not answer, so this may no longer be true.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::ThroughputPlot</name>
    <message>
        <source>messages/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replication fetch (offset deltas), all brokers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Produce (offset deltas), broker %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages in, broker %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes in, broker %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes out, broker %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Produce p99, broker %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch p99, broker %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shrinks, broker %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expands, broker %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Throughput — from broker metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Throughput — from offset deltas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Throughput — from broker metrics, and offset deltas for brokers without them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request time (p99) — from broker metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request time — needs broker metrics (metrics.listener), not served here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request time (p99)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ISR shrinks and expands — from broker metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ISR shrinks and expands — from ISR changes seen between polls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ISR shrinks and expands — from broker metrics, and ISR changes seen between polls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ISR shrinks and expands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bytes/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changes/min</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::TopicConfigDialog</name>
    <message>
        <source>Configs of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(hidden)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Revert to Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bold names are set on this topic; the others come from the broker&apos;s defaults.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configs of Broker %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only: changes only in server.properties, with a broker restart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bold names are set for this broker (in server.properties or dynamically); greyed values are read-only and change only in server.properties, with a restart.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::TopicsModel</name>
    <message>
        <source>%1 (internal)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n offline</source>
        <translation>
            <numerusform>%n offline</numerusform>
            <numerusform>%n offline</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n under-replicated</source>
        <translation>
            <numerusform>%n under-replicated</numerusform>
            <numerusform>%n under-replicated</numerusform>
        </translation>
    </message>
    <message>
        <source>Healthy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size on disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages (est.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown while a partition is offline or did not report its offsets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replicas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumer groups with committed offsets on this topic or members assigned to its partitions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumers</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::TopicsPage</name>
    <message>
        <source>Topics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No topics to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topics with their partitions, leaders and in-sync replicas appear here. Start a local cluster or connect to one to see them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed (%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partitions of &lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a topic to see its partitions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elect Unclean Leader</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Elect a leader for %n partition(s) of %1 from replicas that are NOT in sync?</source>
        <translation>
            <numerusform>Elect a leader for %n partition of %1 from replicas that are NOT in sync?</numerusform>
            <numerusform>Elect a leader for %n partitions of %1 from replicas that are NOT in sync?</numerusform>
        </translation>
    </message>
    <message>
        <source>Messages the new leader never received are lost for good, and consumers may see offsets go back. Use this only when no in-sync replica can come back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elect and Accept Data Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search topics (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal topics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a topic (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;Partitions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Con&amp;figs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elect &amp;Preferred Leader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move leadership of the selected partitions back to their first replica (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elect &amp;Unclean Leader…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reassign…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leader &amp;&amp; ISR timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cluster does not answer (%1). Showing what was last seen at %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is an internal topic of Kafka and read-only here. Use “Unlock Expert Actions…” to change it anyway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock Expert Actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; is an internal topic that Kafka itself uses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting it, changing its partition count or its configs can lose every committed consumer offset or open transaction: a group&apos;s offsets live in the partition its id hashes to, so adding partitions strands them. Unlock delete, add partitions and configs for this topic anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock Expert Actions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Rec&amp;ords…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>partita::ui::TransactionsPage</name>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message>
        <source>Aborted the transaction of producer %1 on %2-%3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abort failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transactions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No transactions to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transactional producers, their open transactions and the partitions they hold back appear here, and a hanging transaction can be aborted. Start a local cluster or connect to one to see them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All states</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Producer id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hanging after:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An open transaction whose producer has not written for this long and that no coordinator knows as ongoing is hanging (kafka-transactions.sh find-hanging --max-transaction-timeout).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hanging transactions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abort…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write an ABORT marker for the selected hanging transaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transactional id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Producer id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coordinator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open since offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Producer epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coordinator epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading transactions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This cluster does not support the transaction admin APIs (ListTransactions, DescribeTransactions, DescribeProducers: Kafka 3.0 or later, KIP-664). %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n transactional id(s), %1 hanging. Updated %2.</source>
        <translation>
            <numerusform>%n transactional id, %1 hanging. Updated %2.</numerusform>
            <numerusform>%n transactional ids, %1 hanging. Updated %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2 ago)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a transactional id to see its transaction and partitions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State: %1 · producer id %2, epoch %3 · coordinator %4 · timeout %5 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started %1 (%2 ago)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abort the transaction of producer %1 (epoch %2) on %3-%4, open since offset %5?

An ABORT marker is written to the partition: the transaction&apos;s records on it become aborted, so read_committed consumers never see them, and the last stable offset moves on, so those consumers continue. If the producer is in fact still alive, its transaction fails on this partition and its next commit or write is rejected. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abort Hanging Transaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abort transaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aborting the transaction of producer %1 on %2-%3…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
