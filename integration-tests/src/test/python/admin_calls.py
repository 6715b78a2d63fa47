"""Runs every AdminClient call confluent-kafka 1.7.0 offers, and prints what each one returned.

Usage: admin_calls.py BOOTSTRAP PREFIX

Works on topics PREFIX-a and PREFIX-b and group PREFIX-group. Prints one JSON line per call:
  {"call": <name>, ...what it returned...}
Errors are printed by their librdkafka name (e.g. "TOPIC_ALREADY_EXISTS"), null for success.
"""
import json
import sys

from confluent_kafka import Consumer, KafkaException
from confluent_kafka.admin import AdminClient, ConfigResource, ConfigSource, NewPartitions, NewTopic

TIMEOUT_S = 10
# The describe_configs entries printed: enough to tell a topic override from a default.
CONFIG_NAMES = ("retention.ms", "cleanup.policy", "max.message.bytes", "compression.type")


def emit(call, **fields):
    fields["call"] = call
    print(json.dumps(fields))
    sys.stdout.flush()


def outcomes(futures):
    """{name: null | error name} for a dict of futures that resolve to None."""
    result = {}
    for name, future in futures.items():
        try:
            future.result(TIMEOUT_S)
            result[str(name)] = None
        except KafkaException as e:
            result[str(name)] = e.args[0].name()
    return result


def topics(admin):
    metadata = admin.list_topics(timeout=TIMEOUT_S)
    return {
        "topics": {name: sorted(metadata.topics[name].partitions) for name in metadata.topics},
        "brokers": sorted("%d@%s:%d" % (b.id, b.host, b.port) for b in metadata.brokers.values()),
        "controller": metadata.controller_id,
    }


def configs(admin, resource):
    entries = admin.describe_configs([resource])[resource].result(TIMEOUT_S)
    return {name: {"value": entries[name].value, "source": ConfigSource(entries[name].source).name,
                   "is_default": entries[name].is_default}
            for name in CONFIG_NAMES if name in entries}


def main():
    bootstrap, prefix = sys.argv[1], sys.argv[2]
    topic_a, topic_b, group = prefix + "-a", prefix + "-b", prefix + "-group"
    admin = AdminClient({"bootstrap.servers": bootstrap})

    emit("create_topics", results=outcomes(admin.create_topics([
        NewTopic(topic_a, num_partitions=3, replication_factor=1, config={"retention.ms": "3600000"}),
        NewTopic(topic_b, num_partitions=1, replication_factor=1),
    ], operation_timeout=TIMEOUT_S)))
    emit("create_topics_again", results=outcomes(admin.create_topics([
        NewTopic(topic_a, num_partitions=3, replication_factor=1),
    ])))
    emit("list_topics", **topics(admin))

    resource_a = ConfigResource(ConfigResource.Type.TOPIC, topic_a)
    emit("describe_configs", resource=topic_a, configs=configs(admin, resource_a))
    resource_b = ConfigResource(ConfigResource.Type.TOPIC, topic_b, set_config={"retention.ms": "7200000"})
    emit("alter_configs", results=outcomes(admin.alter_configs([resource_b])))
    emit("describe_configs", resource=topic_b, configs=configs(admin, ConfigResource(ConfigResource.Type.TOPIC, topic_b)))

    emit("create_partitions", results=outcomes(admin.create_partitions([NewPartitions(topic_b, 4)])))
    emit("create_partitions_fewer", results=outcomes(admin.create_partitions([NewPartitions(topic_b, 2)])))
    emit("list_topics", **topics(admin))

    # A live member, so that the group listed is Stable with one member.
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": group, "client.id": prefix + "-member"})
    assigned = []
    consumer.subscribe([topic_a], on_assign=lambda c, partitions: assigned.extend(partitions))
    while not assigned:
        consumer.poll(0.1)
    groups = admin.list_groups(timeout=TIMEOUT_S)
    emit("list_groups", groups=[{
        "id": g.id, "state": g.state, "protocol_type": g.protocol_type, "protocol": g.protocol,
        "error": None if g.error is None else g.error.name(),
        "members": [{"client_id": m.client_id, "has_assignment": len(m.assignment) > 0} for m in g.members],
    } for g in groups])
    consumer.close()

    emit("delete_topics", results=outcomes(admin.delete_topics([topic_a, topic_b], operation_timeout=TIMEOUT_S)))
    emit("delete_topics_again", results=outcomes(admin.delete_topics([topic_a])))
    emit("list_topics", **topics(admin))


if __name__ == "__main__":
    main()
