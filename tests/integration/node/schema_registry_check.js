// @kafkajs/confluent-schema-registry against the broker's Schema Registry (issue 15), with kafkajs carrying the
// encoded records: an Avro, a Protobuf and a JSON Schema registered, values encoded (Confluent's wire format:
// magic 0, the 4-byte schema id, the payload), produced, consumed, decoded and compared with what was sent; an
// Avro evolution that breaks BACKWARD refused with 409; getLatestSchemaId, getRegistryId and
// getRegistryIdBySchema (also of a schema registered with a reference) agree with register.
'use strict'
const { SchemaRegistry, SchemaType } = require('@kafkajs/confluent-schema-registry')
const { Partitioners } = require('kafkajs')
const { check, checkEqual, kafkaFor, consumeAll, runMain } = require('./common')

const AVRO_V1 = { type: 'record', name: 'User', namespace: 'partita.test',
                  fields: [{ name: 'id', type: 'int' }, { name: 'name', type: 'string' }] }
// A new field with a default: readers of v2 can still read v1 data (BACKWARD).
const AVRO_V2 = { ...AVRO_V1, fields: [...AVRO_V1.fields, { name: 'email', type: ['null', 'string'], default: null }] }
// A new field without a default: a v3 reader cannot read v2 records.
const AVRO_BREAKING = { ...AVRO_V1, fields: [...AVRO_V2.fields, { name: 'age', type: 'int' }] }
const PROTO = `syntax = "proto3";
package partita.test;
message Order {
  int64 id = 1;
  string item = 2;
  repeated string tags = 3;
}
`
const JSON_SCHEMA = { $schema: 'http://json-schema.org/draft-07/schema#', title: 'Reading', type: 'object',
                      properties: { sensor: { type: 'string' }, value: { type: 'number' } },
                      required: ['sensor', 'value'], additionalProperties: false }

async function registerAll(registry, topic) {
  const ids = {}
  ids.avro = (await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(AVRO_V1) },
                                      { subject: `${topic}-avro-value` })).id
  ids.avro2 = (await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(AVRO_V2) },
                                       { subject: `${topic}-avro-value` })).id
  ids.protobuf = (await registry.register({ type: SchemaType.PROTOBUF, schema: PROTO },
                                          { subject: `${topic}-proto-value` })).id
  ids.json = (await registry.register({ type: SchemaType.JSON, schema: JSON.stringify(JSON_SCHEMA) },
                                      { subject: `${topic}-json-value` })).id
  checkEqual(new Set(Object.values(ids)).size, 4, `four distinct ids ${JSON.stringify(ids)}`)
  return ids
}

async function checkLookups(registry, topic, ids) {
  checkEqual(await registry.getLatestSchemaId(`${topic}-avro-value`), ids.avro2, 'getLatestSchemaId (avro)')
  checkEqual(await registry.getRegistryId(`${topic}-avro-value`, 1), ids.avro, 'getRegistryId(avro, 1)')
  checkEqual(await registry.getRegistryId(`${topic}-avro-value`, 'latest'), ids.avro2, 'getRegistryId(avro, latest)')
  checkEqual(await registry.getRegistryId(`${topic}-proto-value`, 1), ids.protobuf, 'getRegistryId(protobuf, 1)')
  checkEqual(await registry.getLatestSchemaId(`${topic}-json-value`), ids.json, 'getLatestSchemaId (json)')
  // The same schema registered again keeps its id.
  const again = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(AVRO_V1) },
                                        { subject: `${topic}-avro-value` })
  checkEqual(again.id, ids.avro, 'id of a schema registered twice')
}

// A schema with a reference to another subject's named type, then looked up with getRegistryIdBySchema, which
// sends the schema without references: given with the reference resolved (inlined), the registry finds the
// version registered with it, as Confluent's lookup does.
async function checkResolvedReferenceLookup(registry, topic) {
  const address = { type: 'record', name: 'Address', namespace: 'partita.test',
                    fields: [{ name: 'city', type: 'string' }] }
  const person = { type: 'record', name: 'Person', namespace: 'partita.test',
                   fields: [{ name: 'name', type: 'string' }, { name: 'home', type: 'partita.test.Address' }] }
  await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(address) }, { subject: `${topic}-address` })
  const { id } = await registry.register(
    { type: SchemaType.AVRO, schema: JSON.stringify(person),
      references: [{ name: 'partita.test.Address', subject: `${topic}-address`, version: 1 }] },
    { subject: `${topic}-person` })
  const resolved = { ...person, fields: [person.fields[0], { name: 'home', type: address }] }
  checkEqual(await registry.getRegistryIdBySchema(`${topic}-person`,
                                                  { type: SchemaType.AVRO, schema: JSON.stringify(resolved) }),
             id, 'getRegistryIdBySchema of the schema with its reference resolved')
  return id
}

async function checkBreakingEvolutionRefused(registry, topic) {
  try {
    await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(AVRO_BREAKING) },
                            { subject: `${topic}-avro-value` })
  } catch (e) {
    checkEqual(e.status, 409, `status of an incompatible schema (${e.message})`)
    check(/incompatible/i.test(e.message), () => `409 message names the incompatibility: ${e.message}`)
    return e.message
  }
  throw new Error('check failed: an Avro field without a default was accepted under BACKWARD')
}

runMain(async args => {
  const topic = args.topic
  const registry = new SchemaRegistry({ host: args.registry, retry: { retries: 0 } })
  const ids = await registerAll(registry, topic)
  await checkLookups(registry, topic, ids)
  const refusal = await checkBreakingEvolutionRefused(registry, topic)
  ids.person = await checkResolvedReferenceLookup(registry, topic)

  const values = [
    { id: ids.avro, payload: { id: 1, name: 'Ada' } },
    { id: ids.avro2, payload: { id: 2, name: 'Grace', email: 'grace@example.org' } },
    { id: ids.protobuf, payload: { id: 42, item: 'keyboard', tags: ['usb', 'de'] } },
    { id: ids.json, payload: { sensor: 'hall-3', value: 21.5 } },
  ]
  const kafka = kafkaFor(args, 'kafkajs-schema-registry')
  const admin = kafka.admin()
  await admin.connect()
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] })
  await admin.disconnect()
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner })
  await producer.connect()
  const encoded = await Promise.all(values.map(v => registry.encode(v.id, v.payload)))
  encoded.forEach((buf, i) => {
    checkEqual(buf[0], 0, `magic byte of value ${i}`)
    checkEqual(buf.readInt32BE(1), values[i].id, `schema id in value ${i}`)
  })
  await producer.send({ topic, acks: -1, messages: encoded.map((value, i) => ({ key: `v${i}`, value })) })
  await producer.disconnect()

  const got = await consumeAll(kafka, { groupId: `${topic}-readers`, topic, count: values.length })
  // A fresh client decodes: every schema is fetched from the registry by id, nothing comes from a cache.
  const reader = new SchemaRegistry({ host: args.registry, retry: { retries: 0 } })
  for (let i = 0; i < values.length; i++) {
    const decoded = await reader.decode(got[i].value)
    const plain = typeof decoded.toJSON === 'function' ? decoded.toJSON() : { ...decoded }
    if (values[i].id === ids.protobuf) plain.id = Number(plain.id)  // int64 decodes as a Long / string
    checkEqual(plain, values[i].payload, `decoded value ${i}`)
  }
  return { ids, refusal }
})
