<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>GroupFormat</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
</context>
<context>
    <name>GroupMonitor</name>
    <message>
        <source>Not connected to a cluster.</source>
        <translation>未连接到集群。</translation>
    </message>
    <message>
        <source>Cannot connect to %1: %2</source>
        <translation>无法连接到 %1：%2</translation>
    </message>
    <message>
        <source>Cannot list consumer groups: %1</source>
        <translation>无法列出消费者组：%1</translation>
    </message>
    <message>
        <source>Cannot describe group %1: %2</source>
        <translation>无法获取消费者组 %1 的详情：%2</translation>
    </message>
    <message>
        <source>The cluster does not list the group %1.</source>
        <translation>集群中没有消费者组 %1。</translation>
    </message>
    <message>
        <source>Cannot read the offsets of group %1: %2</source>
        <translation>无法读取消费者组 %1 的位移：%2</translation>
    </message>
    <message>
        <source>Cannot read the offsets of topic %1: %2</source>
        <translation>无法读取主题 %1 的位移：%2</translation>
    </message>
    <message>
        <source>Group %1 has no committed offsets to reset; choose a topic.</source>
        <translation>消费者组 %1 没有可重置的已提交位移，请选择一个主题。</translation>
    </message>
    <message>
        <source>Topic %1 has no partitions.</source>
        <translation>主题 %1 没有分区。</translation>
    </message>
    <message>
        <source>Cannot look up offsets by time: %1</source>
        <translation>无法按时间查找位移：%1</translation>
    </message>
    <message>
        <source>Kafka refused to reset the offsets of group %1: %2</source>
        <translation>Kafka 拒绝重置消费者组 %1 的位移：%2</translation>
    </message>
    <message>
        <source>Cannot delete group %1: %2</source>
        <translation>无法删除消费者组 %1：%2</translation>
    </message>
</context>
<context>
    <name>LocalSchema</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is larger than %2 MiB; it is not a schema</source>
        <translation>%1 大于 %2 MiB，不是模式文件</translation>
    </message>
    <message>
        <source>imports nested deeper than %1</source>
        <translation>import 嵌套超过 %1 层</translation>
    </message>
    <message>
        <source>%1 is not a valid .proto: %2</source>
        <translation>%1 不是有效的 .proto 文件：%2</translation>
    </message>
    <message>
        <source>%1 declares no message</source>
        <translation>%1 中没有声明任何 message</translation>
    </message>
    <message>
        <source>%1 is not a valid Avro schema: %2</source>
        <translation>%1 不是有效的 Avro 模式：%2</translation>
    </message>
</context>
<context>
    <name>MessageFormat</name>
    <message>
        <source>(null)</source>
        <translation>（null 空值）</translation>
    </message>
</context>
<context>
    <name>ReplicaChip</name>
    <message>
        <source>leader</source>
        <translation>Leader</translation>
    </message>
    <message>
        <source>in sync</source>
        <translation>已同步</translation>
    </message>
    <message>
        <source>out of sync</source>
        <translation>未同步</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
</context>
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
    <message>
        <source>Start a local cluster with its data in &lt;dir&gt; when the window opens.</source>
        <translation>窗口打开时启动本地集群，数据保存在 &lt;dir&gt; 中。</translation>
    </message>
    <message>
        <source>Number of brokers of the local cluster.</source>
        <translation>本地集群的 Broker 数量。</translation>
    </message>
</context>
<context>
    <name>partita::app::AclMonitor</name>
    <message>
        <source>Enter a principal, for example User:alice.</source>
        <translation>请输入主体，例如 User:alice。</translation>
    </message>
    <message>
        <source>A principal is written Type:name, for example User:alice (or User:* for everyone).</source>
        <translation>主体的写法是 类型:名称，例如 User:alice（User:* 表示所有人）。</translation>
    </message>
    <message>
        <source>Enter the name of the resource (or * for all of its type).</source>
        <translation>请输入资源名称（* 表示该类型的全部资源）。</translation>
    </message>
    <message>
        <source>The cluster resource is named kafka-cluster.</source>
        <translation>集群资源的名称是 kafka-cluster。</translation>
    </message>
    <message>
        <source>A resource name cannot contain &apos;/&apos;.</source>
        <translation>资源名称不能包含“/”。</translation>
    </message>
    <message>
        <source>%1 is not an operation of this resource type.</source>
        <translation>%1 不是此资源类型的操作。</translation>
    </message>
    <message>
        <source>Enter a host address, or * for any host.</source>
        <translation>请输入主机地址，* 表示任意主机。</translation>
    </message>
</context>
<context>
    <name>partita::app::AuthorizationError</name>
    <message>
        <source>The user %1 is not allowed to do this on the topic: the cluster&apos;s ACLs do not grant it (for example Describe, Read or Write on the topic).</source>
        <translation>用户 %1 无权对该主题执行此操作：集群的 ACL 未授予相应权限（例如主题上的 Describe、Read 或 Write）。</translation>
    </message>
    <message>
        <source>The current user is not allowed to do this on the topic: the cluster&apos;s ACLs do not grant it (for example Describe, Read or Write on the topic).</source>
        <translation>当前用户无权对该主题执行此操作：集群的 ACL 未授予相应权限（例如主题上的 Describe、Read 或 Write）。</translation>
    </message>
    <message>
        <source>The user %1 is not allowed to use or describe this consumer group: the cluster&apos;s ACLs do not grant Read or Describe on the group.</source>
        <translation>用户 %1 无权使用或查看此消费者组：集群的 ACL 未授予该组的 Read 或 Describe 权限。</translation>
    </message>
    <message>
        <source>The current user is not allowed to use or describe this consumer group: the cluster&apos;s ACLs do not grant Read or Describe on the group.</source>
        <translation>当前用户无权使用或查看此消费者组：集群的 ACL 未授予该组的 Read 或 Describe 权限。</translation>
    </message>
    <message>
        <source>The user %1 is not allowed to do this on the cluster: it needs an ACL on the cluster resource (for example Describe, Alter or Create).</source>
        <translation>用户 %1 无权对集群执行此操作：需要集群资源上的 ACL（例如 Describe、Alter 或 Create）。</translation>
    </message>
    <message>
        <source>The current user is not allowed to do this on the cluster: it needs an ACL on the cluster resource (for example Describe, Alter or Create).</source>
        <translation>当前用户无权对集群执行此操作：需要集群资源上的 ACL（例如 Describe、Alter 或 Create）。</translation>
    </message>
    <message>
        <source>The user %1 is not allowed to use or describe this transactional id: the cluster&apos;s ACLs do not grant it.</source>
        <translation>用户 %1 无权使用或查看此事务 ID：集群的 ACL 未授予相应权限。</translation>
    </message>
    <message>
        <source>The current user is not allowed to use or describe this transactional id: the cluster&apos;s ACLs do not grant it.</source>
        <translation>当前用户无权使用或查看此事务 ID：集群的 ACL 未授予相应权限。</translation>
    </message>
    <message>
        <source>The cluster refused the login of %1: check the user name, the password and the SASL mechanism of this connection.</source>
        <translation>集群拒绝了 %1 的登录：请检查此连接的用户名、密码和 SASL 机制。</translation>
    </message>
    <message>
        <source>The cluster refused the login: check the user name, the password and the SASL mechanism of this connection.</source>
        <translation>集群拒绝了登录：请检查此连接的用户名、密码和 SASL 机制。</translation>
    </message>
    <message>
        <source>The cluster has no authorizer configured (authorizer.class.name is empty), so it keeps no ACLs: every client may do everything.</source>
        <translation>集群未配置授权器（authorizer.class.name 为空），因此不保存任何 ACL：每个客户端都可以执行所有操作。</translation>
    </message>
</context>
<context>
    <name>partita::app::ClusterConnection</name>
    <message>
        <source>broker %1</source>
        <translation>Broker %1</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message numerus="yes">
        <source>%n partition(s)</source>
        <translation>
            <numerusform>%n 个分区</numerusform>
        </translation>
    </message>
    <message>
        <source>Only brokers of a local cluster can be started or stopped from here.</source>
        <translation>只有本地集群的 Broker 才能在这里启动或停止。</translation>
    </message>
    <message>
        <source>Create topic</source>
        <translation>创建主题</translation>
    </message>
    <message>
        <source>Delete topic</source>
        <translation>删除主题</translation>
    </message>
    <message>
        <source>Add partitions</source>
        <translation>增加分区</translation>
    </message>
    <message>
        <source>Edit configs</source>
        <translation>修改配置</translation>
    </message>
    <message>
        <source>Read configs</source>
        <translation>读取配置</translation>
    </message>
    <message>
        <source>Elect preferred leader</source>
        <translation>首选 Leader 选举</translation>
    </message>
    <message>
        <source>Elect unclean leader</source>
        <translation>非干净 Leader 选举</translation>
    </message>
    <message>
        <source>Reassign partitions</source>
        <translation>分区重分配</translation>
    </message>
    <message>
        <source>Cancel reassignment</source>
        <translation>取消重分配</translation>
    </message>
    <message>
        <source>Start broker</source>
        <translation>启动 Broker</translation>
    </message>
    <message>
        <source>Stop broker</source>
        <translation>停止 Broker</translation>
    </message>
    <message>
        <source>Kill broker</source>
        <translation>强制终止 Broker</translation>
    </message>
    <message>
        <source>%1-%2 has no leader</source>
        <translation>%1-%2 没有 Leader</translation>
    </message>
    <message numerus="yes">
        <source>%n broker(s)</source>
        <translation>
            <numerusform>%n 个 Broker</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 B/s</source>
        <translation>%1 B/s</translation>
    </message>
    <message>
        <source>Delete records</source>
        <translation>删除记录</translation>
    </message>
    <message>
        <source>Set replication throttle</source>
        <translation>设置复制限流</translation>
    </message>
    <message>
        <source>Remove replication throttle</source>
        <translation>移除复制限流</translation>
    </message>
</context>
<context>
    <name>partita::app::ClusterWorker</name>
    <message>
        <source>Cannot connect to %1: %2</source>
        <translation>无法连接到 %1：%2</translation>
    </message>
</context>
<context>
    <name>partita::app::ConnectionTester</name>
    <message>
        <source>Settings are not usable: %1</source>
        <translation>设置不可用：%1</translation>
    </message>
    <message>
        <source>Cannot reach the cluster: %1</source>
        <translation>无法连接到集群：%1</translation>
    </message>
    <message>
        <source>TLS handshake failed: %1</source>
        <translation>TLS 握手失败：%1</translation>
    </message>
    <message>
        <source>Authentication failed: %1</source>
        <translation>认证失败：%1</translation>
    </message>
    <message>
        <source>The cluster refused the request: %1</source>
        <translation>集群拒绝了请求：%1</translation>
    </message>
    <message>
        <source>Connected: %1</source>
        <translation>已连接：%1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message numerus="yes">
        <source>%n broker(s), cluster id %1</source>
        <translation>
            <numerusform>%n 个 Broker，集群 ID %1</numerusform>
        </translation>
    </message>
    <message>
        <source>The broker closed the connection before answering (does its listener expect another security protocol?): %1</source>
        <translation>Broker 在应答前关闭了连接（它的监听器是否要求其他安全协议？）：%1</translation>
    </message>
</context>
<context>
    <name>partita::app::LocalClusterController</name>
    <message>
        <source>A local cluster is already running at %1</source>
        <translation>本地集群已在 %1 运行</translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation>无法创建 %1</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message numerus="yes">
        <source>Starting ZooKeeper and %n broker(s) in %1…</source>
        <translation>
            <numerusform>正在 %1 中启动 ZooKeeper 和 %n 个 Broker…</numerusform>
        </translation>
    </message>
    <message>
        <source>Start failed: %1</source>
        <translation>启动失败：%1</translation>
    </message>
    <message>
        <source>ZooKeeper at %1; brokers at %2</source>
        <translation>ZooKeeper 位于 %1；Broker 位于 %2</translation>
    </message>
    <message>
        <source>Stopping the brokers and ZooKeeper…</source>
        <translation>正在停止 Broker 和 ZooKeeper…</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>started</source>
        <translation>已启动</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>killed</source>
        <translation>已被强制终止</translation>
    </message>
    <message>
        <source>Broker %1 %2.</source>
        <translation>Broker %1 %2。</translation>
    </message>
    <message>
        <source>Broker %1: %2</source>
        <translation>Broker %1：%2</translation>
    </message>
    <message>
        <source>Schema Registry not found: %1</source>
        <translation>未找到 Schema Registry：%1</translation>
    </message>
    <message>
        <source>Schema Registry at %1</source>
        <translation>Schema Registry 位于 %1</translation>
    </message>
    <message>
        <source>Secured: SASL_SSL listeners, SCRAM-SHA-512 user %1, CA %2</source>
        <translation>已加密：SASL_SSL 监听器，SCRAM-SHA-512 用户 %1，CA %2</translation>
    </message>
