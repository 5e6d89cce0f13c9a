// The kafkajs admin client against the broker: topics (create with configs, metadata, partitions, delete),
// configs (describe, alter: AlterConfigs replaces a topic's whole set, as Kafka's), group offsets (fetch, set,
// reset, by topic), deleteRecords, groups (describe, list, delete), describeCluster and, with the broker's ACL
// authorizer on, createAcls / describeAcls / deleteAcls.
'use strict'
const {
  ConfigResourceTypes, AclResourceTypes, AclOperationTypes, AclPermissionTypes, ResourcePatternTypes, Partitioners,
} = require('kafkajs')
const { check, checkEqual, kafkaFor, waitFor, consumeAll, runMain } = require('./common')

// An alterConfigs resource: the topic with these entries.
const topicResource = (topic, configEntries) => ({ type: ConfigResourceTypes.TOPIC, name: topic, configEntries })

// { name: { value, isDefault } } of a describeConfigs answer for one topic.
async function topicConfigs(admin, topic, names) {
  const d = await admin.describeConfigs({
    resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: names }], includeSynonyms: false,
  })
  const out = {}
  for (const e of d.resources[0].configEntries) out[e.configName] = { value: e.configValue, isDefault: e.isDefault }
  return out
}

async function expectError(promise, type, what) {
  try {
    await promise
  } catch (e) {
    const types = [e.type, ...(e.groups || []).map(g => g.error && g.error.type)]
    check(types.includes(type), () => `${what}: expected ${type}, got ${e.type || e.name}: ${e.message}`)
    return e
  }
  throw new Error(`check failed: ${what} succeeded, expected ${type}`)
}

async function checkTopicsAndConfigs(admin, topic) {
  const created = await admin.createTopics({
    topics: [{ topic, numPartitions: 2, replicationFactor: 1,
               configEntries: [{ name: 'cleanup.policy', value: 'compact' },
                               { name: 'retention.ms', value: '3600000' }] }],
  })
  check(created === true, 'createTopics answered false for a new topic')
  check((await admin.createTopics({ topics: [{ topic }] })) === false, 'createTopics of an existing topic: not false')
  check((await admin.listTopics()).includes(topic), 'listTopics misses the new topic')

  const md = await admin.fetchTopicMetadata({ topics: [topic] })
  checkEqual(md.topics[0].partitions.map(p => p.partitionId).sort(), [0, 1], 'partitions after create')
  check(md.topics[0].partitions.every(p => p.leader === 1), 'partition leaders are broker 1')

  let configs = await topicConfigs(admin, topic, ['cleanup.policy', 'retention.ms'])
  checkEqual(configs['cleanup.policy'], { value: 'compact', isDefault: false }, 'cleanup.policy as created')
  checkEqual(configs['retention.ms'], { value: '3600000', isDefault: false }, 'retention.ms as created')

  // AlterConfigs (not the incremental API) sets the topic's whole config: what it leaves out returns to default.
  await admin.alterConfigs({
    validateOnly: false,
    resources: [topicResource(topic, [{ name: 'retention.ms', value: '7200000' }])],
  })
  configs = await topicConfigs(admin, topic, ['cleanup.policy', 'retention.ms'])
  checkEqual(configs['retention.ms'].value, '7200000', 'retention.ms after alterConfigs')
  checkEqual(configs['cleanup.policy'], { value: 'delete', isDefault: true }, 'cleanup.policy after alterConfigs')

  await expectError(admin.alterConfigs({
    validateOnly: true,
    resources: [topicResource(topic, [{ name: 'retention.ms', value: 'soon' }])],
  }), 'INVALID_CONFIG', 'alterConfigs with retention.ms=soon')

  const broker = await admin.describeConfigs({
    resources: [{ type: ConfigResourceTypes.BROKER, name: '1',
                  configNames: ['num.partitions', 'log.retention.hours'] }],
    includeSynonyms: false,
  })
  checkEqual(broker.resources[0].configEntries.map(e => e.configName).sort(), ['log.retention.hours', 'num.partitions'],
             'broker configs described')

  await admin.createPartitions({ topicPartitions: [{ topic, count: 4 }] })
  const grown = await admin.fetchTopicMetadata({ topics: [topic] })
  checkEqual(grown.topics[0].partitions.length, 4, 'partitions after createPartitions')
  await expectError(admin.createPartitions({ topicPartitions: [{ topic, count: 2 }] }), 'INVALID_PARTITIONS',
                    'createPartitions shrinking the topic')
}

async function produce(kafka, topic, count) {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner })
  await producer.connect()
  const messages = []
  for (let i = 0; i < count; i++) messages.push({ value: `m${i}`, partition: 0 })
  await producer.send({ topic, acks: -1, messages })
  await producer.disconnect()
}

async function committedOffset(admin, groupId, topic) {
  const o = await admin.fetchOffsets({ groupId, topics: [topic] })
  return o[0].partitions.find(p => p.partition === 0).offset
}

