// Two kafkajs consumers in one group: the group rebalances when the second joins (disjoint assignments that
// cover the topic) and when one leaves (the other gets every partition); offsets committed by the group are
// resumed after a restart (the next member reads only what was produced since).
'use strict'
const { Partitioners } = require('kafkajs')
const { check, checkEqual, kafkaFor, waitFor, consumeAll, runMain } = require('./common')

const PARTITIONS = 4

// A consumer that records every record it reads and the assignment of each generation it joins.
async function startMember(kafka, groupId, topic, name, seen) {
  const consumer = kafka.consumer({ groupId, heartbeatInterval: 300, sessionTimeout: 10000, rebalanceTimeout: 20000,
                                     maxWaitTimeInMs: 500 })
  const member = { name, consumer, assigned: [] }
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    member.assigned = (payload.memberAssignment[topic] || []).slice().sort((x, y) => x - y)
  })
  await consumer.connect()
  await consumer.subscribe({ topics: [topic], fromBeginning: true })
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      seen.push({ member: name, partition, offset: Number(message.offset), value: message.value.toString() })
    },
  })
  return member
}

async function produce(kafka, topic, from, count) {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner })
  await producer.connect()
  const messages = []
  for (let i = from; i < from + count; i++) messages.push({ key: `k${i}`, value: `v${i}` })
  await producer.send({ topic, acks: -1, messages })
  await producer.disconnect()
}

runMain(async args => {
  const topic = args.topic
  const groupId = `${topic}-group`
  const kafka = kafkaFor(args, 'kafkajs-group')
  const admin = kafka.admin()
  await admin.connect()
  check(await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }] }), `topic ${topic} not created`)
  await produce(kafka, topic, 0, 400)

  const seen = []
  const a = await startMember(kafka, groupId, topic, 'a', seen)
  await waitFor(() => a.assigned.length === PARTITIONS, 'the first member to own every partition')

  const b = await startMember(kafka, groupId, topic, 'b', seen)
  await waitFor(() => a.assigned.length > 0 && b.assigned.length > 0 &&
                      a.assigned.length + b.assigned.length === PARTITIONS,
                'a rebalance sharing the partitions between both members')
  const shared = { a: a.assigned, b: b.assigned }
  checkEqual([...a.assigned, ...b.assigned].sort(), [...Array(PARTITIONS).keys()], 'partitions covered once')
  const described = await admin.describeGroups([groupId])
  checkEqual(described.groups[0].members.length, 2, 'members described while both run')
  checkEqual(described.groups[0].state, 'Stable', 'group state with two members')

  await waitFor(() => new Set(seen.map(m => m.value)).size === 400, 'both members to read the first 400 records')
  await b.consumer.disconnect()  // LeaveGroup: the survivor must take every partition back
  await waitFor(() => a.assigned.length === PARTITIONS, 'the remaining member to own every partition again')
  await a.consumer.disconnect()  // commits what it read

  // Committed offsets: the group resumes from them, so a restarted member reads the 100 new records only.
  const committed = await admin.fetchOffsets({ groupId, topics: [topic] })
  const committedTotal = committed[0].partitions.reduce((sum, p) => sum + Number(p.offset), 0)
  checkEqual(committedTotal, 400, 'sum of committed offsets after the first 400')
  await produce(kafka, topic, 400, 100)
  const resumed = await consumeAll(kafka, { groupId, topic, count: 100 })
  // A group that lost its offsets would start at offset 0 and deliver old records first.
  const values = resumed.map(m => m.value.toString())
  checkEqual(values.length, 100, 'records read after the restart')
  check(values.every(v => Number(v.slice(1)) >= 400), () => `old records re-read after restart: ${values.slice(0, 5)}`)
  const after = await admin.fetchOffsets({ groupId, topics: [topic] })
  checkEqual(after[0].partitions.reduce((sum, p) => sum + Number(p.offset), 0), 500, 'committed offsets at the end')
  await admin.disconnect()
  return { shared, read_first: new Set(seen.map(m => m.value)).size, resumed: values.length }
})
