// node consume.js <bootstrap> <topic> <groupId> <count>
// Subscribes one consumer from the beginning (fromBeginning: true, the default isolation level
// READ_COMMITTED), prints every message it is given until it has count of them, then disconnects.
import { consumed, consumer, emit, kafka, main, until } from './common.js'

const [bootstrap, topic, groupId, countText] = process.argv.slice(2)
const count = Number(countText)

main(async () => {
  const client = consumer(kafka(bootstrap, `consume-${groupId}`), groupId)
  await client.connect()
  let received = 0
  try {
    await client.subscribe({ topics: [topic], fromBeginning: true })
    await client.run({
      eachMessage: async ({ topic, partition, message }) => {
        if (received < count) {
          emit(consumed('consumer', topic, partition, message))
        }
        received++
      },
    })
    await until(`${count} messages (${received} so far)`, () => received >= count)
  } finally {
    await client.disconnect()
  }
})