</context>
<context>
    <name>partita::app::MessageBrowser</name>
    <message>
        <source>Not connected to a cluster.</source>
        <translation>未连接到集群。</translation>
    </message>
    <message>
        <source>Cannot connect to %1: %2</source>
        <translation>无法连接到 %1：%2</translation>
    </message>
</context>
<context>
    <name>partita::app::ProfileSecrets</name>
    <message>
        <source>No system keychain is available (%1). Passwords are kept for this session only and are never written to disk; Partita asks for them again after a restart.</source>
        <translation>没有可用的系统密钥环（%1）。密码只在本次会话中保留，绝不写入磁盘；重启后 Partita 会再次询问。</translation>
    </message>
</context>
<context>
    <name>partita::app::SchemaRegistry</name>
    <message>
        <source>Schema %1</source>
        <translation>Schema %1</translation>
    </message>
    <message>
        <source>%1 version %2</source>
        <translation>%1 版本 %2</translation>
    </message>
    <message>
        <source>Local file %1</source>
        <translation>本地文件 %1</translation>
    </message>
    <message>
        <source>framed with schema id %1</source>
        <translation>带有模式 ID %1 的帧</translation>
    </message>
</context>
<context>
    <name>partita::app::SchemaRegistryWorker</name>
    <message>
        <source>No Schema Registry is set for this cluster.</source>
        <translation>此集群未设置 Schema Registry。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an http:// or https:// URL.</source>
        <translation>“%1”不是 http:// 或 https:// URL。</translation>
    </message>
    <message>
        <source>%1 (error code %2)</source>
        <translation>%1（错误码 %2）</translation>
    </message>
    <message>
        <source>HTTP %1: %2</source>
        <translation>HTTP %1：%2</translation>
    </message>
    <message>
        <source>references nested deeper than %1</source>
        <translation>引用嵌套超过 %1 层</translation>
    </message>
    <message>
        <source>reference %1 v%2: %3</source>
        <translation>引用 %1 v%2：%3</translation>
    </message>
    <message>
        <source>schema %1 is not in the registry: %2</source>
        <translation>注册表中没有 schema %1：%2</translation>
    </message>
    <message>
        <source>cannot fetch schema %1: %2</source>
        <translation>无法获取 schema %1：%2</translation>
    </message>
    <message>
        <source>not Avro of schema %1: %2</source>
        <translation>不是 schema %1 的 Avro 数据：%2</translation>
    </message>
    <message>
        <source>not Protobuf of schema %1: %2</source>
        <translation>不是 schema %1 的 Protobuf 数据：%2</translation>
    </message>
    <message>
        <source>not JSON of schema %1: the payload does not parse as JSON</source>
        <translation>不是 schema %1 的 JSON 数据：载荷无法解析为 JSON</translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate (or cannot be read).</source>
        <translation>%1 中没有 PEM 证书（或无法读取）。</translation>
    </message>
    <message>
        <source>not Avro of %1: %2</source>
        <translation>不是 %1 的 Avro 数据：%2</translation>
    </message>
    <message>
        <source>not Protobuf of %1: %2</source>
        <translation>不是 %1 的 Protobuf 数据：%2</translation>
    </message>
    <message>
        <source>%1 declares no message %2</source>
        <translation>%1 中没有 message %2</translation>
    </message>
    <message>
        <source>%1 is not valid Avro: %2</source>
        <translation>%1 不是有效的 Avro：%2</translation>
    </message>
    <message>
        <source>%1 is not a valid .proto: %2</source>
        <translation>%1 不是有效的 .proto 文件：%2</translation>
    </message>
    <message>
        <source>%1 has the unknown type %2</source>
        <translation>%1 的类型 %2 未知</translation>
    </message>
    <message>
        <source>cannot fetch the latest schema of %1: %2</source>
        <translation>无法获取 %1 的最新模式：%2</translation>
    </message>
    <message>
        <source>%1 version %2</source>
        <translation>%1 版本 %2</translation>
    </message>
    <message>
        <source>not JSON: %1</source>
        <translation>不是 JSON：%1</translation>
    </message>
    <message>
        <source>the schema declares no message</source>
        <translation>该模式中没有声明任何 message</translation>
    </message>
    <message>
        <source>schema %1</source>
        <translation>模式 %1</translation>
    </message>
    <message>
        <source>%1 is not a valid JSON Schema: it does not parse as JSON</source>
        <translation>%1 不是有效的 JSON Schema：无法解析为 JSON</translation>
    </message>
    <message>
        <source>%1 has no local schema file for its values</source>
        <translation>%1 的值没有设置本地模式文件</translation>
    </message>
    <message>
        <source>schema %1 is not known yet</source>
        <translation>schema %1 尚未获取</translation>
    </message>
    <message>
        <source>%1 has no local schema file for its keys</source>
        <translation>%1 的键没有设置本地模式文件</translation>
    </message>
</context>
<context>
    <name>partita::app::SegmentBrowser</name>
    <message>
        <source>%1 does not exist</source>
        <translation>%1 不存在</translation>
    </message>
</context>
<context>
    <name>partita::ui::AclsPage</name>
    <message>
        <source>Added the ACL.</source>
        <translation>已添加 ACL。</translation>
    </message>
    <message>
        <source>Adding the ACL failed: %1</source>
        <translation>添加 ACL 失败：%1</translation>
    </message>
    <message numerus="yes">
        <source>Removed %n ACL(s).</source>
        <translation>
            <numerusform>已删除 %n 条 ACL。</numerusform>
        </translation>
    </message>
    <message>
        <source>Removing the ACLs failed: %1</source>
        <translation>删除 ACL 失败：%1</translation>
    </message>
    <message>
        <source>ACLs</source>
        <translation>ACL</translation>
    </message>
    <message>
        <source>No ACLs to show</source>
        <translation>没有可显示的 ACL</translation>
    </message>
    <message>
        <source>The access control lists of a cluster with an authorizer appear here: who may read, write or administer which topics, groups and transactional ids. Start a local cluster or connect to one to see them.</source>
        <translation>启用了授权器的集群的访问控制列表会显示在这里：谁可以读取、写入或管理哪些主题、消费者组和事务 ID。启动本地集群或连接到集群即可查看。</translation>
    </message>
    <message>
        <source>Principal contains…</source>
        <translation>主体包含…</translation>
    </message>
    <message>
        <source>Any resource type</source>
        <translation>任意资源类型</translation>
    </message>
    <message>
        <source>Resource name contains…</source>
        <translation>资源名称包含…</translation>
    </message>
    <message>
        <source>Any pattern</source>
        <translation>任意模式</translation>
    </message>
    <message>
        <source>Any operation</source>
        <translation>任意操作</translation>
    </message>
    <message>
        <source>Allow or deny</source>
        <translation>允许或拒绝</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Remove selected…</source>
        <translation>删除所选…</translation>
    </message>
    <message>
        <source>Delete the selected ACLs from the cluster</source>
        <translation>从集群中删除所选的 ACL</translation>
    </message>
    <message>
        <source>Principal</source>
        <translation>主体</translation>
    </message>
    <message>
        <source>Permission</source>
        <translation>权限</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Resource type</source>
        <translation>资源类型</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Resource name</source>
        <translation>资源名称</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Add an ACL</source>
        <translation>添加 ACL</translation>
    </message>
    <message>
        <source>Principal:</source>
        <translation>主体：</translation>
    </message>
    <message>
        <source>User:alice</source>
        <translation>User:alice</translation>
    </message>
    <message>
        <source>Permission:</source>
        <translation>权限：</translation>
    </message>
    <message>
        <source>Operation:</source>
        <translation>操作：</translation>
    </message>
    <message>
        <source>Resource type:</source>
        <translation>资源类型：</translation>
    </message>
    <message>
        <source>Pattern:</source>
        <translation>模式：</translation>
    </message>
    <message>
        <source>Resource name:</source>
        <translation>资源名称：</translation>
    </message>
    <message>
        <source>orders, or * for all</source>
        <translation>orders，或 * 表示全部</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>主机：</translation>
    </message>
    <message>
        <source>Add ACL</source>
        <translation>添加 ACL</translation>
    </message>
    <message>
        <source>Loading ACLs…</source>
        <translation>正在加载 ACL…</translation>
    </message>
    <message>
        <source>Set authorizer.class.name on the brokers to use ACLs.</source>
        <translation>要使用 ACL，请在 Broker 上设置 authorizer.class.name。</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n ACL(s) shown.</source>
        <translation>
            <numerusform>显示 %n 条 ACL 中的 %1 条。</numerusform>
        </translation>
    </message>
    <message>
        <source>Adding %1…</source>
        <translation>正在添加 %1…</translation>
    </message>
    <message>
        <source>%1 %2 %3 on %4 %5 (%6) from %7</source>
        <translation>%1 %2 %3，资源 %4 %5（%6），来自 %7</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n ACL(s)?

%1

Clients that relied on them are refused from the next request on (every broker applies the change within a second). This cannot be undone.</source>
        <translation>
            <numerusform>删除 %n 条 ACL？

%1

