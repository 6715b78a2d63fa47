// node produce.js <bootstrap> <topic> <none|gzip> <count> <plain|idempotent>
// Sends messages 0..count-1 (common.js message(i)), keyed, to a topic of any partition count,
// CHUNK messages per send() so that each partition gets several batches. Prints one line per
// partition of each send's result.
import kafkajs from 'kafkajs'
import { emit, kafka, main, message, producer } from './common.js'

const { CompressionTypes } = kafkajs

const CHUNK = 100
const CODECS = { none: CompressionTypes.None, gzip: CompressionTypes.GZIP }

const [bootstrap, topic, codec, countText, mode] = process.argv.slice(2)
const count = Number(countText)
if (!(codec in CODECS)) {
  throw new Error(`unknown codec ${codec}: KafkaJS itself has ${Object.keys(CODECS).join(', ')}`)
}
const options = mode === 'idempotent' ? { idempotent: true, maxInFlightRequests: 1 } : {}

main(async () => {
  const client = producer(kafka(bootstrap, `produce-${codec}-${mode}`), options)
  await client.connect()
  try {
    for (let first = 0; first < count; first += CHUNK) {
      const messages = []
      for (let i = first; i < Math.min(first + CHUNK, count); i++) {
        messages.push(message(i))
      }
      const results = await client.send({ topic, compression: CODECS[codec], messages })
      for (const result of results) {
        emit({ event: 'sent', ...result })
      }
    }
  } finally {
    await client.disconnect()
  }
})
