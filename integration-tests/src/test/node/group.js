// node group.js <bootstrap> <topic> <groupId> <firstCount> <secondCount>
// A consumer group of two members, each consumer.run() with eachMessage and auto-commit (after
// every batch). Member "a" joins alone and consumes the first messages; when the broker has its
// commits, member "b" joins and the group rebalances; once both hold disjoint assignments the
// second messages are sent, and each is consumed by the member that owns its partition. Nothing
// is given twice because everything sent before the rebalance was committed before it. After both
// have left, prints the group's committed offsets as admin.fetchOffsets returns them.
import { consumed, consumer, emit, kafka, main, message, producer, until } from './common.js'

const [bootstrap, topic, groupId, firstText, secondText] = process.argv.slice(2)
const firstCount = Number(firstText)
const secondCount = Number(secondText)

/** One member: what it was given, its joins (assignments) and the offsets it committed. */
function member(name) {
  const client = consumer(kafka(bootstrap, `group-${name}`), groupId)
  const state = { name, client, received: 0, joins: [], committed: {} }
  client.on(client.events.GROUP_JOIN, ({ payload }) => {
    const assignment = payload.memberAssignment[topic] ?? []
    state.joins.push(assignment)
    emit({ event: 'join', member: name, memberId: payload.memberId, isLeader: payload.isLeader, assignment })
  })
  client.on(client.events.COMMIT_OFFSETS, ({ payload }) => {
    for (const committedTopic of payload.topics) {
      for (const { partition, offset } of committedTopic.partitions) {
        state.committed[partition] = Number(offset)
      }
    }
  })
  return state
}

async function start(state) {
  await state.client.connect()
  await state.client.subscribe({ topics: [topic], fromBeginning: true })
  await state.client.run({
    eachMessage: async ({ topic, partition, message }) => {
      state.received++
      emit(consumed(state.name, topic, partition, message))
    },
  })
}

/** Messages committed by the group: per partition the highest offset any member committed, summed. */
function committedCount(...members) {
  const highest = {}
  for (const m of members) {
    for (const [partition, offset] of Object.entries(m.committed)) {
      highest[partition] = Math.max(highest[partition] ?? 0, offset)
    }
  }
  return Object.values(highest).reduce((total, offset) => total + offset, 0)
}

main(async () => {
  const send = producer(kafka(bootstrap, 'group-producer'))
  const admin = kafka(bootstrap, 'group-admin').admin()
  await Promise.all([send.connect(), admin.connect()])
  const a = member('a')
  const b = member('b')
  try {
    const sendRange = async (from, to) => {
      const messages = []
      for (let i = from; i < to; i++) {
        messages.push(message(i))
      }
      await send.send({ topic, messages })
    }
    await sendRange(0, firstCount)
    await start(a)
    await until('member a to consume and commit the first messages',
      () => a.received === firstCount && committedCount(a) === firstCount)
    emit({ event: 'phase', name: 'first consumed and committed' })

    await start(b)
    await until('both members to hold disjoint assignments', () => {
      const held = [...(a.joins.at(-1) ?? []), ...(b.joins.at(-1) ?? [])]
      return a.joins.length >= 2 && b.joins.length >= 1 && new Set(held).size === held.length && held.length > 0
    })
    emit({ event: 'phase', name: 'rebalanced' })

    await sendRange(firstCount, firstCount + secondCount)
    const total = firstCount + secondCount
    await until('the group to consume and commit every message',
      () => a.received + b.received === total && committedCount(a, b) === total)
    emit({ event: 'phase', name: 'all consumed and committed' })
  } finally {
    await Promise.all([a.client.disconnect(), b.client.disconnect()])
  }
  emit({ event: 'offsets', topics: await admin.fetchOffsets({ groupId, topics: [topic] }) })
  await Promise.all([send.disconnect(), admin.disconnect()])
})