依赖这些 ACL 的客户端从下一个请求起将被拒绝（每个 Broker 会在一秒内应用此变更）。此操作无法撤销。</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove ACLs</source>
        <translation>删除 ACL</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message numerus="yes">
        <source>Removing %n ACL(s)…</source>
        <translation>
            <numerusform>正在删除 %n 条 ACL…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>partita::ui::AddPartitionsDialog</name>
    <message>
        <source>Add Partitions</source>
        <translation>增加分区</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt; has %n partition(s). Partitions can be added but never removed; keys will map to different partitions afterwards.</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; 有 %n 个分区。分区只能增加、不能删除；增加后，相同的键可能会映射到不同的分区。</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>增加(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Total partitions:</source>
        <translation>分区总数(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>partita::ui::BatchTableModel</name>
    <message>
        <source>LogAppendTime</source>
        <translation>LogAppendTime</translation>
    </message>
    <message>
        <source>CreateTime</source>
        <translation>CreateTime</translation>
    </message>
    <message>
        <source>magic %1</source>
        <translation>magic %1</translation>
    </message>
    <message>
        <source>transactional</source>
        <translation>事务</translation>
    </message>
    <message>
        <source>control</source>
        <translation>控制</translation>
    </message>
    <message>
        <source>✓ valid</source>
        <translation>✓ 有效</translation>
    </message>
    <message>
        <source>✗ invalid</source>
        <translation>✗ 无效</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Base offset</source>
        <translation>起始位移</translation>
    </message>
    <message>
        <source>Last offset</source>
        <translation>末尾位移</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <source>First timestamp</source>
        <translation>首条时间戳</translation>
    </message>
    <message>
        <source>Max timestamp</source>
        <translation>最大时间戳</translation>
    </message>
    <message>
        <source>Compression</source>
        <translation>压缩</translation>
    </message>
    <message>
        <source>Producer id</source>
        <translation>生产者 ID</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>Epoch</translation>
    </message>
    <message>
        <source>Base sequence</source>
        <translation>起始序列号</translation>
    </message>
    <message>
        <source>Leader epoch</source>
        <translation>Leader Epoch</translation>
    </message>
    <message>
        <source>Size (bytes)</source>
        <translation>大小（字节）</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>标志</translation>
    </message>
    <message>
        <source>CRC</source>
        <translation>CRC</translation>
    </message>
</context>
<context>
    <name>partita::ui::BrokersModel</name>
    <message>
        <source>Broker %1 is the controller</source>
        <translation>Broker %1 是控制器</translation>
    </message>
    <message>
        <source>%1 (controller)</source>
        <translation>%1（控制器）</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Alive</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Broker</source>
        <translation>Broker</translation>
    </message>
    <message>
        <source>Host:port</source>
        <translation>主机:端口</translation>
    </message>
    <message>
        <source>Rack</source>
        <translation>机架</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Leader of</source>
        <translation>Leader 分区数</translation>
    </message>
    <message>
        <source>Under-replicated</source>
        <translation>副本不足</translation>
    </message>
    <message>
        <source>Produce msg/s</source>
        <translation>生产消息/秒</translation>
    </message>
    <message>
        <source>Replication msg/s</source>
        <translation>复制消息/秒</translation>
    </message>
    <message>
        <source>%1 (last seen %2)</source>
        <translation>%1（最后确认于 %2）</translation>
    </message>
    <message>
        <source>Killed like a crash: the cluster keeps counting it until its ZooKeeper session expires (zookeeper.session.timeout.ms), then moves its leaderships.</source>
        <translation>像崩溃一样被终止：在其 ZooKeeper 会话过期（zookeeper.session.timeout.ms）之前，集群仍把它算作在线，过期后才转移它的 Leader。</translation>
    </message>
    <message>
        <source>Stopped cleanly: its leaderships moved to other in-sync replicas before it stopped.</source>
        <translation>已正常停止：停止前它的 Leader 已转移到其他同步副本。</translation>
    </message>
    <message>
        <source>Killed</source>
        <translation>已终止（崩溃）</translation>
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
    <message>
        <source>%1: %2 done.</source>
        <translation>%1：%2 已完成。</translation>
    </message>
    <message>
        <source>%1 failed for %2: %3</source>
        <translation>%1 失败（%2）：%3</translation>
    </message>
    <message>
        <source>Cannot reach the cluster: %1</source>
        <translation>无法访问集群：%1</translation>
    </message>
    <message>
        <source>Bootstrap %1 · cluster id %2 · controller %3 · %4 of %5 brokers up</source>
        <translation>引导服务器 %1 · 集群 ID %2 · 控制器 %3 · %4/%5 个 Broker 在线</translation>
    </message>
    <message numerus="yes">
        <source>Starting ZooKeeper and %n broker(s)…</source>
        <translation>
            <numerusform>正在启动 ZooKeeper 和 %n 个 Broker…</numerusform>
        </translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接到 %1…</translation>
    </message>
    <message>
        <source>Not running. Double-click it in the Clusters list to start it with its data.</source>
        <translation>未运行。在集群列表中双击它，即可用已有数据启动。</translation>
    </message>
    <message>
        <source>Not connected. Double-click it in the Clusters list to connect.</source>
        <translation>未连接。在集群列表中双击它即可连接。</translation>
    </message>
    <message>
        <source>Stop broker %1 cleanly? Its partitions move their leadership to other in-sync replicas.</source>
        <translation>要正常停止 Broker %1 吗？它所担任 Leader 的分区会把 Leader 转移到其他同步副本。</translation>
    </message>
    <message>
        <source>Kill broker %1 abruptly? This simulates a crash: nothing is flushed, and partitions whose only in-sync replica it is go offline.</source>
        <translation>要强制终止 Broker %1 吗？这会模拟崩溃：不会刷写任何数据，以它为唯一同步副本的分区将会离线。</translation>
    </message>
    <message>
        <source>Stop Broker</source>
        <translation>停止 Broker</translation>
    </message>
    <message>
        <source>Kill Broker</source>
        <translation>强制终止 Broker</translation>
    </message>
    <message>
        <source>Brokers</source>
        <translation>Broker</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <source>Local cluster log</source>
        <translation>本地集群日志</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>Start the selected local broker again (%1)</source>
        <translation>重新启动所选的本地 Broker（%1）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the selected local broker cleanly (%1)</source>
        <translation>正常停止所选的本地 Broker（%1）</translation>
    </message>
    <message>
        <source>Kill</source>
        <translation>强制终止</translation>
    </message>
    <message>
        <source>Kill the selected local broker abruptly (%1)</source>
        <translation>强制终止所选的本地 Broker（%1）</translation>
    </message>
    <message>
        <source>Last seen %1: bootstrap %2 · cluster id %3 · controller %4 · %5 of %6 brokers up</source>
        <translation>最后确认于 %1：引导服务器 %2 · 集群 ID %3 · 控制器 %4 · %5/%6 个 Broker 在线</translation>
    </message>
    <message>
        <source>Cannot read the configs of broker %1: %2</source>
        <translation>无法读取 Broker %1 的配置：%2</translation>
    </message>
    <message>
        <source>Con&amp;figs…</source>
        <translation>配置(&amp;F)…</translation>
    </message>
    <message>
        <source>View the selected broker&apos;s configs and edit its dynamic ones</source>
        <translation>查看所选 Broker 的配置并编辑其动态配置</translation>
    </message>
    <message>
        <source>Request time</source>
        <translation>请求耗时</translation>
    </message>
    <message>
        <source>ISR changes</source>
        <translation>ISR 变化</translation>
    </message>
</context>
<context>
    <name>partita::ui::ConnectDialog</name>
    <message>
        <source>Connect to Cluster</source>
        <translation>连接到集群</translation>
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
    <message>
        <source>Saved &amp;profile:</source>
        <translation>已保存的配置(&amp;P)：</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.cer *.key);;All files (*)</source>
        <translation>PEM 文件 (*.pem *.crt *.cer *.key);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Testing %1…</source>
        <translation>正在测试 %1…</translation>
    </message>
    <message>
        <source>Edit Connection</source>
        <translation>编辑连接</translation>
    </message>
    <message>
        <source>Enter the bootstrap servers of a running Kafka cluster and how to reach it securely. Partita asks them for the rest of the cluster.</source>
        <translation>输入正在运行的 Kafka 集群的引导服务器以及安全连接方式。Partita 会向它们查询集群的其余部分。</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>defaults to the bootstrap servers</source>
        <translation>默认为引导服务器</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>安全</translation>
    </message>
    <message>
        <source>Security p&amp;rotocol:</source>
        <translation>安全协议(&amp;R)：</translation>
    </message>
    <message>
        <source>SASL &amp;mechanism:</source>
        <translation>SASL 机制(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>Re&amp;member password</source>
        <translation>记住密码(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;CA certificates:</source>
        <translation>CA 证书(&amp;C)：</translation>
    </message>
    <message>
        <source>PEM file; empty: the system&apos;s CAs</source>
        <translation>PEM 文件；留空则使用系统 CA</translation>
    </message>
    <message>
        <source>Client cer&amp;tificate:</source>
        <translation>客户端证书(&amp;T)：</translation>
    </message>
    <message>
        <source>PEM file, for mutual TLS (optional)</source>
        <translation>PEM 文件，用于双向 TLS（可选）</translation>
    </message>
    <message>
        <source>Client &amp;key:</source>
        <translation>客户端私钥(&amp;K)：</translation>
    </message>
    <message>
        <source>PEM file, unencrypted (optional)</source>
        <translation>PEM 文件，未加密（可选）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose a PEM file</source>
        <translation>选择 PEM 文件</translation>
    </message>
    <message>
        <source>&amp;Verify the broker&apos;s host name against its certificate</source>
        <translation>根据证书校验 Broker 主机名(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>SASL needs a user name.</source>
        <translation>SASL 需要用户名。</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>无法读取 %1。</translation>
    </message>
    <message>
        <source>A client certificate needs its key, and a key its certificate.</source>
        <translation>客户端证书与私钥必须同时提供。</translation>
    </message>
    <message>
        <source>The password is kept in memory only: Partita asks for it again after a restart.</source>
        <translation>密码只保存在内存中：重启后 Partita 会再次询问。</translation>
    </message>
    <message>
        <source>Schema Registry</source>
        <translation>Schema Registry</translation>
    </message>
    <message>
        <source>Registry UR&amp;L:</source>
        <translation>注册表 URL(&amp;L)：</translation>
    </message>
    <message>
        <source>http://host:8081 (optional): decodes Avro, Protobuf and JSON Schema records</source>
        <translation>http://host:8081（可选）：用于解码 Avro、Protobuf 和 JSON Schema 记录</translation>
    </message>
    <message>
        <source>Re&amp;gistry user:</source>
        <translation>注册表用户(&amp;G)：</translation>
    </message>
    <message>
        <source>basic auth (basic.auth.user.info), optional</source>
        <translation>基本认证（basic.auth.user.info），可选</translation>
    </message>
    <message>
        <source>Registry passw&amp;ord:</source>
        <translation>注册表密码(&amp;O)：</translation>
    </message>
    <message>
        <source>The Schema Registry URL must be http://host:port or https://host:port.</source>
        <translation>Schema Registry URL 必须是 http://host:port 或 https://host:port。</translation>
    </message>
    <message>
        <source>The password is stored in the system keychain, never in a settings file. Without a keychain it is kept for this session only.</source>
        <translation>密码保存在系统密钥环中，绝不写入设置文件。没有密钥环时，它只在本次会话中保留。</translation>
    </message>
    <message>
        <source>Registry CA certi&amp;ficates:</source>
        <translation>注册表 CA 证书(&amp;F)：</translation>
    </message>
    <message>
        <source>PEM file, for https; empty: the system&apos;s CAs and the cluster&apos;s CA file</source>
        <translation>PEM 文件，用于 https；留空：信任系统的 CA 和集群的 CA 文件</translation>
    </message>
</context>
<context>
    <name>partita::ui::ConnectionsSidebar</name>
    <message>
        <source>not started</source>
        <translation>未启动</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>local</source>
        <translation>本地</translation>
    </message>
    <message>
        <source>remote</source>
        <translation>远程</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>启动(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>断开连接(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Remove from List</source>
        <translation>从列表中移除(&amp;R)</translation>
    </message>
    <message>
        <source>CLUSTERS</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>Double-click to start or connect; right-click for more.</source>
        <translation>双击以启动或连接；右键单击可进行更多操作。</translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation>%1（副本）</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>D&amp;uplicate…</source>
        <translation>复制(&amp;U)…</translation>
    </message>
    <message>
        <source>Schema Registry: %1</source>
        <translation>Schema Registry：%1</translation>
    </message>
    <message>
        <source>Show &amp;Credentials…</source>
        <translation>显示凭据(&amp;C)…</translation>
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
        <translation>这里将显示各个消费者组及其成员、分配到的分区、已提交的位移和消费滞后（Lag）。启动本地集群或连接到集群后即可查看。</translation>
    </message>
    <message>
        <source>Offsets of group %1 reset.</source>
        <translation>已重置消费者组 %1 的位移。</translation>
    </message>
    <message>
        <source>Group %1 deleted.</source>
        <translation>已删除消费者组 %1。</translation>
    </message>
    <message>
        <source>Search groups</source>
        <translation>搜索消费者组</translation>
    </message>
    <message>
        <source>Select a group to see its lag over time, its partitions and its members.</source>
        <translation>选择一个消费者组，查看其滞后随时间的变化以及分区和成员。</translation>
    </message>
    <message>
        <source>Reset offsets…</source>
        <translation>重置位移…</translation>
    </message>
    <message>
        <source>Move the group&apos;s committed offsets (only while it has no members)</source>
        <translation>移动该消费者组的已提交位移（仅当组内没有成员时可用）</translation>
    </message>
    <message>
        <source>Delete group…</source>
        <translation>删除消费者组…</translation>
    </message>
    <message>
        <source>Partitions</source>
        <translation>分区</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Loading consumer groups…</source>
        <translation>正在加载消费者组…</translation>
    </message>
    <message>
        <source>The cluster has no consumer groups yet.</source>
        <translation>集群中还没有消费者组。</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n 个成员</numerusform>
        </translation>
    </message>
    <message>
        <source>Total lag: %1</source>
        <translation>总滞后：%1</translation>
    </message>
    <message>
        <source>Assignor: %1</source>
        <translation>分配策略：%1</translation>
    </message>
    <message>
        <source>Coordinator: broker %1</source>
        <translation>协调者：Broker %1</translation>
    </message>
    <message>
        <source>Delete group</source>
        <translation>删除消费者组</translation>
    </message>
    <message>
        <source>Delete the consumer group %1 and its committed offsets? Kafka deletes only groups without members; this cannot be undone.</source>
        <translation>要删除消费者组 %1 及其已提交位移吗？Kafka 只能删除没有成员的消费者组；此操作无法撤销。</translation>
    </message>
    <message>
        <source>Deleting group %1…</source>
        <translation>正在删除消费者组 %1…</translation>
    </message>
    <message numerus="yes">
        <source>%n partition(s) without commits</source>
        <translation>
            <numerusform>%n 个分区没有提交</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>partita::ui::CreateTopicDialog</name>
    <message>
        <source>Create Topic</source>
        <translation>创建主题</translation>
    </message>
    <message>
        <source>orders</source>
        <translation>orders</translation>
    </message>
    <message>
        <source>One key=value per line, e.g.
retention.ms=86400000
cleanup.policy=compact</source>
        <translation>每行一个 key=value，例如：
retention.ms=86400000
cleanup.policy=compact</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>创建(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Partitions:</source>
        <translation>分区数(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Replication factor:</source>
        <translation>副本因子(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Configs:</source>
        <translation>配置(&amp;C)：</translation>
    </message>
    <message>
        <source>Enter a topic name.</source>
        <translation>请输入主题名称。</translation>
    </message>
    <message>
        <source>&quot;.&quot; and &quot;..&quot; are not topic names.</source>
        <translation>“.”和“..”不能用作主题名称。</translation>
    </message>
    <message>
        <source>A topic name has at most 249 characters.</source>
        <translation>主题名称最多 249 个字符。</translation>
    </message>
    <message>
        <source>A topic name may only contain letters a-z and A-Z, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;.</source>
        <translation>主题名称只能包含字母 a-z 和 A-Z、数字以及 &apos;.&apos;、&apos;_&apos; 和 &apos;-&apos;。</translation>
    </message>
    <message>
        <source>Config line %1 is not key=value.</source>
        <translation>配置第 %1 行不是 key=value 格式。</translation>
    </message>
    <message>
        <source>A topic named &quot;%1&quot; already exists.</source>
        <translation>名为“%1”的主题已存在。</translation>
    </message>
    <message>
        <source>The replication factor (%1) cannot exceed the number of live brokers (%2).</source>
        <translation>副本因子（%1）不能超过在线 Broker 的数量（%2）。</translation>
    </message>
</context>
<context>
    <name>partita::ui::DeleteRecordsDialog</name>
    <message>
        <source>Delete Records of %1</source>
        <translation>删除 %1 的记录</translation>
    </message>
    <message>
        <source>Records before the chosen offset are deleted on every replica (Kafka&apos;s DeleteRecords): the partition&apos;s log start moves up to it. Consumers that had not read them yet skip them.</source>
        <translation>所选偏移量之前的记录将在每个副本上删除（Kafka 的 DeleteRecords）：分区的日志起始偏移量前移到该位置。尚未读取这些记录的消费者将跳过它们。</translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>分区</translation>
    </message>
    <message>
        <source>Log start</source>
        <translation>日志起始</translation>
    </message>
    <message>
        <source>High watermark</source>
        <translation>高水位</translation>
    </message>
    <message>
        <source>Delete before</source>
        <translation>删除此偏移量之前</translation>
    </message>
    <message>
        <source>I understand that deleted records cannot be restored</source>
        <translation>我了解删除的记录无法恢复</translation>
    </message>
    <message>
        <source>&amp;Delete Records</source>
        <translation>删除记录(&amp;D)</translation>
    </message>
    <message>
        <source>No partition with a leader to delete from.</source>
        <translation>没有可删除记录的带 Leader 的分区。</translation>
    </message>
    <message>
        <source>Partition %1: the offset must lie between %2 and %3.</source>
        <translation>分区 %1：偏移量必须介于 %2 和 %3 之间。</translation>
    </message>
    <message>
        <source>Nothing to delete: every offset is its partition&apos;s log start.</source>
        <translation>没有可删除的内容：每个偏移量都等于其分区的日志起始偏移量。</translation>
    </message>
    <message>
        <source>Tick the box to confirm.</source>
        <translation>请勾选复选框以确认。</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n 条记录</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deletes %1 from %n partition(s).</source>
        <translation>
            <numerusform>从 %n 个分区中删除 %1。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>partita::ui::DeleteTopicDialog</name>
    <message>
        <source>Delete Topic</source>
        <translation>删除主题</translation>
    </message>
    <message>
        <source>Deleting &lt;b&gt;%1&lt;/b&gt; removes all its messages on every broker. This cannot be undone.&lt;br&gt;Type the topic name to confirm.</source>
        <translation>删除 &lt;b&gt;%1&lt;/b&gt; 会移除它在所有 Broker 上的全部消息。此操作无法撤销。&lt;br&gt;请输入主题名称以确认。</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
</context>
<context>
    <name>partita::ui::GroupListModel</name>
    <message>
        <source>Protocol type: %1</source>
        <translation>协议类型：%1</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>消费者组</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Total lag</source>
        <translation>总滞后</translation>
    </message>
    <message numerus="yes">
        <source>%1 + %n without commits</source>
        <translation>
            <numerusform>%1 + %n 个无提交</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n assigned partition(s) without a committed offset: their lag is unknown and not in this total.</source>
        <translation>
            <numerusform>%n 个已分配的分区没有已提交的偏移量：它们的延迟未知，不计入此总数。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>partita::ui::GroupMemberModel</name>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation>客户端 ID</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Instance ID</source>
        <translation>实例 ID</translation>
    </message>
    <message>
        <source>Assigned partitions</source>
        <translation>分配的分区</translation>
    </message>
</context>
<context>
    <name>partita::ui::IsolationCombo</name>
    <message>
        <source>read_uncommitted</source>
        <translation>read_uncommitted（读未提交）</translation>
    </message>
    <message>
        <source>read_committed</source>
        <translation>read_committed（读已提交）</translation>
    </message>
    <message>
        <source>Isolation level of the reads (Kafka&apos;s isolation.level).
read_uncommitted: every record up to the high watermark, including those of open and aborted transactions; COMMIT / ABORT markers are shown as marked rows.
read_committed: what a transactional consumer sees: records up to the last stable offset, without aborted transactions and markers.</source>
        <translation>读取的隔离级别（Kafka 的 isolation.level）。
read_uncommitted：读取到高水位为止的所有记录，包括未结束和已中止事务的记录；COMMIT / ABORT 标记显示为带标记的行。
read_committed：事务型消费者看到的内容：读取到最后稳定位移为止的记录，不含已中止的事务和标记。</translation>
    </message>
</context>
<context>
    <name>partita::ui::LagPlotWidget</name>
    <message>
        <source>Lag over time</source>
        <translation>滞后趋势</translation>
    </message>
    <message>
        <source>5 min</source>
        <translation>5 分钟</translation>
    </message>
    <message>
        <source>1 h</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <source>24 h</source>
        <translation>24 小时</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Show this time range; drag to pan, scroll to zoom</source>
        <translation>显示此时间范围；拖动可平移，滚动滚轮可缩放</translation>
    </message>
    <message>
        <source>Lag (records)</source>
        <translation>滞后（记录数）</translation>
    </message>
    <message>
        <source>No lag recorded yet</source>
        <translation>尚未记录到滞后数据</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
</context>
<context>
    <name>partita::ui::LocalClusterCredentialsDialog</name>
    <message>
        <source>Secured Local Cluster</source>
        <translation>加密的本地集群</translation>
    </message>
    <message>
        <source>Bootstrap servers:</source>
        <translation>引导服务器：</translation>
    </message>
    <message>
        <source>Security protocol:</source>
        <translation>安全协议：</translation>
    </message>
    <message>
        <source>SASL mechanism:</source>
        <translation>SASL 机制：</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>CA file:</source>
        <translation>CA 文件：</translation>
    </message>
    <message>
        <source>&amp;Copy as Client Properties</source>
        <translation>复制为客户端属性(&amp;C)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The cluster accepts only TLS connections that log in with SCRAM, and its Schema Registry only https with Basic authentication. Clients trust the CA file below and log in as the administrator (a super user: every operation is allowed).</source>
        <translation>该集群只接受通过 SCRAM 登录的 TLS 连接，其 Schema Registry 只接受带 Basic 认证的 https 请求。客户端信任下面的 CA 文件，并以管理员身份登录（超级用户：允许所有操作）。</translation>
    </message>
    <message>
        <source>Schema Registry:</source>
        <translation>Schema Registry：</translation>
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
        <source>Choose Data Directory</source>
        <translation>选择数据目录</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Base &amp;port:</source>
        <translation>起始端口(&amp;P)：</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>ZooKeeper listens on the base port and broker N on base port + N. A data directory used before keeps its ports.</source>
        <translation>ZooKeeper 监听起始端口，Broker N 监听起始端口 + N。以前使用过的数据目录会沿用原来的端口。</translation>
    </message>
    <message>
        <source>S&amp;ecured (TLS + SCRAM)</source>
        <translation>加密(&amp;E)（TLS + SCRAM）</translation>
    </message>
    <message>
        <source>Secured: Partita makes a CA and broker certificates for this cluster, the brokers accept only SASL_SSL with SCRAM-SHA-512 (between themselves too) and enforce ACLs, with an administrator user; its Schema Registry speaks https and asks for the same user. The credentials and the CA file are shown when it starts.</source>
        <translation>加密：Partita 为该集群生成 CA 和 Broker 证书，Broker 只接受使用 SCRAM-SHA-512 的 SASL_SSL 连接（Broker 之间也是如此）并执行 ACL，同时创建一个管理员用户；其 Schema Registry 使用 https，并要求同一用户登录。集群启动时会显示凭据和 CA 文件。</translation>
    </message>
</context>
<context>
    <name>partita::ui::LocalSchemaDialog</name>
    <message>
        <source>Local Schema Files for %1</source>
        <translation>%1 的本地模式文件</translation>
    </message>
    <message>
        <source>Decode this topic&apos;s records with schema files on this computer: an Avro schema (.avsc) or a Protocol Buffers file (.proto, its imports read from the same folder). A file chosen here is used instead of the Schema Registry for this topic; records in Confluent&apos;s wire format have their schema id shown.</source>
        <translation>用本机上的模式文件解码该主题的消息：Avro 模式（.avsc）或 Protocol Buffers 文件（.proto，其 import 从同一文件夹读取）。此处选择的文件将代替 Schema Registry 用于该主题；Confluent 线格式的消息会显示其模式 ID。</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>值</translation>
    </message>
    <message>
        <source>No file: decoded as before</source>
        <translation>无文件：按原方式解码</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Message:</source>
        <translation>Message：</translation>
    </message>
    <message>
        <source>Choose a Schema File</source>
        <translation>选择模式文件</translation>
    </message>
    <message>
        <source>Schema files (*.avsc *.proto *.json);;All files (*)</source>
        <translation>模式文件 (*.avsc *.proto *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>As the record&apos;s message indexes say (else %1)</source>
        <translation>按消息中的 message 索引（否则为 %1）</translation>
    </message>
    <message numerus="yes">
        <source>Protobuf, %n message(s)</source>
        <translation>
            <numerusform>Protobuf，%n 个 message</numerusform>
        </translation>
    </message>
    <message>
        <source>Avro schema</source>
        <translation>Avro 模式</translation>
    </message>
    <message>
        <source>Avro schema of %1</source>
        <translation>%1 的 Avro 模式</translation>
    </message>
</context>
<context>
    <name>partita::ui::LogPartitionTreeModel</name>
    <message numerus="yes">
        <source>%n partition(s)</source>
        <translation>
            <numerusform>%n 个分区</numerusform>
        </translation>
    </message>
    <message>
        <source>Partition %1</source>
        <translation>分区 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s)</source>
        <translation>
            <numerusform>%n 个日志段</numerusform>
        </translation>
    </message>
    <message>
        <source>Topic / partition</source>
        <translation>主题 / 分区</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Partition %1 · %2</source>
        <translation>分区 %1 · %2</translation>
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
        <source>Starting local cluster…</source>
        <translation>正在启动本地集群…</translation>
    </message>
    <message>
        <source>Cluster failed: %1</source>
        <translation>集群出错：%1</translation>
    </message>
    <message>
        <source>&amp;Refresh Interval</source>
        <translation>刷新间隔(&amp;R)</translation>
    </message>
    <message numerus="yes">
        <source>Every %n second(s)</source>
        <translation>
            <numerusform>每 %n 秒</numerusform>
        </translation>
    </message>
    <message>
        <source>Refresh &amp;Now</source>
        <translation>立即刷新(&amp;N)</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接到 %1…</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>已连接到 %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2 of %3 brokers up · %n topic(s)</source>
        <translation>
            <numerusform>%1 · %2/%3 个 Broker 在线 · %n 个主题</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n under-replicated</source>
        <translation>
            <numerusform> · %n 个分区副本不足</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n offline</source>
        <translation>
            <numerusform> · %n 个分区离线</numerusform>
        </translation>
    </message>
    <message>
        <source>Quit Partita</source>
        <translation>退出 Partita</translation>
    </message>
    <message>
        <source>Quitting stops the local cluster %1: its brokers and ZooKeeper shut down, and every client connected to it (producers, consumers, kcat) loses its connection. Quit anyway?</source>
        <translation>退出将停止本地集群 %1：其 Broker 和 ZooKeeper 会关闭，所有连接到它的客户端（生产者、消费者、kcat）都会断开连接。仍要退出吗？</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Partita %1&lt;/h3&gt;&lt;p&gt;A desktop workbench for Kafka: run a local Kafka-compatible cluster and inspect topics, consumer groups, log segments and messages.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;&lt;p&gt;Licence: GNU General Public License, version 3 or later (GPL-3.0-or-later).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Partita %1&lt;/h3&gt;&lt;p&gt;Kafka 桌面工作台：运行本地 Kafka 兼容集群，查看主题、消费者组、日志段和消息。&lt;/p&gt;&lt;p&gt;基于 Qt %2 构建。&lt;/p&gt;&lt;p&gt;许可证：GNU 通用公共许可证第 3 版或更高版本（GPL-3.0-or-later）。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Record &amp;Lag History of All Clusters</source>
        <translation>记录所有集群的延迟历史(&amp;L)</translation>
    </message>
    <message>
        <source>Every 30 s, record the consumer-group lag of every connected cluster, not only the one shown</source>
        <translation>每 30 秒记录所有已连接集群的消费者组延迟，而不仅是当前显示的集群</translation>
    </message>
</context>
<context>
    <name>partita::ui::MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>partita::ui::MessageDetailView</name>
    <message>
        <source>&amp;Show:</source>
        <translation>显示(&amp;S)：</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <source>Select a message to see its content.</source>
        <translation>选择一条消息以查看其内容。</translation>
    </message>
    <message>
        <source>Partition %1, offset %2</source>
        <translation>分区 %1，位移 %2</translation>
    </message>
    <message>
        <source>Log append time: %1</source>
        <translation>日志追加时间：%1</translation>
    </message>
    <message>
        <source>Create time: %1</source>
        <translation>创建时间：%1</translation>
    </message>
    <message>
        <source>Headers:</source>
        <translation>消息头：</translation>
    </message>
    <message numerus="yes">
        <source>Key (%n byte(s)):</source>
        <translation>
            <numerusform>键（%n 字节）：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Value (%n byte(s)):</source>
        <translation>
            <numerusform>值（%n 字节）：</numerusform>
        </translation>
    </message>
    <message>
        <source>(binary data, see the Hex view)</source>
        <translation>（二进制数据，请查看十六进制视图）</translation>
    </message>
    <message>
        <source>Not JSON.</source>
        <translation>不是 JSON。</translation>
    </message>
    <message>
        <source>(null: the record has no key)</source>
        <translation>（null：这条记录没有键）</translation>
    </message>
    <message>
        <source>(null: the record has no value, a tombstone)</source>
        <translation>（null：这条记录没有值，即墓碑消息）</translation>
    </message>
    <message>
        <source>For&amp;mat:</source>
        <translation>格式(&amp;M)：</translation>
    </message>
    <message>
        <source>Schema Registry (auto)</source>
        <translation>Schema Registry（自动）</translation>
    </message>
    <message>
        <source>Raw</source>
        <translation>原始</translation>
    </message>
    <message>
        <source>Not decoded with the Schema Registry (schema id %1): %2</source>
        <translation>未能用 Schema Registry 解码（schema id %1）：%2</translation>
    </message>
    <message>
        <source>Decoding with the Schema Registry…</source>
        <translation>正在用 Schema Registry 解码…</translation>
    </message>
</context>
<context>
    <name>partita::ui::MessageTableModel</name>
    <message>
        <source>Partition</source>
        <translation>分区</translation>
    </message>
    <message>
        <source>Offset</source>
        <translation>位移</translation>
    </message>
    <message>
        <source>Timestamp</source>
        <translation>时间戳</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>消息头</translation>
    </message>
    <message>
        <source>producer %1, epoch %2</source>
        <translation>生产者 %1，Epoch %2</translation>
    </message>
    <message>
        <source>COMMIT marker · %1</source>
        <translation>COMMIT 标记 · %1</translation>
    </message>
    <message>
        <source>ABORT marker · %1</source>
        <translation>ABORT 标记 · %1</translation>
    </message>
    <message>
        <source>committed · %1</source>
        <translation>已提交 · %1</translation>
    </message>
    <message>
        <source>aborted · %1</source>
        <translation>已中止 · %1</translation>
    </message>
    <message>
        <source>transactional · %1</source>
        <translation>事务性 · %1</translation>
    </message>
    <message>
        <source>COMMIT marker</source>
        <translation>COMMIT 标记</translation>
    </message>
    <message>
        <source>ABORT marker</source>
        <translation>ABORT 标记</translation>
    </message>
    <message>
        <source>(control record: ends producer %1&apos;s transaction)</source>
        <translation>（控制记录：结束生产者 %1 的事务）</translation>
    </message>
    <message>
        <source>A control record written by the transaction coordinator (WriteTxnMarkers). Consumers never receive it; it only takes an offset.</source>
        <translation>由事务协调器写入的控制记录（WriteTxnMarkers）。消费者永远不会收到它；它只占用一个位移。</translation>
    </message>
    <message>
        <source>This record belongs to an aborted transaction: read_committed consumers never see it.</source>
        <translation>此记录属于已中止的事务：read_committed 消费者永远看不到它。</translation>
    </message>
    <message>
        <source>Transaction</source>
        <translation>事务</translation>
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
    <message>
        <source>The cluster has no topics yet.</source>
        <translation>集群中还没有主题。</translation>
    </message>
    <message>
        <source>Choose a topic, its partitions and where to start, then press Open.</source>
        <translation>选择主题、分区和起始位置，然后点击“打开”。</translation>
    </message>
    <message>
        <source>Produced to %1, partition %2, at offset %3.</source>
        <translation>已发送到 %1 的分区 %2，位移为 %3。</translation>
    </message>
    <message>
        <source>Sent to %1, partition %2 (acks=0: no offset reported).</source>
        <translation>已发送到 %1 的分区 %2（acks=0：不返回位移）。</translation>
    </message>
    <message>
        <source>Export Messages</source>
        <translation>导出消息</translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl)</source>
        <translation>JSON Lines 文件 (*.jsonl)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>&amp;Topic:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>起始位置(&amp;F)：</translation>
    </message>
    <message>
        <source>Earliest</source>
        <translation>最早</translation>
    </message>
    <message>
        <source>Latest</source>
        <translation>最新</translation>
    </message>
    <message>
        <source>Offset</source>
        <translation>位移</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>日期和时间</translation>
    </message>
    <message>
        <source>The offset to start at, in each selected partition</source>
        <translation>在每个所选分区中开始读取的位移</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>◀ &amp;Previous</source>
        <translation>◀ 上一页(&amp;P)</translation>
    </message>
    <message>
        <source>Older messages (Alt+Left)</source>
        <translation>较早的消息（Alt+Left）</translation>
    </message>
    <message>
        <source>&amp;Next ▶</source>
        <translation>下一页(&amp;N) ▶</translation>
    </message>
    <message>
        <source>Newer messages (Alt+Right)</source>
        <translation>较新的消息（Alt+Right）</translation>
    </message>
    <message>
        <source>P&amp;roduce…</source>
        <translation>发送消息(&amp;R)…</translation>
    </message>
    <message>
        <source>Key contains</source>
        <translation>键包含</translation>
    </message>
    <message>
        <source>Value contains</source>
        <translation>值包含</translation>
    </message>
    <message>
        <source>Header contains</source>
        <translation>消息头包含</translation>
    </message>
    <message>
        <source>Filter text; press Enter to apply</source>
        <translation>过滤文本；按 Enter 键应用</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Export Page as JSON Lines…</source>
        <translation>将本页导出为 JSON Lines…</translation>
    </message>
    <message>
        <source>Export Page as CSV…</source>
        <translation>将本页导出为 CSV…</translation>
    </message>
    <message>
        <source>Copy as JSON Lines</source>
        <translation>复制为 JSON Lines</translation>
    </message>
    <message>
        <source>Refresh Topics</source>
        <translation>刷新主题列表</translation>
    </message>
    <message>
        <source>Partition %1</source>
        <translation>分区 %1</translation>
    </message>
    <message>
        <source>All partitions</source>
        <translation>所有分区</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Producing…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>partition %1: offsets %2–%3 of %4–%5</source>
        <translation>分区 %1：位移 %2–%3（范围 %4–%5）</translation>
    </message>
    <message numerus="yes">
        <source>%n more partition(s)</source>
        <translation>
            <numerusform>另有 %n 个分区</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n 条消息</numerusform>
        </translation>
    </message>
    <message>
        <source>the key maps to partition %1</source>
        <translation>该键映射到分区 %1</translation>
    </message>
    <message numerus="yes">
        <source>stopped after scanning %n message(s); Next continues</source>
        <translation>
            <numerusform>扫描 %n 条消息后已停止；点击“下一页”继续</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Key is</source>
        <translation>键等于</translation>
    </message>
    <message>
        <source>in every partition (scan all)</source>
        <translation>在所有分区中（全部扫描）</translation>
    </message>
    <message>
        <source>in its murmur2 partition (Java clients)</source>
        <translation>在其 murmur2 分区中（Java 客户端）</translation>
    </message>
    <message>
        <source>in its CRC32 partition (librdkafka default: kcat, confluent-kafka)</source>
        <translation>在其 CRC32 分区中（librdkafka 默认：kcat、confluent-kafka）</translation>
    </message>
    <message>
        <source>Producers place a key by their partitioner: Java clients use murmur2, librdkafka-based clients (kcat, confluent-kafka) default to CRC32. Scanning every partition is slower but never misses the key.</source>
        <translation>生产者按其分区器放置键：Java 客户端使用 murmur2，基于 librdkafka 的客户端（kcat、confluent-kafka）默认使用 CRC32。扫描所有分区较慢，但绝不会漏掉该键。</translation>
    </message>
    <message>
        <source>Last 15 minutes</source>
        <translation>最近 15 分钟</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>最近 1 小时</translation>
    </message>
    <message>
        <source>Today (since 00:00)</source>
        <translation>今天（00:00 起）</translation>
    </message>
    <message>
        <source>Epoch milliseconds…</source>
        <translation>Epoch 毫秒…</translation>
    </message>
    <message>
        <source>Start at a Timestamp</source>
        <translation>从时间戳开始</translation>
    </message>
    <message>
        <source>Milliseconds since 1970-01-01 UTC (Kafka record timestamps):</source>
        <translation>自 1970-01-01 UTC 起的毫秒数（Kafka 记录时间戳）：</translation>
    </message>
    <message>
        <source>%1 is not a number of milliseconds.</source>
        <translation>%1 不是毫秒数。</translation>
    </message>
    <message>
        <source>Epoch milliseconds: %1</source>
        <translation>Epoch 毫秒：%1</translation>
    </message>
    <message>
        <source>Presets</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Last 15 minutes, last hour, today, or a timestamp in epoch milliseconds</source>
        <translation>最近 15 分钟、最近 1 小时、今天，或以 Epoch 毫秒表示的时间戳</translation>
    </message>
    <message>
        <source>There is no topic named %1.</source>
        <translation>没有名为 %1 的主题。</translation>
    </message>
    <message>
        <source>Searching… %1 scanned, %2 found</source>
        <translation>正在搜索… 已扫描 %1 条，找到 %2 条</translation>
    </message>
    <message>
        <source>&amp;Until</source>
        <translation>截止(&amp;U)</translation>
    </message>
    <message>
        <source>Only records before this time: with the start time, a time range</source>
        <translation>只显示此时间之前的记录：与开始时间一起构成时间范围</translation>
    </message>
    <message>
        <source>&amp;Follow</source>
        <translation>跟随(&amp;F)</translation>
    </message>
    <message>
        <source>Live tail: append new records as they arrive; click again to pause</source>
        <translation>实时跟踪：新记录到达时追加显示；再次点击暂停</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>search cancelled</source>
        <translation>搜索已取消</translation>
    </message>
    <message>
        <source>Following · &amp;Pause</source>
        <translation>跟随中 · 暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Schema &amp;Files…</source>
        <translation>模式文件(&amp;F)…</translation>
    </message>
    <message>
        <source>Decode this topic&apos;s records with a local .avsc or .proto file</source>
        <translation>用本地 .avsc 或 .proto 文件解码该主题的消息</translation>
    </message>
</context>
<context>
    <name>partita::ui::OffsetResetPreviewModel</name>
    <message>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>分区</translation>
    </message>
    <message>
        <source>Current offset</source>
        <translation>当前位移</translation>
    </message>
    <message>
        <source>New offset</source>
        <translation>新位移</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Log start</source>
        <translation>日志起始位移</translation>
    </message>
    <message>
        <source>Log end</source>
        <translation>日志末端位移</translation>
    </message>
</context>
<context>
    <name>partita::ui::PartitionLagModel</name>
    <message>
        <source>The group has not committed an offset for this partition.</source>
        <translation>该消费者组尚未在此分区上提交位移。</translation>
    </message>
    <message>
        <source>Log start offset: %1</source>
        <translation>日志起始位移：%1</translation>
    </message>
    <message>
        <source>Not assigned to any member.</source>
        <translation>未分配给任何成员。</translation>
    </message>
    <message>
        <source>Log end offset minus committed offset: records not yet consumed.</source>
        <translation>日志末端位移减去已提交位移，即尚未消费的记录数。</translation>
    </message>
    <message>
        <source>Age of the oldest record not yet consumed.</source>
        <translation>最早一条尚未消费的记录距今的时长。</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>分区</translation>
    </message>
    <message>
        <source>Current offset</source>
        <translation>当前位移</translation>
    </message>
    <message>
        <source>Log end</source>
        <translation>日志末端位移</translation>
    </message>
    <message>
        <source>Lag</source>
        <translation>滞后</translation>
    </message>
    <message>
        <source>Time lag</source>
        <translation>时间滞后</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation>客户端 ID</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>no commit</source>
        <translation>无提交</translation>
    </message>
    <message>
        <source>Unknown: the group has no committed offset here, so this partition is not in the total lag.</source>
        <translation>未知：该消费组在此分区没有已提交的偏移量，因此它不计入总延迟。</translation>
    </message>
</context>
<context>
    <name>partita::ui::PartitionTimelineModel</name>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>分区</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>Leader</translation>
    </message>
    <message>
        <source>In-sync replicas</source>
        <translation>同步副本（ISR）</translation>
    </message>
</context>
<context>
    <name>partita::ui::PartitionsModel</name>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Reassigning → %1</source>
        <translation>重分配中 → %1</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Under-replicated</source>
        <translation>副本不足</translation>
    </message>
    <message>
        <source>Leader not preferred</source>
        <translation>Leader 非首选副本</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>分区</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>Leader</translation>
    </message>
    <message>
        <source>Replicas</source>
        <translation>副本</translation>
    </message>
    <message>
        <source>In-sync replicas</source>
        <translation>同步副本（ISR）</translation>
    </message>
    <message>
        <source>Log start</source>
        <translation>日志起始位移</translation>
    </message>
    <message>
        <source>High watermark</source>
        <translation>高水位</translation>
    </message>
    <message>
        <source>Leader epoch</source>
        <translation>Leader Epoch</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>The leader&apos;s log end offset: the offset its next record gets. Records between the high watermark and it are not yet replicated to every in-sync replica.</source>
        <translation>Leader 的日志末端位移（LEO）：下一条记录将获得的位移。高水位与它之间的记录尚未复制到所有同步副本。</translation>
    </message>
    <message>
        <source>Each follower&apos;s log end offset and how many records it is behind the leader&apos;s.</source>
        <translation>每个 Follower 的日志末端位移，以及它落后于 Leader 的记录数。</translation>
    </message>
    <message>
        <source>%1: ?</source>
        <translation>%1：?</translation>
    </message>
    <message>
        <source>%1: %2 behind</source>
        <translation>%1：落后 %2</translation>
    </message>
    <message>
        <source>Log end (leader)</source>
        <translation>日志末端（Leader）</translation>
    </message>
    <message>
        <source>Follower lag</source>
        <translation>Follower 落后</translation>
    </message>
    <message>
        <source>The last stable offset (LSO): read_committed consumers read up to here.</source>
        <translation>最后稳定位移（LSO）：read_committed 消费者读取到此为止。</translation>
    </message>
    <message>
        <source>It is below the high watermark: an open transaction (from offset %1) holds read_committed consumers back until it commits or aborts. A transaction that never ends is hanging: see Transactions.</source>
        <translation>它低于高水位：一个未结束的事务（从位移 %1 起）使 read_committed 消费者停在这里，直到它提交或中止。永不结束的事务即为挂起的事务：见“事务”页。</translation>
    </message>
    <message>
        <source>Equal to the high watermark: no transaction is open on this partition.</source>
        <translation>与高水位相同：此分区上没有未结束的事务。</translation>
    </message>
    <message>
        <source>%1 (open transaction)</source>
        <translation>%1（事务未结束）</translation>
    </message>
    <message>
        <source>Last stable offset</source>
        <translation>最后稳定位移</translation>
    </message>
    <message>
        <source>Below the high watermark while a transaction is open on the partition: an open transaction holds read_committed consumers back.</source>
        <translation>在分区上有未结束的事务时，它低于高水位：未结束的事务使 read_committed 消费者无法继续读取。</translation>
    </message>
</context>
<context>
    <name>partita::ui::ProduceDialog</name>
    <message>
        <source>Choose a topic.</source>
        <translation>请选择一个主题。</translation>
    </message>
    <message>
        <source>The topic %1 is not known to the cluster.</source>
        <translation>集群中不存在主题 %1。</translation>
    </message>
    <message>
        <source>The topic has no partition %1.</source>
        <translation>该主题没有分区 %1。</translation>
    </message>
    <message>
        <source>Header line %1 has no name: write one header per line as name=value.</source>
        <translation>消息头第 %1 行缺少名称：请每行写一个消息头，格式为 name=value。</translation>
    </message>
    <message>
        <source>Produce a Message</source>
        <translation>发送消息</translation>
    </message>
    <message>
        <source>&amp;Topic:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Partition:</source>
        <translation>分区(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation>键(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Value:</source>
        <translation>值(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Headers:</source>
        <translation>消息头(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Compression:</source>
        <translation>压缩(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Acks:</source>
        <translation>acks(&amp;A)：</translation>
    </message>
    <message>
        <source>Null key</source>
        <translation>空键（null）</translation>
    </message>
    <message>
        <source>Null value (a tombstone)</source>
        <translation>空值（null，即墓碑消息）</translation>
    </message>
    <message>
        <source>One header per line: name=value</source>
        <translation>每行一个消息头：name=value</translation>
    </message>
    <message>
        <source>Records with the same key go to the same partition</source>
        <translation>键相同的记录会写入同一个分区</translation>
    </message>
    <message>
        <source>all (-1): every in-sync replica</source>
        <translation>all (-1)：所有同步副本</translation>
    </message>
    <message>
        <source>1: the leader only</source>
        <translation>1：仅 Leader</translation>
    </message>
    <message>
        <source>0: do not wait</source>
        <translation>0：不等待</translation>
    </message>
    <message>
        <source>&amp;Produce</source>
        <translation>发送(&amp;P)</translation>
    </message>
    <message>
        <source>Automatic (by key, as Kafka&apos;s default partitioner)</source>
        <translation>自动（按键分配，与 Kafka 默认分区器一致）</translation>
    </message>
    <message>
        <source>Checking the value against %1…</source>
        <translation>正在按 %1 检查值…</translation>
    </message>
    <message numerus="yes">
        <source>Fits %1 version %2 (schema id %3, %4): %n byte(s) in Confluent&apos;s wire format</source>
        <translation>
            <numerusform>符合 %1 版本 %2（模式 ID %3，%4）：Confluent 线格式共 %n 字节</numerusform>
        </translation>
    </message>
    <message>
        <source>The value does not fit %1: %2</source>
        <translation>值不符合 %1：%2</translation>
    </message>
    <message>
        <source>Value &amp;schema:</source>
        <translation>值模式(&amp;S)：</translation>
    </message>
    <message>
        <source>None: the value as typed</source>
        <translation>无：按输入的原样发送</translation>
    </message>
    <message>
        <source>None (no Schema Registry for this cluster)</source>
        <translation>无（该集群没有 Schema Registry）</translation>
    </message>
    <message numerus="yes">
        <source>Fits %1 (%2): %n byte(s), unframed (a local file has no schema id)</source>
        <translation>
            <numerusform>符合 %1（%2）：共 %n 字节，不带帧头（本地文件没有模式 ID）</numerusform>
        </translation>
    </message>
    <message>
        <source>Local file: %1</source>
        <translation>本地文件：%1</translation>
    </message>
    <message>
        <source>Encodes the JSON with the topic&apos;s local schema file %1 (Schema Files… on the Messages page). The bytes are written unframed, without Confluent&apos;s magic byte and schema id: a local file has no registry id, and the Messages page decodes unframed records with the same file.</source>
        <translation>用该主题的本地模式文件 %1（消息页面的“模式文件…”）编码 JSON。写入的字节不带帧头，没有 Confluent 的魔数字节和模式 ID：本地文件没有注册表 ID，消息页面会用同一文件解码不带帧头的记录。</translation>
    </message>
    <message>
        <source>Checking the key against %1…</source>
        <translation>正在按 %1 检查键…</translation>
    </message>
    <message>
        <source>The key does not fit %1: %2</source>
        <translation>键不符合 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>Key fits %1 (%2): %n byte(s), unframed</source>
        <translation>
            <numerusform>键符合 %1（%2）：共 %n 字节，不带帧头</numerusform>
        </translation>
    </message>
    <message>
        <source>Encode with %1</source>
        <translation>用 %1 编码</translation>
    </message>
    <message>
        <source>Encodes the key (JSON) with the topic&apos;s local key file %1, unframed, as the Messages page decodes keys with it</source>
        <translation>用该主题的本地键模式文件 %1 编码键（JSON），不带帧头，与消息页面解码键的方式一致</translation>
    </message>
</context>
<context>
    <name>partita::ui::ReassignDialog</name>
    <message>
        <source>&amp;Execute</source>
        <translation>执行(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Cancel Reassignment</source>
        <translation>取消重分配(&amp;C)</translation>
    </message>
    <message>
        <source>Reassign Partitions of %1</source>
        <translation>重分配 %1 的分区</translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>分区</translation>
    </message>
    <message>
        <source>Current replicas</source>
        <translation>当前副本</translation>
    </message>
    <message>
        <source>Target replicas</source>
        <translation>目标副本</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Total %p%</source>
        <translation>总进度 %p%</translation>
    </message>
    <message>
        <source>&amp;Generate Balanced Plan</source>
        <translation>生成均衡方案(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Pick Brokers…</source>
        <translation>选择 Broker(&amp;P)…</translation>
    </message>
    <message>
        <source>Choose the target brokers of the selected partition (or right-click a row).</source>
        <translation>为所选分区选择目标 Broker（也可以右键单击某一行）。</translation>
    </message>
    <message>
        <source>Edit the target replicas (broker ids, the first one is the preferred leader), then execute. Data is copied to new replicas before old ones are removed.</source>
        <translation>编辑目标副本（Broker ID，第一个为首选 Leader），然后执行。数据会先复制到新副本，然后才移除旧副本。</translation>
    </message>
    <message>
        <source>Partition %1: write the target as broker ids separated by commas.</source>
        <translation>分区 %1：请将目标写成以逗号分隔的 Broker ID。</translation>
    </message>
    <message>
        <source>Partition %1: a broker appears twice.</source>
        <translation>分区 %1：有 Broker 出现了两次。</translation>
    </message>
    <message>
        <source>Partition %1: broker %2 is not a live broker.</source>
        <translation>分区 %1：Broker %2 不在线。</translation>
    </message>
    <message>
        <source>The plan changes nothing yet.</source>
        <translation>该方案目前没有任何改动。</translation>
    </message>
    <message>
        <source>Broker %1</source>
        <translation>Broker %1</translation>
    </message>
    <message>
        <source>Broker %1 (down)</source>
        <translation>Broker %1（已宕机）</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>未改变</translation>
    </message>
    <message>
        <source>Reassignment complete.</source>
        <translation>重分配已完成。</translation>
    </message>
    <message>
        <source> MiB/s</source>
        <translation> MiB/s</translation>
    </message>
    <message>
        <source>no throttle</source>
        <translation>不限流</translation>
    </message>
    <message>
        <source>Replication throttle while data is copied (Kafka&apos;s leader/follower.replication.throttled.rate); removed when the reassignment completes</source>
        <translation>复制数据期间的复制限流（Kafka 的 leader/follower.replication.throttled.rate）；重分配完成后自动移除</translation>
    </message>
    <message>
        <source>&amp;Throttle:</source>
        <translation>限流(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>partita::ui::RegisterSchemaDialog</name>
    <message>
        <source>Register Schema</source>
        <translation>注册 Schema</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>Subject(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>类型(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Check Compatibility</source>
        <translation>检查兼容性(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Register</source>
        <translation>注册(&amp;R)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>partita::ui::ResetOffsetsDialog</name>
    <message>
        <source>Reset offsets of %1</source>
        <translation>重置 %1 的位移</translation>
    </message>
    <message>
        <source>Choose where the group %1 continues consuming. Compute the preview to see the new offset of every partition before anything changes.</source>
        <translation>选择消费者组 %1 从何处继续消费。在做出任何更改之前，可先计算预览，查看每个分区的新位移。</translation>
    </message>
    <message>
        <source>Partitions:</source>
        <translation>分区：</translation>
    </message>
    <message>
        <source>All partitions with committed offsets</source>
        <translation>所有已提交位移的分区</translation>
    </message>
    <message>
        <source>Earliest (log start)</source>
        <translation>最早（日志起始位移）</translation>
    </message>
    <message>
        <source>Latest (log end)</source>
        <translation>最新（日志末端位移）</translation>
    </message>
    <message>
        <source>Date and time:</source>
        <translation>日期和时间：</translation>
    </message>
    <message>
        <source>Shift by:</source>
        <translation>相对移动：</translation>
    </message>
    <message>
        <source>Specific offset:</source>
        <translation>指定位移：</translation>
    </message>
    <message>
        <source>e.g. -100 to re-read 100 records</source>
        <translation>例如 -100 表示重新读取 100 条记录</translation>
    </message>
    <message>
        <source>Offset, clamped to the partition&apos;s log</source>
        <translation>位移（会被限制在分区日志的范围内）</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Reset offsets</source>
        <translation>重置位移</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The group is %1. Kafka resets offsets only while a group has no members: stop its consumers first.</source>
        <translation>该消费者组当前为 %1 状态。Kafka 只在组内没有成员时才能重置位移：请先停止其消费者。</translation>
    </message>
    <message>
        <source>Enter by how many records to shift (negative moves back).</source>
        <translation>请输入要移动的记录数（负数表示向回移动）。</translation>
    </message>
    <message>
        <source>A shift by 0 changes nothing.</source>
        <translation>移动 0 条记录不会产生任何变化。</translation>
    </message>
    <message>
        <source>Enter the offset to continue from (0 or more).</source>
        <translation>请输入继续消费的位移（0 或更大）。</translation>
    </message>
    <message>
        <source>Choose a strategy.</source>
        <translation>请选择一种策略。</translation>
    </message>
    <message>
        <source>Compute the preview to see the new offsets.</source>
        <translation>计算预览以查看新位移。</translation>
    </message>
    <message>
        <source>Computing the new offsets…</source>
        <translation>正在计算新位移…</translation>
    </message>
    <message numerus="yes">
        <source>%n partition(s) will be reset as shown.</source>
        <translation>
            <numerusform>将按上表重置 %n 个分区。</numerusform>
        </translation>
    </message>
    <message>
        <source>Resetting offsets…</source>
        <translation>正在重置位移…</translation>
    </message>
</context>
<context>
    <name>partita::ui::SchemaDiffView</name>
    <message>
        <source>Comparing…</source>
        <translation>正在比较…</translation>
    </message>
    <message>
        <source>No differences: %1 and %2 are the same text.</source>
        <translation>没有差异：%1 与 %2 的文本相同。</translation>
    </message>
    <message numerus="yes">
        <source>%1 → %2: %n line(s) added</source>
        <translation>
            <numerusform>%1 → %2：新增 %n 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n removed</source>
        <translation>
            <numerusform>，删除 %n 行</numerusform>
        </translation>
    </message>
    <message>
        <source>(too large to compare line by line: the changed part is shown replaced as a whole)</source>
        <translation>（太大，无法逐行比较：变化的部分显示为整体替换）</translation>
    </message>
</context>
<context>
    <name>partita::ui::SchemasPage</name>
    <message>
        <source>Schemas</source>
        <translation>Schema</translation>
    </message>
    <message>
        <source>No Schema Registry yet</source>
        <translation>尚无 Schema Registry</translation>
    </message>
    <message>
        <source>The subjects of a cluster&apos;s Schema Registry appear here: their versions, schema texts and the differences between them, and compatibility levels. Start a local cluster (it serves a registry of its own) or connect to one with a Schema Registry URL.</source>
        <translation>集群 Schema Registry 中的 Subject 显示在这里：它们的版本、Schema 文本、版本之间的差异以及兼容性级别。请启动本地集群（它自带一个注册表），或使用 Schema Registry URL 连接到集群。</translation>
    </message>
    <message>
        <source>This connection names no Schema Registry</source>
        <translation>此连接未指定 Schema Registry</translation>
    </message>
    <message>
        <source>Connect again with the registry&apos;s URL in the Connect dialog&apos;s Schema Registry fields to see its subjects and schemas here. A local cluster started by Partita serves one of its own.</source>
        <translation>请在“连接”对话框的 Schema Registry 字段中填写注册表的 URL 并重新连接，即可在此查看其 Subject 和 Schema。由 Partita 启动的本地集群自带一个注册表。</translation>
    </message>
    <message>
        <source>The Schema Registry does not answer</source>
        <translation>Schema Registry 没有响应</translation>
    </message>
    <message>
        <source>%1 could not be reached: %2</source>
        <translation>无法访问 %1：%2</translation>
    </message>
    <message>
        <source>Schema Registry at %1</source>
        <translation>Schema Registry 位于 %1</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <source>Schema id %1 · %2 · version %3 of %4</source>
        <translation>Schema id %1 · %2 · %4 的版本 %3</translation>
    </message>
    <message>
        <source>%1 has one version: there is nothing to compare it with yet.</source>
        <translation>%1 只有一个版本：暂时没有可比较的版本。</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <source>set for this subject</source>
        <translation>为此 Subject 单独设置</translation>
    </message>
    <message>
        <source>inherited from the global level</source>
        <translation>继承自全局级别</translation>
    </message>
    <message>
        <source>The global compatibility level is now %1.</source>
        <translation>全局兼容性级别现在为 %1。</translation>
    </message>
    <message>
        <source>%1 now uses %2.</source>
        <translation>%1 现在使用 %2。</translation>
    </message>
    <message>
        <source>Checking compatibility…</source>
        <translation>正在检查兼容性…</translation>
    </message>
    <message>
        <source>Compatibility check failed: %1</source>
        <translation>兼容性检查失败：%1</translation>
    </message>
    <message>
        <source>%1 has no version yet: nothing to check against.</source>
        <translation>%1 还没有版本：无需检查。</translation>
    </message>
    <message>
        <source>Compatible with %1&apos;s latest version.</source>
        <translation>与 %1 的最新版本兼容。</translation>
    </message>
    <message>
        <source>Not compatible with %1&apos;s latest version: %2</source>
        <translation>与 %1 的最新版本不兼容：%2</translation>
    </message>
    <message>
        <source>Not registered: %1</source>
        <translation>未注册：%1</translation>
    </message>
    <message>
        <source>Registered under %1 with schema id %2.</source>
        <translation>已注册到 %1，schema id 为 %2。</translation>
    </message>
    <message>
        <source>every version of %1</source>
        <translation>%1 的所有版本</translation>
    </message>
    <message>
        <source>version %1 of %2</source>
        <translation>%2 的版本 %1</translation>
    </message>
    <message>
        <source>Delete %1 permanently? Its schema can no longer be read by id; a version must be soft-deleted first.</source>
        <translation>永久删除%1？之后无法再按 id 读取其 schema；版本必须先软删除。</translation>
    </message>
    <message>
        <source>Delete %1? A soft delete hides it; the schema stays readable by id.</source>
        <translation>删除%1？软删除只是隐藏它，schema 仍可按 id 读取。</translation>
    </message>
    <message>
        <source>Delete Schema</source>
        <translation>删除 Schema</translation>
    </message>
    <message>
        <source>Deleted %1 permanently.</source>
        <translation>已永久删除%1。</translation>
    </message>
    <message>
        <source>Deleted %1.</source>
        <translation>已删除%1。</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>重试(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Global compatibility:</source>
        <translation>全局兼容性(&amp;G)：</translation>
    </message>
    <message>
        <source>The level of every subject without its own</source>
        <translation>所有未单独设置级别的 Subject 所用的级别</translation>
    </message>
    <message>
        <source>R&amp;efresh</source>
        <translation>刷新(&amp;E)</translation>
    </message>
    <message>
        <source>Register &amp;New Version…</source>
        <translation>注册新版本(&amp;N)…</translation>
    </message>
    <message>
        <source>S&amp;ubjects:</source>
        <translation>Subject(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Version:</source>
        <translation>版本(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Compatibility:</source>
        <translation>兼容性(&amp;C)：</translation>
    </message>
    <message>
        <source>Schema</source>
        <translation>Schema 文本</translation>
    </message>
    <message>
        <source>Compare Versions</source>
        <translation>比较版本</translation>
    </message>
    <message>
        <source>C&amp;ompare:</source>
        <translation>比较(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;with:</source>
        <translation>与(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Permanently</source>
        <translation>永久(&amp;P)</translation>
    </message>
    <message>
        <source>A permanent delete needs a soft delete first, as Confluent&apos;s registry does.</source>
        <translation>与 Confluent 的注册表一样，永久删除前须先软删除。</translation>
    </message>
    <message>
        <source>&amp;Delete Version…</source>
        <translation>删除版本(&amp;D)…</translation>
    </message>
    <message>
        <source>Delete &amp;Subject…</source>
        <translation>删除 Subject(&amp;S)…</translation>
    </message>
</context>
<context>
    <name>partita::ui::SegmentIndexModel</name>
    <message>
        <source>Offset</source>
        <translation>位移</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Timestamp</source>
        <translation>时间戳</translation>
    </message>
</context>
<context>
    <name>partita::ui::SegmentTableModel</name>
    <message numerus="yes">
        <source>%n invalid byte(s) after the last valid batch</source>
        <translation>
            <numerusform>最后一个有效批次之后有 %n 个无效字节</numerusform>
        </translation>
    </message>
    <message>
        <source>⚠ torn tail</source>
        <translation>⚠ 尾部损坏</translation>
    </message>
    <message>
        <source>● active</source>
        <translation>● 活跃</translation>
    </message>
    <message>
        <source>Base offset</source>
        <translation>起始位移</translation>
    </message>
    <message>
        <source>Next offset</source>
        <translation>下一位移</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>First timestamp</source>
        <translation>首条时间戳</translation>
    </message>
    <message>
        <source>Last timestamp</source>
        <translation>末条时间戳</translation>
    </message>
    <message>
        <source>Index entries</source>
        <translation>索引条目数</translation>
    </message>
    <message>
        <source>Time index entries</source>
        <translation>时间索引条目数</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
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
        <source>No partition directories (topic-partition) with segment files were found here.</source>
        <translation>此处未找到包含日志段文件的分区目录（topic-partition）。</translation>
    </message>
    <message>
        <source>Offset index (%1)</source>
        <translation>位移索引（%1）</translation>
    </message>
    <message>
        <source>Time index (%1)</source>
        <translation>时间索引（%1）</translation>
    </message>
    <message>
        <source>The log segments of each partition appear here: base offsets, sizes, timestamps, index entries and a batch dump like kafka-dump-log. Start a local cluster, or open any Kafka data directory from disk (read-only).</source>
        <translation>这里将显示每个分区的日志段：起始位移、大小、时间戳、索引条目，以及类似 kafka-dump-log 的批次转储。请启动本地集群，或从磁盘打开任意 Kafka 数据目录（只读）。</translation>
    </message>
    <message>
        <source>Open Data Directory…</source>
        <translation>打开数据目录…</translation>
    </message>
    <message>
        <source>Local Cluster</source>
        <translation>本地集群</translation>
    </message>
    <message>
        <source>Show the data directories of the local cluster&apos;s brokers</source>
        <translation>显示本地集群各 Broker 的数据目录</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <source>Offset index</source>
        <translation>位移索引</translation>
    </message>
    <message>
        <source>Time index</source>
        <translation>时间索引</translation>
    </message>
    <message>
        <source>Batches</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一页</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一页 ▶</translation>
    </message>
    <message>
        <source>Open Kafka Data Directory</source>
        <translation>打开 Kafka 数据目录</translation>
    </message>
    <message>
        <source>Local cluster data: %1 (read-only)</source>
        <translation>本地集群数据：%1（只读）</translation>
    </message>
    <message>
        <source>Opened from disk: %1 (read-only)</source>
        <translation>从磁盘打开：%1（只读）</translation>
    </message>
    <message>
        <source>No batches in this segment.</source>
        <translation>此日志段中没有批次。</translation>
    </message>
    <message>
        <source>Offsets %1–%2 (page %3), bytes %4–%5 of %6</source>
        <translation>位移 %1–%2（第 %3 页），字节 %4–%5，共 %6</translation>
    </message>
    <message>
        <source>%1 invalid bytes at the end</source>
        <translation>末尾有 %1 个无效字节</translation>
    </message>
</context>
<context>
    <name>partita::ui::SnapshotTableModel</name>
    <message>
        <source>Last seen %1; the cluster does not answer, so this may no longer be true.</source>
        <translation>最后确认于 %1；集群没有响应，此信息可能已不再准确。</translation>
    </message>
</context>
<context>
    <name>partita::ui::ThroughputPlot</name>
    <message>
        <source>messages/s</source>
        <translation>消息/秒</translation>
    </message>
    <message>
        <source>Replication fetch (offset deltas), all brokers</source>
        <translation>副本拉取（偏移量差值），所有 Broker</translation>
    </message>
    <message>
        <source>Produce (offset deltas), broker %1</source>
        <translation>生产（偏移量差值），Broker %1</translation>
    </message>
    <message>
        <source>Messages in, broker %1</source>
        <translation>写入消息，Broker %1</translation>
    </message>
    <message>
        <source>Bytes in, broker %1</source>
        <translation>写入字节，Broker %1</translation>
    </message>
    <message>
        <source>Bytes out, broker %1</source>
        <translation>读出字节，Broker %1</translation>
    </message>
    <message>
        <source>Produce p99, broker %1</source>
        <translation>Produce p99，Broker %1</translation>
    </message>
    <message>
        <source>Fetch p99, broker %1</source>
        <translation>Fetch p99，Broker %1</translation>
    </message>
    <message>
        <source>Shrinks, broker %1</source>
        <translation>收缩，Broker %1</translation>
    </message>
    <message>
        <source>Expands, broker %1</source>
        <translation>扩张，Broker %1</translation>
    </message>
    <message>
        <source>Throughput — from broker metrics</source>
        <translation>吞吐量 — 来自 Broker 指标</translation>
    </message>
    <message>
        <source>Throughput — from offset deltas</source>
        <translation>吞吐量 — 来自偏移量差值</translation>
    </message>
    <message>
        <source>Throughput — from broker metrics, and offset deltas for brokers without them</source>
        <translation>吞吐量 — 来自 Broker 指标；无指标的 Broker 用偏移量差值</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <source>Request time (p99) — from broker metrics</source>
        <translation>请求耗时（p99）— 来自 Broker 指标</translation>
    </message>
    <message>
        <source>Request time — needs broker metrics (metrics.listener), not served here</source>
        <translation>请求耗时 — 需要 Broker 指标（metrics.listener），此集群未提供</translation>
    </message>
    <message>
        <source>Request time (p99)</source>
        <translation>请求耗时（p99）</translation>
    </message>
    <message>
        <source>ISR shrinks and expands — from broker metrics</source>
        <translation>ISR 收缩与扩张 — 来自 Broker 指标</translation>
    </message>
    <message>
        <source>ISR shrinks and expands — from ISR changes seen between polls</source>
        <translation>ISR 收缩与扩张 — 来自两次轮询间观察到的 ISR 变化</translation>
    </message>
    <message>
        <source>ISR shrinks and expands — from broker metrics, and ISR changes seen between polls</source>
        <translation>ISR 收缩与扩张 — 来自 Broker 指标及轮询间观察到的 ISR 变化</translation>
    </message>
    <message>
        <source>ISR shrinks and expands</source>
        <translation>ISR 收缩与扩张</translation>
    </message>
    <message>
        <source>bytes/s</source>
        <translation>字节/秒</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>changes/min</source>
        <translation>次/分钟</translation>
    </message>
</context>
<context>
    <name>partita::ui::TopicConfigDialog</name>
    <message>
        <source>Configs of %1</source>
        <translation>%1 的配置</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>(hidden)</source>
        <translation>（已隐藏）</translation>
    </message>
    <message>
        <source>&amp;Revert to Default</source>
        <translation>恢复默认值(&amp;R)</translation>
    </message>
    <message>
        <source>new key</source>
        <translation>新配置项</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>Bold names are set on this topic; the others come from the broker&apos;s defaults.</source>
        <translation>粗体名称的配置是在此主题上设置的；其余配置来自 Broker 的默认值。</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>应用(&amp;A)</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>(default)</source>
        <translation>（默认）</translation>
    </message>
    <message>
        <source>Configs of Broker %1</source>
        <translation>Broker %1 的配置</translation>
    </message>
    <message>
        <source>Read-only: changes only in server.properties, with a broker restart</source>
        <translation>只读：只能在 server.properties 中修改，并需重启 Broker</translation>
    </message>
    <message>
        <source>Bold names are set for this broker (in server.properties or dynamically); greyed values are read-only and change only in server.properties, with a restart.</source>
        <translation>粗体名称是为此 Broker 设置的（在 server.properties 中或动态设置）；灰色值为只读，只能在 server.properties 中修改并重启。</translation>
    </message>
</context>
<context>
    <name>partita::ui::TopicsModel</name>
    <message>
        <source>%1 (internal)</source>
        <translation>%1（内部）</translation>
    </message>
    <message numerus="yes">
        <source>%n offline</source>
        <translation>
            <numerusform>%n 个分区离线</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n under-replicated</source>
        <translation>
            <numerusform>%n 个分区副本不足</numerusform>
        </translation>
    </message>
    <message>
        <source>Healthy</source>
        <translation>健康</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Partitions</source>
        <translation>分区数</translation>
    </message>
    <message>
        <source>Size on disk</source>
        <translation>磁盘占用</translation>
    </message>
    <message>
        <source>Messages (est.)</source>
        <translation>消息数（估计）</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>健康状况</translation>
    </message>
    <message>
        <source>Unknown while a partition is offline or did not report its offsets.</source>
        <translation>有分区离线或未报告其偏移量时无法得知。</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Replicas</source>
        <translation>副本数</translation>
    </message>
    <message>
        <source>Consumer groups with committed offsets on this topic or members assigned to its partitions.</source>
        <translation>在此主题上有已提交位移、或有成员分配到其分区的消费者组。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Consumers</source>
        <translation>消费者</translation>
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
    <message>
        <source>%1 failed (%2): %3</source>
        <translation>%1 失败（%2）：%3</translation>
    </message>
    <message>
        <source>%1: %2 done.</source>
        <translation>%1：%2 已完成。</translation>
    </message>
    <message>
        <source>Partitions of &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 的分区</translation>
    </message>
    <message>
        <source>Select a topic to see its partitions.</source>
        <translation>选择一个主题以查看其分区。</translation>
    </message>
    <message>
        <source>Elect Unclean Leader</source>
        <translation>非干净 Leader 选举</translation>
    </message>
    <message numerus="yes">
        <source>Elect a leader for %n partition(s) of %1 from replicas that are NOT in sync?</source>
        <translation>
            <numerusform>要从未同步（不在 ISR 中）的副本中为 %1 的 %n 个分区选举 Leader 吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>Messages the new leader never received are lost for good, and consumers may see offsets go back. Use this only when no in-sync replica can come back.</source>
        <translation>新 Leader 从未收到的消息将永久丢失，消费者可能会看到位移回退。仅在没有任何同步副本能够恢复时才使用此操作。</translation>
    </message>
    <message>
        <source>Elect and Accept Data Loss</source>
        <translation>选举并接受数据丢失</translation>
    </message>
    <message>
        <source>Search topics (%1)</source>
        <translation>搜索主题（%1）</translation>
    </message>
    <message>
        <source>Internal topics</source>
        <translation>内部主题</translation>
    </message>
    <message>
        <source>&amp;Create…</source>
        <translation>创建(&amp;C)…</translation>
    </message>
    <message>
        <source>Create a topic (%1)</source>
        <translation>创建主题（%1）</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <source>Add &amp;Partitions…</source>
        <translation>增加分区(&amp;P)…</translation>
    </message>
    <message>
        <source>Con&amp;figs…</source>
        <translation>配置(&amp;F)…</translation>
    </message>
    <message>
        <source>Elect &amp;Preferred Leader</source>
        <translation>首选 Leader 选举(&amp;P)</translation>
    </message>
    <message>
        <source>Move leadership of the selected partitions back to their first replica (%1)</source>
        <translation>将所选分区的 Leader 移回其第一个副本（%1）</translation>
    </message>
    <message>
        <source>Elect &amp;Unclean Leader…</source>
        <translation>非干净 Leader 选举(&amp;U)…</translation>
    </message>
    <message>
        <source>&amp;Reassign…</source>
        <translation>重分配(&amp;R)…</translation>
    </message>
    <message>
        <source>Partitions</source>
        <translation>分区</translation>
    </message>
    <message>
        <source>Leader &amp;&amp; ISR timeline</source>
        <translation>Leader &amp;&amp; ISR 时间线</translation>
    </message>
    <message>
        <source>The cluster does not answer (%1). Showing what was last seen at %2.</source>
        <translation>集群没有响应（%1）。显示的是 %2 最后确认的状态。</translation>
    </message>
    <message>
        <source>%1 is an internal topic of Kafka and read-only here. Use “Unlock Expert Actions…” to change it anyway.</source>
        <translation>%1 是 Kafka 的内部主题，在此为只读。如仍要修改，请使用“解锁专家操作…”。</translation>
    </message>
    <message>
        <source>Unlock Expert Actions</source>
        <translation>解锁专家操作</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; is an internal topic that Kafka itself uses.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 是 Kafka 自身使用的内部主题。</translation>
    </message>
    <message>
        <source>Deleting it, changing its partition count or its configs can lose every committed consumer offset or open transaction: a group&apos;s offsets live in the partition its id hashes to, so adding partitions strands them. Unlock delete, add partitions and configs for this topic anyway?</source>
        <translation>删除它、修改其分区数或配置，可能会丢失所有已提交的消费者位移或未完成的事务：消费者组的位移保存在其 ID 哈希所对应的分区中，增加分区会使这些位移无法再被找到。仍要为此主题解锁删除、增加分区和配置操作吗？</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <source>Unlock Expert Actions…</source>
        <translation>解锁专家操作…</translation>
    </message>
    <message>
        <source>Delete Rec&amp;ords…</source>
        <translation>删除记录(&amp;O)…</translation>
    </message>
</context>
<context>
    <name>partita::ui::TransactionsPage</name>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n 秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
    <message>
        <source>Aborted the transaction of producer %1 on %2-%3.</source>
        <translation>已中止生产者 %1 在 %2-%3 上的事务。</translation>
    </message>
    <message>
        <source>Abort failed: %1</source>
        <translation>中止失败：%1</translation>
    </message>
    <message>
        <source>Transactions</source>
        <translation>事务</translation>
    </message>
    <message>
        <source>No transactions to show</source>
        <translation>没有可显示的事务</translation>
    </message>
    <message>
        <source>Transactional producers, their open transactions and the partitions they hold back appear here, and a hanging transaction can be aborted. Start a local cluster or connect to one to see them.</source>
        <translation>事务型生产者、它们未结束的事务以及被它们阻塞的分区会显示在这里，并可中止挂起的事务。启动本地集群或连接到集群后即可查看。</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>所有状态</translation>
    </message>
    <message>
        <source>Producer id:</source>
        <translation>生产者 ID：</translation>
    </message>
    <message>
        <source>any</source>
        <translation>任意</translation>
    </message>
    <message>
        <source>Hanging after:</source>
        <translation>挂起判定时长：</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>An open transaction whose producer has not written for this long and that no coordinator knows as ongoing is hanging (kafka-transactions.sh find-hanging --max-transaction-timeout).</source>
        <translation>生产者已这么久没有写入、且没有任何协调器认为仍在进行中的未结束事务即为挂起的事务（kafka-transactions.sh find-hanging --max-transaction-timeout）。</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Hanging transactions</source>
        <translation>挂起的事务</translation>
    </message>
    <message>
        <source>Abort…</source>
        <translation>中止…</translation>
    </message>
    <message>
        <source>Write an ABORT marker for the selected hanging transaction</source>
        <translation>为选中的挂起事务写入 ABORT 标记</translation>
    </message>
    <message>
        <source>Transactional id</source>
        <translation>事务 ID</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Producer id</source>
        <translation>生产者 ID</translation>
    </message>
    <message>
        <source>Coordinator</source>
        <translation>协调器</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>分区</translation>
    </message>
    <message>
        <source>Open since offset</source>
        <translation>事务起始位移</translation>
    </message>
    <message>
        <source>Producer epoch</source>
        <translation>生产者 Epoch</translation>
    </message>
    <message>
        <source>Last write</source>
        <translation>最后写入</translation>
    </message>
    <message>
        <source>Coordinator epoch</source>
        <translation>协调器 Epoch</translation>
    </message>
    <message>
        <source>Start offset</source>
        <translation>起始位移</translation>
    </message>
    <message>
        <source>Loading transactions…</source>
        <translation>正在加载事务…</translation>
    </message>
    <message>
        <source>This cluster does not support the transaction admin APIs (ListTransactions, DescribeTransactions, DescribeProducers: Kafka 3.0 or later, KIP-664). %1</source>
        <translation>此集群不支持事务管理 API（ListTransactions、DescribeTransactions、DescribeProducers：需要 Kafka 3.0 或更高版本，KIP-664）。%1</translation>
    </message>
    <message numerus="yes">
        <source>%n transactional id(s), %1 hanging. Updated %2.</source>
        <translation>
            <numerusform>%n 个事务 ID，%1 个挂起。更新于 %2。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2 ago)</source>
        <translation>%1（%2 前）</translation>
    </message>
    <message>
        <source>Select a transactional id to see its transaction and partitions.</source>
        <translation>选择一个事务 ID 以查看其事务和分区。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>State: %1 · producer id %2, epoch %3 · coordinator %4 · timeout %5 s</source>
        <translation>状态：%1 · 生产者 ID %2，Epoch %3 · 协调器 %4 · 超时 %5 秒</translation>
    </message>
    <message>
        <source>Started %1 (%2 ago)</source>
        <translation>开始于 %1（%2 前）</translation>
    </message>
    <message>
        <source>Abort the transaction of producer %1 (epoch %2) on %3-%4, open since offset %5?

An ABORT marker is written to the partition: the transaction&apos;s records on it become aborted, so read_committed consumers never see them, and the last stable offset moves on, so those consumers continue. If the producer is in fact still alive, its transaction fails on this partition and its next commit or write is rejected. This cannot be undone.</source>
        <translation>中止生产者 %1（Epoch %2）在 %3-%4 上、从位移 %5 开始的事务？

将向该分区写入一个 ABORT 标记：该事务在此分区上的记录变为已中止，read_committed 消费者永远看不到它们；最后稳定位移向前推进，这些消费者得以继续。如果该生产者实际上仍然存活，它在此分区上的事务将失败，其下一次提交或写入会被拒绝。此操作无法撤销。</translation>
    </message>
    <message>
        <source>Abort Hanging Transaction</source>
        <translation>中止挂起的事务</translation>
    </message>
    <message>
        <source>Abort transaction</source>
        <translation>中止事务</translation>
    </message>
    <message>
        <source>Aborting the transaction of producer %1 on %2-%3…</source>
        <translation>正在中止生产者 %1 在 %2-%3 上的事务…</translation>
    </message>
</context>
</TS>
