// node metadata.js <bootstrap> <existingTopic> <newTopic>
// What KafkaJS learns from Metadata (v6 at most): the cluster, and the partitions of a topic that
// exists and of one that its producer's first send creates (allowAutoTopicCreation, on by default).
import { emit, kafka, main, producer } from './common.js'

const [bootstrap, existingTopic, newTopic] = process.argv.slice(2)

main(async () => {
  const client = kafka(bootstrap, 'metadata')
  const admin = client.admin()
  await admin.connect()
  const step = async (name, call) => emit({ step: name, result: (await call()) ?? null })

  await step('describeCluster', () => admin.describeCluster())
  await step('listTopicsBefore', async () => (await admin.listTopics()).sort())
  const send = producer(client)
  await send.connect()
  await step('sendToNewTopic', () => send.send({ topic: newTopic, messages: [{ value: 'first' }] }))
  await send.disconnect()
  await step('listTopicsAfter', async () => (await admin.listTopics()).sort())
  // Sorted: the order of topics in a Metadata response is the broker's choice (Kafka's follows a hash set).
  await step('fetchTopicMetadata', async () => {
    const { topics } = await admin.fetchTopicMetadata({ topics: [existingTopic, newTopic] })
    return { topics: topics.sort((x, y) => x.name.localeCompare(y.name)) }
  })
  await admin.disconnect()
})
