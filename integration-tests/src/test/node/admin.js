// node admin.js <bootstrap> <topic> <groupId>
// KafkaJS's admin client, one call per step, each printed as {"step": name, "result": ...}:
// topics are created (twice, the second time refused as existing), described, listed, given a
// partition more and deleted; a consumer group is described while its one member runs and after
// it has left, listed, its offsets fetched, and deleted.
import kafkajs from 'kafkajs'
import { consumer, emit, kafka, main, producer, until } from './common.js'

const { AssignerProtocol, ConfigResourceTypes } = kafkajs

const [bootstrap, topic, groupId] = process.argv.slice(2)
/** Messages sent to partitions 0, 1 and 2 (the partition added by createPartitions stays empty). */
const SENT_PER_PARTITION = [3, 5, 0]
const RETENTION_MS = '3600000'

/** A group description with the member's bytes decoded, as KafkaJS's own assigners read them. */
function describedGroup(group) {
  return {
    ...group,
    members: group.members.map(m => ({
      memberId: m.memberId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      memberMetadata: AssignerProtocol.MemberMetadata.decode(m.memberMetadata),
      memberAssignment: AssignerProtocol.MemberAssignment.decode(m.memberAssignment),
    })),
  }
}

main(async () => {
  const client = kafka(bootstrap, 'admin')
  const admin = client.admin()
  await admin.connect()
  const step = async (name, call) => emit({ step: name, result: (await call()) ?? null })

  await step('createTopics', () => admin.createTopics({
    topics: [{ topic, numPartitions: 2, replicationFactor: 1, configEntries: [{ name: 'retention.ms', value: RETENTION_MS }] }],
  }))
  await step('createTopicsAgain', () => admin.createTopics({ topics: [{ topic, numPartitions: 2 }] }))
  await step('listTopics', () => admin.listTopics())
  await step('fetchTopicMetadata', () => admin.fetchTopicMetadata({ topics: [topic] }))
  await step('describeConfigs', async () => {
    const { resources } = await admin.describeConfigs({
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['retention.ms'] }],
      includeSynonyms: false,
    })
    return resources
  })
  await step('createPartitions', () => admin.createPartitions({ topicPartitions: [{ topic, count: 3 }] }))
  await step('fetchTopicMetadataAfterCreatePartitions', () => admin.fetchTopicMetadata({ topics: [topic] }))

  const send = producer(client)
  await send.connect()
  for (let partition = 0; partition < SENT_PER_PARTITION.length; partition++) {
    for (let i = 0; i < SENT_PER_PARTITION[partition]; i++) {
      await send.send({ topic, messages: [{ partition, value: `p${partition}-${i}` }] })
    }
  }
  await send.disconnect()
  await step('fetchTopicOffsets', async () => (await admin.fetchTopicOffsets(topic)).sort((x, y) => x.partition - y.partition))

  const member = consumer(client, groupId)
  let received = 0
  const committed = {}
  member.on(member.events.COMMIT_OFFSETS, ({ payload }) => {
    for (const { partition, offset } of payload.topics.flatMap(t => t.partitions)) {
      committed[partition] = Number(offset)
    }
  })
  await member.connect()
  await member.subscribe({ topics: [topic], fromBeginning: true })
  await member.run({ eachMessage: async () => { received++ } })
  const total = SENT_PER_PARTITION.reduce((sum, n) => sum + n, 0)
  await until('the member to consume and commit every message', () => received === total && Object.values(committed).reduce((sum, n) => sum + n, 0) === total)
  await step('describeGroupsWhileRunning', async () => (await admin.describeGroups([groupId])).groups.map(describedGroup))
  await member.disconnect()

  await step('describeGroupsAfterLeaving', async () => (await admin.describeGroups([groupId])).groups.map(describedGroup))
  await step('listGroups', () => admin.listGroups())
  await step('fetchOffsets', () => admin.fetchOffsets({ groupId, topics: [topic] }))
  await step('deleteGroups', () => admin.deleteGroups([groupId]))
  await step('listGroupsAfterDelete', () => admin.listGroups())
  await step('deleteTopics', () => admin.deleteTopics({ topics: [topic] }))
  await step('listTopicsAfterDelete', () => admin.listTopics())
  await admin.disconnect()
})
