// Shared glue of the kafkajs check scripts (run by tests/integration/test_itest_kafkajs.cc with NODE_PATH set to
// the node_modules that `npm ci` installed under the build tree).
// Contract of every script: exit 0 and print one JSON object with "ok": true as the last stdout line when every
// check held; on the first failed check print the reason to stderr and exit 1. kafkajs logs go to stderr, so
// stdout holds only the summary the C++ test parses.
'use strict'
const fs = require('fs')
const { Kafka, logLevel } = require('kafkajs')

// --name value pairs; a flag without a value is true.
function parseArgs(argv = process.argv.slice(2)) {
  const args = {}
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith('--')) throw new Error(`unexpected argument ${argv[i]}`)
    const name = argv[i].slice(2)
    if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) args[name] = argv[++i]
    else args[name] = true
  }
  return args
}

function check(cond, message) {
  if (!cond) throw new Error(`check failed: ${typeof message === 'function' ? message() : message}`)
}

function checkEqual(actual, expected, what) {
  const a = JSON.stringify(actual)
  const e = JSON.stringify(expected)
  check(a === e, () => `${what}: expected ${e}, got ${a}`)
}

// kafkajs' default log creator prints JSON lines on stdout; ours puts them on stderr.
const stderrLogCreator = () => ({ namespace, level, label, log }) => {
  const { message, ...extra } = log
  process.stderr.write(`[kafkajs ${label} ${namespace}] ${message} ${JSON.stringify(extra)}\n`)
}

// A Kafka client for --bootstrap; --ca turns TLS on (trusting that CA), --mechanism/--user/--password add SASL.
function kafkaFor(args, clientId) {
  const config = {
    clientId,
    brokers: [args.bootstrap],
    logLevel: logLevel.WARN,
    logCreator: stderrLogCreator,
    connectionTimeout: 10000,
    retry: { retries: 5, initialRetryTime: 200 },
  }
  if (args.ca) config.ssl = { ca: [fs.readFileSync(args.ca, 'utf8')] }
  if (args.mechanism) config.sasl = { mechanism: args.mechanism, username: args.user, password: args.password }
  return new Kafka(config)
}

// Resolves once `predicate()` holds, polling every 100 ms; rejects naming `what` after timeoutMs.
async function waitFor(predicate, what, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise(resolve => setTimeout(resolve, 100))
  }
}

// Runs a group consumer on `topic` from the beginning until `count` messages arrived (or timeoutMs), then
// disconnects (committing what it read). Returns the messages as plain values in arrival order.
async function consumeAll(kafka, { groupId, topic, count, timeoutMs = 60000, consumerConfig = {} }) {
  const consumer = kafka.consumer({ groupId, heartbeatInterval: 500, maxWaitTimeInMs: 500, ...consumerConfig })
  const got = []
  await consumer.connect()
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true })
    await consumer.run({
      eachMessage: async ({ topic: t, partition, message }) => {
        got.push({ topic: t, partition, offset: Number(message.offset), key: message.key, value: message.value,
                   headers: message.headers, timestamp: message.timestamp })
      },
    })
    await waitFor(() => got.length >= count, `${count} messages from ${topic} (got ${got.length})`, timeoutMs)
  } finally {
    await consumer.disconnect()
  }
  return got
}

// Runs main(args); prints its summary (plus ok: true) as the last stdout line, or the error on stderr and exits 1.
function runMain(main) {
  main(parseArgs())
    .then(summary => {
      process.stdout.write(JSON.stringify({ ok: true, ...summary }) + '\n')
      process.exit(0)
    })
    .catch(error => {
      process.stderr.write(`FAILED: ${error && error.stack ? error.stack : error}\n`)
      if (error && error.type) process.stderr.write(`kafkajs error type: ${error.type}\n`)
      process.exit(1)
    })
}

module.exports = { parseArgs, check, checkEqual, kafkaFor, waitFor, consumeAll, runMain }
