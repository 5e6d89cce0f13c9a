// kafkajs transactions: a consume-transform-produce loop (a transactional producer that commits the input
// offsets with sendOffsets in the same transaction), then an aborted transaction and a committed one after it.
// A read_committed consumer (readUncommitted: false) sees exactly the committed output; a read_uncommitted one
// sees the aborted records too; the loop's group offsets point past every input record; a zombie producer is
// fenced by its successor.
'use strict'
const { Partitioners } = require('kafkajs')
const { check, checkEqual, kafkaFor, waitFor, consumeAll, runMain } = require('./common')

const INPUT = 100

async function transformLoop(kafka, { input, output, groupId }) {
  const producer = kafka.producer({ transactionalId: `${groupId}-txn`, idempotent: true, maxInFlightRequests: 1,
                                    createPartitioner: Partitioners.DefaultPartitioner })
  await producer.connect()
  const consumer = kafka.consumer({ groupId, readUncommitted: false, heartbeatInterval: 500, maxWaitTimeInMs: 500 })
  await consumer.connect()
  await consumer.subscribe({ topics: [input], fromBeginning: true })
  let transformed = 0
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      const txn = await producer.transaction()
      try {
        await txn.send({
          topic: output,
          messages: batch.messages.map(m => ({ key: m.key, value: `${m.value.toString().toUpperCase()}` })),
        })
        const next = (BigInt(batch.lastOffset()) + 1n).toString()
        const partitions = [{ partition: batch.partition, offset: next }]
        await txn.sendOffsets({ consumerGroupId: groupId, topics: [{ topic: batch.topic, partitions }] })
        await txn.commit()
        transformed += batch.messages.length
      } catch (e) {
        await txn.abort()
        throw e
      }
    },
  })
  await waitFor(() => transformed >= INPUT, `the loop to transform ${INPUT} records (done ${transformed})`)
  await consumer.disconnect()
  return producer
}

async function sendInTransaction(producer, topic, prefix, count, commit) {
  const txn = await producer.transaction()
  const messages = []
  for (let i = 0; i < count; i++) messages.push({ key: `${prefix}-${i}`, value: `${prefix}-${i}` })
  await txn.send({ topic, messages })
  if (commit) await txn.commit()
  else await txn.abort()
}

// A second producer with the same transactionalId fences the first at its first transaction (kafkajs asks for
// the transactional producer id then): the zombie's commit fails with INVALID_PRODUCER_EPOCH (EndTxn v1 predates
// PRODUCER_FENCED, KIP-588) and its record stays invisible to read_committed.
async function checkZombieFenced(kafka, topic, transactionalId) {
  const zombie = kafka.producer({ transactionalId, idempotent: true, maxInFlightRequests: 1 })
  const successor = kafka.producer({ transactionalId, idempotent: true, maxInFlightRequests: 1 })
  await zombie.connect()
  await successor.connect()
  const old = await zombie.transaction()
  await old.send({ topic, messages: [{ key: 'zombie', value: 'zombie' }] })
  const current = await successor.transaction()
  let fenced = null
  try {
    await old.commit()
  } catch (e) {
    fenced = e.type
  }
  checkEqual(fenced, 'INVALID_PRODUCER_EPOCH', "the fenced zombie's commit")
  await current.send({ topic, messages: [{ key: 'successor', value: 'successor' }] })
  await current.commit()
  await zombie.disconnect()
  await successor.disconnect()
}

runMain(async args => {
  const input = `${args.topic}-in`
  const output = `${args.topic}-out`
  const groupId = `${args.topic}-loop`
  const kafka = kafkaFor(args, 'kafkajs-transactions')
  const admin = kafka.admin()
  await admin.connect()
  await admin.createTopics({ topics: [{ topic: input, numPartitions: 2 }, { topic: output, numPartitions: 2 }] })
  const plain = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner })
  await plain.connect()
  const inputs = []
  for (let i = 0; i < INPUT; i++) inputs.push({ key: `k${i}`, value: `record-${i}` })
  await plain.send({ topic: input, acks: -1, messages: inputs })
  await plain.disconnect()

  const producer = await transformLoop(kafka, { input, output, groupId })
  const committed = await admin.fetchOffsets({ groupId, topics: [input] })
  const inputEnds = await admin.fetchTopicOffsets(input)
  checkEqual(committed[0].partitions.map(p => [p.partition, p.offset]).sort(),
             inputEnds.map(p => [p.partition, p.high]).sort(), 'offsets committed by sendOffsets = input end offsets')

  await sendInTransaction(producer, output, 'aborted', 10, false)
  await sendInTransaction(producer, output, 'after-abort', 5, true)
  await producer.disconnect()
  await checkZombieFenced(kafka, output, `${args.topic}-fenced`)

  const committedOnly = await consumeAll(kafka, { groupId: `${args.topic}-rc`, topic: output, count: INPUT + 6,
                                                   consumerConfig: { readUncommitted: false } })
  const values = committedOnly.map(m => m.value.toString())
  check(!values.some(v => v.startsWith('aborted') || v === 'zombie'), () => 'read_committed saw aborted records')
  checkEqual(values.filter(v => v.startsWith('RECORD-')).length, INPUT, 'transformed records read committed')
  checkEqual(new Set(values).size, INPUT + 6, 'distinct committed records')
  check(values.includes('successor'), 'the successor of a fenced producer committed')
  checkEqual(values.filter(v => v.startsWith('after-abort')).length, 5, 'records committed after the abort')

  const everything = await consumeAll(kafka, { groupId: `${args.topic}-ru`, topic: output, count: INPUT + 17,
                                                consumerConfig: { readUncommitted: true } })
  checkEqual(everything.filter(m => m.value.toString().startsWith('aborted')).length, 10,
             'aborted records seen by read_uncommitted')
  await admin.disconnect()
  return { transformed: INPUT, read_committed: values.length, read_uncommitted: everything.length }
})
