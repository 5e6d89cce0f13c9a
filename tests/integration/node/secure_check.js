// kafkajs over a secured listener: --ca turns on TLS (trusting the test CA), --mechanism plain | scram-sha-256 |
// scram-sha-512 with --user / --password adds SASL. Creates --topic, produces 200 records with acks=-1 and reads
// them back in a group. With --expect-auth-failure the login must fail with kafkajs' SASL authentication error,
// whose message is printed in the summary; nothing may be produced.
'use strict'
const { Partitioners } = require('kafkajs')
const { check, checkEqual, kafkaFor, consumeAll, runMain } = require('./common')

const COUNT = 200

async function expectAuthFailure(kafka) {
  const admin = kafka.admin()
  try {
    await admin.connect()
    await admin.listTopics()
  } catch (e) {
    check(e.name === 'KafkaJSSASLAuthenticationError' ||
          (e.originalError && e.originalError.name === 'KafkaJSSASLAuthenticationError'),
          () => `expected KafkaJSSASLAuthenticationError, got ${e.name}: ${e.message}`)
    return { auth_error: e.message }
  } finally {
    await admin.disconnect()
  }
  throw new Error('check failed: a wrong password was accepted')
}

runMain(async args => {
  const kafka = kafkaFor(args, `kafkajs-${args.mechanism || 'ssl'}`)
  if (args['expect-auth-failure']) return expectAuthFailure(kafka)

  const admin = kafka.admin()
  await admin.connect()
  check(await admin.createTopics({ topics: [{ topic: args.topic, numPartitions: 2 }] }), `${args.topic} not created`)
  await admin.disconnect()
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner })
  await producer.connect()
  const messages = []
  for (let i = 0; i < COUNT; i++) messages.push({ key: `k${i}`, value: `secret-${i}` })
  await producer.send({ topic: args.topic, acks: -1, messages })
  await producer.disconnect()
  const got = await consumeAll(kafka, { groupId: `${args.topic}-group`, topic: args.topic, count: COUNT })
  checkEqual(got.map(m => m.value.toString()).sort(), messages.map(m => m.value).sort(), 'records read back')
  return { read: got.length }
})
