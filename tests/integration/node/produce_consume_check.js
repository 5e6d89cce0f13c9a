// An idempotent kafkajs producer (acks=-1, gzip batches, keys, headers, explicit timestamps) and a consumer group
// that reads everything back: count, order per partition, keys, values, headers and timestamps.
'use strict'
const { CompressionTypes, Partitioners } = require('kafkajs')
const { check, checkEqual, kafkaFor, consumeAll, runMain } = require('./common')

runMain(async args => {
  const topic = args.topic
  const batches = Number(args.batches)
  const perBatch = Number(args['per-batch'])
  const kafka = kafkaFor(args, 'kafkajs-produce-consume')

  const admin = kafka.admin()
  await admin.connect()
  check(await admin.createTopics({ topics: [{ topic, numPartitions: 3 }] }), `topic ${topic} was not created`)
  await admin.disconnect()

  // idempotent: true makes kafkajs ask for a producer id (InitProducerId) and number every batch (the broker
  // checks the sequence numbers); kafkajs then refuses any acks but -1.
  const producer = kafka.producer({ idempotent: true, createPartitioner: Partitioners.DefaultPartitioner })
  await producer.connect()
  const baseTimestamp = Date.now() - 60000
  const sent = []
  for (let b = 0; b < batches; b++) {
    const messages = []
    for (let i = 0; i < perBatch; i++) {
      const seq = b * perBatch + i
      messages.push({
        key: `key-${seq % 17}`,
        value: `value-${seq}-${'x'.repeat(seq % 50)}`,
        timestamp: String(baseTimestamp + seq),
        headers: { seq: String(seq), 'content-type': 'text/plain', binary: Buffer.from([0, 255, seq % 256]) },
      })
    }
    const acks = await producer.send({ topic, acks: -1, compression: CompressionTypes.GZIP, messages })
    check(acks.every(a => a.errorCode === 0), () => `produce answered ${JSON.stringify(acks)}`)
    sent.push(...messages)
  }
  await producer.disconnect()

  const got = await consumeAll(kafka, { groupId: `${topic}-readers`, topic, count: sent.length })
  checkEqual(got.length, sent.length, 'messages read back')

  // Per partition: offsets 0..n-1 without a gap, and records in the order they were sent (seq increasing).
  const byPartition = new Map()
  for (const m of got) {
    if (!byPartition.has(m.partition)) byPartition.set(m.partition, [])
    byPartition.get(m.partition).push(m)
  }
  check(byPartition.size === 3, () => `records landed in ${byPartition.size} partitions, expected 3`)
  const keyPartition = new Map()
  const seen = new Set()
  for (const [partition, list] of byPartition) {
    list.forEach((m, i) => checkEqual(m.offset, i, `offset #${i} of partition ${partition}`))
    for (let i = 1; i < list.length; i++) {
      const prev = Number(list[i - 1].headers.seq.toString())
      const cur = Number(list[i].headers.seq.toString())
      check(cur > prev, `partition ${partition}: seq ${cur} after ${prev}`)
    }
    for (const m of list) {
      const seq = Number(m.headers.seq.toString())
      check(!seen.has(seq), `seq ${seq} read twice`)
      seen.add(seq)
      const want = sent[seq]
      checkEqual(m.key.toString(), want.key, `key of seq ${seq}`)
      checkEqual(m.value.toString(), want.value, `value of seq ${seq}`)
      checkEqual(m.timestamp, want.timestamp, `timestamp of seq ${seq}`)
      checkEqual(m.headers['content-type'].toString(), 'text/plain', `content-type header of seq ${seq}`)
      checkEqual([...m.headers.binary], [...want.headers.binary], `binary header of seq ${seq}`)
      // One key, one partition (murmur2, as the Java client): the partitioner's promise survives the broker.
      const k = m.key.toString()
      if (keyPartition.has(k)) checkEqual(partition, keyPartition.get(k), `partition of ${k}`)
      keyPartition.set(k, partition)
    }
  }
  return { produced: sent.length, read: got.length, partitions: [...byPartition.keys()].sort() }
})
