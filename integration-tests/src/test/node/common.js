// Shared by the scripts that KafkaJsIT runs. Each script takes the bootstrap address and names as
// arguments, prints one JSON object per line on stdout for the Java side to assert on, and logs
// to stderr only. KafkaJS's own log level is WARN; set KAFKAJS_LOG_LEVEL=debug to see every
// request it sends.
import kafkajs from 'kafkajs'

const { Kafka, logLevel, Partitioners } = kafkajs

/** How long a script waits for what it expects before it gives up and fails. */
export const WAIT_MS = 30_000

/** A client with its logs on stderr, so that stdout carries nothing but our JSON lines. */
export function kafka(bootstrap, clientId) {
  return new Kafka({
    clientId,
    brokers: [bootstrap],
    logLevel: logLevel.WARN,
    logCreator: () => ({ namespace, label, log }) => {
      process.stderr.write(JSON.stringify({ level: label, namespace, ...log }) + '\n')
    },
    retry: { retries: 5 },
  })
}

/** The producer settings every script uses: Java's murmur2 partitioner, as KafkaJS 2.x defaults to. */
export function producer(client, options = {}) {
  return client.producer({ createPartitioner: Partitioners.DefaultPartitioner, ...options })
}

/** The consumer settings every script uses: short heartbeats and fetch waits keep a rebalance quick. */
export function consumer(client, groupId) {
  return client.consumer({ groupId, heartbeatInterval: 500, maxWaitTimeInMs: 500 })
}

export function emit(line) {
  process.stdout.write(JSON.stringify(line) + '\n')
}

/** The record a script sends as message {@code i}: a key, a value of varying length, two headers. */
export function message(i) {
  return {
    key: `key-${i}`,
    value: `value-${i}-${'x'.repeat(i % 50)}`,
    headers: { h: `header-${i}`, n: String(i) },
  }
}

/** A consumed message as a JSON line: strings for bytes, headers as an object of strings. */
export function consumed(member, topic, partition, m) {
  const headers = {}
  for (const [name, value] of Object.entries(m.headers ?? {})) {
    headers[name] = value === null ? null : value.toString()
  }
  return {
    event: 'message',
    member,
    topic,
    partition,
    offset: Number(m.offset),
    timestamp: Number(m.timestamp),
    key: m.key === null ? null : m.key.toString(),
    value: m.value === null ? null : m.value.toString(),
    headers,
  }
}

/** Resolves once {@code condition()} holds, checking every 20 ms; rejects after WAIT_MS with {@code what}. */
export async function until(what, condition) {
  const deadlineMs = Date.now() + WAIT_MS
  while (!condition()) {
    if (Date.now() > deadlineMs) {
      throw new Error(`gave up after ${WAIT_MS} ms waiting for ${what}`)
    }
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}

/** Runs a script's body; any failure is printed to stderr and exits with 1. */
export function main(body) {
  body().then(
    () => process.exit(0),
    error => {
      process.stderr.write(`${error.stack ?? error}\n`)
      process.exit(1)
    }
  )
}
