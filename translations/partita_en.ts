<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
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
    <name>partita::app::LocalClusterController</name>
    <message>
        <source>A local cluster is already running at %1</source>
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
        <source>Local cluster running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bootstrap servers: %1
Any Kafka client can use them, for example: kcat -b %1 -L</source>
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
</context>
<context>
    <name>partita::ui::ConnectDialog</name>
    <message>
        <source>Connect to Cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the bootstrap servers of a running Kafka cluster. Partita asks them for the rest of the cluster.</source>
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
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose Data Directory</source>
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
        <source>Local cluster running at %1</source>
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
        <source>&lt;h3&gt;Partita %1&lt;/h3&gt;&lt;p&gt;A desktop workbench for Kafka: run a local Kafka-compatible cluster and inspect topics, consumer groups, log segments and messages.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
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
        <source>The log segments of each partition appear here: base offsets, sizes, indexes and retention. Start a local cluster to inspect its storage on this computer.</source>
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
</context>
</TS>