async function checkOffsetsAndRecords(kafka, admin, topic) {
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] })
  const before = Date.now() - 1000
  await produce(kafka, topic, 10)
  checkEqual((await admin.fetchTopicOffsets(topic)).map(({ partition, high, low }) => ({ partition, high, low })),
             [{ partition: 0, high: '10', low: '0' }], 'fetchTopicOffsets after 10 records')
  checkEqual((await admin.fetchTopicOffsetsByTimestamp(topic, before))[0].offset, '0', 'offset by timestamp')

  const groupId = `${topic}-offsets`
  checkEqual(await committedOffset(admin, groupId, topic), '-1', 'offset of a group that committed nothing')
  await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '7' }] })
  checkEqual(await committedOffset(admin, groupId, topic), '7', 'offset after setOffsets')
  // kafkajs commits the logical offset -2 (earliest) as it is, and Kafka stores it as it is (kafkajs' own
  // resetOffsets.spec expects '-2' back); a member resolves it when it starts. (Each setOffsets / resetOffsets
  // costs ~5 s: kafkajs' paused helper consumer sleeps maxWaitTimeInMs before it commits.)
  await admin.resetOffsets({ groupId, topic, earliest: true })
  checkEqual(await committedOffset(admin, groupId, topic), '-2', 'offset after resetOffsets(earliest)')

  await admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: '4' }] })
  checkEqual((await admin.fetchTopicOffsets(topic))[0].low, '4', 'log start offset after deleteRecords')
  const resumed = await consumeAll(kafka, { groupId, topic, count: 6 })
  checkEqual(resumed.map(m => m.offset), [4, 5, 6, 7, 8, 9], 'offsets read from earliest after deleteRecords')
  checkEqual(await committedOffset(admin, groupId, topic), '10', 'offset committed by the member')
  return groupId
}

async function checkGroups(kafka, admin, topic, offsetsGroup) {
  const groupId = `${topic}-live`
  const consumer = kafka.consumer({ groupId, heartbeatInterval: 300 })
  let joined = false
  consumer.on(consumer.events.GROUP_JOIN, () => { joined = true })
  await consumer.connect()
  await consumer.subscribe({ topics: [topic], fromBeginning: true })
  await consumer.run({ eachMessage: async () => {} })
  await waitFor(() => joined, 'the consumer to join its group')

  const described = (await admin.describeGroups([groupId])).groups[0]
  checkEqual([described.groupId, described.state, described.protocolType, described.members.length],
             [groupId, 'Stable', 'consumer', 1], 'describeGroups of a running group')
  check(described.members[0].clientId === 'kafkajs-admin', 'member client id')
  const listed = (await admin.listGroups()).groups
  for (const g of [groupId, offsetsGroup]) {
    check(listed.some(l => l.groupId === g && l.protocolType === 'consumer'), () => `listGroups misses ${g}`)
  }
  await expectError(admin.deleteGroups([groupId]), 'NON_EMPTY_GROUP', 'deleteGroups of a group with a member')
  await consumer.disconnect()
  const deleted = await admin.deleteGroups([groupId, offsetsGroup])
  checkEqual(deleted.map(d => d.errorCode), [0, 0], 'deleteGroups error codes')
  const after = (await admin.listGroups()).groups.map(g => g.groupId)
  check(!after.includes(groupId) && !after.includes(offsetsGroup), () => `groups listed after delete: ${after}`)
  checkEqual(await committedOffset(admin, offsetsGroup, topic), '-1', 'offset of a deleted group')
}

async function checkAcls(admin, topic) {
  const acl = {
    resourceType: AclResourceTypes.TOPIC, resourceName: topic, resourcePatternType: ResourcePatternTypes.LITERAL,
    principal: 'User:bob', host: '*', operation: AclOperationTypes.READ, permissionType: AclPermissionTypes.ALLOW,
  }
  await admin.createAcls({ acl: [acl] })
  const filter = { resourceType: AclResourceTypes.TOPIC, resourceName: topic,
                   resourcePatternType: ResourcePatternTypes.LITERAL, principal: 'User:bob', host: '*',
                   operation: AclOperationTypes.ANY, permissionType: AclPermissionTypes.ANY }
  const described = await admin.describeAcls(filter)
  checkEqual(described.resources.map(r => [r.resourceName, r.acls.map(a => [a.principal, a.operation])]),
             [[topic, [['User:bob', AclOperationTypes.READ]]]], 'describeAcls after createAcls')
  const deleted = await admin.deleteAcls({ filters: [filter] })
  checkEqual(deleted.filterResponses[0].matchingAcls.length, 1, 'ACLs matched by deleteAcls')
  checkEqual((await admin.describeAcls(filter)).resources.length, 0, 'describeAcls after deleteAcls')
}

runMain(async args => {
  const kafka = kafkaFor(args, 'kafkajs-admin')
  const admin = kafka.admin()
  await admin.connect()
  const cluster = await admin.describeCluster()
  checkEqual(cluster.brokers.map(b => b.nodeId), [1], 'brokers of describeCluster')
  checkEqual(cluster.controller, 1, 'controller of describeCluster')
  check(typeof cluster.clusterId === 'string' && cluster.clusterId.length > 0, 'a cluster id')

  const topic = args.topic
  await checkTopicsAndConfigs(admin, topic)
  const offsetsGroup = await checkOffsetsAndRecords(kafka, admin, `${topic}-records`)
  await checkGroups(kafka, admin, `${topic}-records`, offsetsGroup)
  await checkAcls(admin, topic)

  await admin.deleteTopics({ topics: [topic, `${topic}-records`] })
  await waitFor(async () => !(await admin.listTopics()).includes(topic), 'the deleted topic to leave listTopics')
  await expectError(admin.fetchTopicMetadata({ topics: [topic] }), 'UNKNOWN_TOPIC_OR_PARTITION',
                    'metadata of a deleted topic')
  await admin.disconnect()
  return { cluster_id: cluster.clusterId }
})
