<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>main</name>
    <message>
        <source>Partita, a desktop workbench for Kafka.</source>
        <translation>Partita：Kafka 桌面工作台。</translation>
    </message>
    <message>
        <source>User interface language: %1.</source>
        <translation>界面语言：%1。</translation>
    </message>
    <message>
        <source>Colour theme: system, light or dark.</source>
        <translation>颜色主题：system（跟随系统）、light（浅色）或 dark（深色）。</translation>
    </message>
    <message>
        <source>Save a screenshot of the main window to &lt;file&gt; and exit.</source>
        <translation>将主窗口截图保存到 &lt;file&gt; 后退出。</translation>
    </message>
    <message>
        <source>unknown language &quot;%1&quot;; available: %2</source>
        <translation>未知语言“%1”；可用的语言：%2</translation>
    </message>
    <message>
        <source>unknown theme &quot;%1&quot;; use system, light or dark</source>
        <translation>未知主题“%1”；请使用 system、light 或 dark</translation>
    </message>
    <message>
        <source>cannot write screenshot to %1</source>
        <translation>无法将截图写入 %1</translation>
    </message>
</context>
<context>
    <name>partita::ui::ClusterPage</name>
    <message>
        <source>Cluster</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>No cluster yet</source>
        <translation>尚无集群</translation>
    </message>
    <message>
        <source>Brokers, the controller and ZooKeeper appear here with their health. Start a local cluster on this computer or connect to a running Kafka cluster.</source>
        <translation>这里将显示各个 Broker、控制器和 ZooKeeper 及其健康状态。请在本机启动本地集群，或连接到正在运行的 Kafka 集群。</translation>
    </message>
</context>
<context>
    <name>partita::ui::ConnectDialog</name>
    <message>
        <source>Connect to Cluster</source>
        <translation>连接到集群</translation>
    </message>
    <message>
        <source>Enter the bootstrap servers of a running Kafka cluster. Partita asks them for the rest of the cluster.</source>
        <translation>请输入正在运行的 Kafka 集群的引导服务器（bootstrap servers），Partita 会通过它们获取集群的其余信息。</translation>
    </message>
    <message>
        <source>&amp;Bootstrap servers:</source>
        <translation>引导服务器(&amp;B)：</translation>
    </message>
    <message>
        <source>host:port, host:port</source>
        <translation>主机:端口, 主机:端口</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Use host:port, separated by commas, e.g. localhost:9092.</source>
        <translation>请使用“主机:端口”格式，多个地址用逗号分隔，例如 localhost:9092。</translation>
    </message>
</context>
<context>
    <name>partita::ui::ConsumerGroupsPage</name>
    <message>
        <source>Consumer groups</source>
        <translation>消费者组</translation>
    </message>
    <message>
        <source>No consumer groups to show</source>
        <translation>暂无消费者组</translation>
    </message>
    <message>
        <source>Consumer groups with their members, assigned partitions, committed offsets and lag appear here. Start a local cluster or connect to one to see them.</source>
        <translation>这里将显示各个消费者组及其成员、分配到的分区、已提交的偏移量和消费滞后（Lag）。启动本地集群或连接到集群后即可查看。</translation>
    </message>
</context>
<context>
    <name>partita::ui::LocalClusterDialog</name>
    <message>
        <source>Start Local Cluster</source>
        <translation>启动本地集群</translation>
    </message>
    <message>
        <source>Partita starts ZooKeeper and the brokers on this computer, on free ports of 127.0.0.1. Their logs and data stay in the data directory.</source>
        <translation>Partita 会在本机 127.0.0.1 的空闲端口上启动 ZooKeeper 和各个 Broker，它们的日志和数据都保存在数据目录中。</translation>
    </message>
    <message>
        <source>&amp;Brokers:</source>
        <translation>Broker 数量(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Data directory:</source>
        <translation>数据目录(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>启动(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Choose Data Directory</source>
        <translation>选择数据目录</translation>
    </message>
</context>
<context>
    <name>partita::ui::MainWindow</name>
    <message>
        <source>Partita</source>
        <translation>Partita</translation>
    </message>
    <message>
        <source>&amp;Start Local Cluster…</source>
        <translation>启动本地集群(&amp;S)…</translation>
    </message>
    <message>
        <source>Start ZooKeeper and brokers on this computer</source>
        <translation>在本机启动 ZooKeeper 和 Broker</translation>
    </message>
    <message>
        <source>&amp;Connect to Cluster…</source>
        <translation>连接到集群(&amp;C)…</translation>
    </message>
    <message>
        <source>Connect to a running Kafka cluster</source>
        <translation>连接到正在运行的 Kafka 集群</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Show the %1 page</source>
        <translation>显示“%1”页面</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;About Partita</source>
        <translation>关于 Partita(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>About Partita</source>
        <translation>关于 Partita</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Partita %1&lt;/h3&gt;&lt;p&gt;A desktop workbench for Kafka: run a local Kafka-compatible cluster and inspect topics, consumer groups, log segments and messages.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Partita %1&lt;/h3&gt;&lt;p&gt;Kafka 桌面工作台：运行本地的 Kafka 兼容集群，查看主题、消费者组、日志段和消息。&lt;/p&gt;&lt;p&gt;基于 Qt %2 构建。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>partita::ui::MessagesPage</name>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>No messages to show</source>
        <translation>暂无消息</translation>
    </message>
    <message>
        <source>Browse the messages of a topic here, with keys, values, headers and timestamps, or produce new ones. Start a local cluster or connect to one to see them.</source>
        <translation>在这里浏览主题中的消息（包括键、值、消息头和时间戳），或发送新消息。启动本地集群或连接到集群后即可查看。</translation>
    </message>
</context>
<context>
    <name>partita::ui::SegmentsPage</name>
    <message>
        <source>Segments</source>
        <translation>日志段</translation>
    </message>
    <message>
        <source>No segments to show</source>
        <translation>暂无日志段</translation>
    </message>
    <message>
        <source>The log segments of each partition appear here: base offsets, sizes, indexes and retention. Start a local cluster to inspect its storage on this computer.</source>
        <translation>这里将显示每个分区的日志段：起始偏移量、大小、索引和保留策略。启动本地集群后，即可查看它在本机上的存储。</translation>
    </message>
</context>
<context>
    <name>partita::ui::TopicsPage</name>
    <message>
        <source>Topics</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>No topics to show</source>
        <translation>暂无主题</translation>
    </message>
    <message>
        <source>Topics with their partitions, leaders and in-sync replicas appear here. Start a local cluster or connect to one to see them.</source>
        <translation>这里将显示各个主题及其分区、Leader 和同步副本（ISR）。启动本地集群或连接到集群后即可查看。</translation>
    </message>
</context>
</TS>
