"""Reads every message of a topic's partitions from the beginning, without a group's offsets.

Usage: consume_from_beginning.py BOOTSTRAP TOPIC PARTITIONS

Assigns partitions 0 .. PARTITIONS-1 at the beginning and reads until each reports its end.
Prints one JSON line per message, then one when every partition has reached its end:
  {"partition": p, "offset": o, "key": k, "value": v, "headers": [[name, value], ...]}
  {"done": true, "ends": {"<partition>": <offset of the end>}}
"""
import json
import sys

from confluent_kafka import Consumer, KafkaError, OFFSET_BEGINNING, TopicPartition

POLL_TIMEOUT_S = 0.5


def main():
    bootstrap, topic, partitions = sys.argv[1], sys.argv[2], int(sys.argv[3])
    consumer = Consumer({
        "bootstrap.servers": bootstrap,
        # librdkafka wants a group id for a consumer; assign() with no commits never uses it.
        "group.id": "consume-from-beginning",
        "enable.auto.commit": False,
        "enable.partition.eof": True,
    })
    consumer.assign([TopicPartition(topic, p, OFFSET_BEGINNING) for p in range(partitions)])
    ends = {}
    while len(ends) < partitions:
        msg = consumer.poll(POLL_TIMEOUT_S)
        if msg is None:
            continue
        if msg.error():
            if msg.error().code() != KafkaError._PARTITION_EOF:
                raise Exception(msg.error())
            ends[str(msg.partition())] = msg.offset()
            continue
        print(json.dumps({
            "partition": msg.partition(), "offset": msg.offset(),
            "key": msg.key().decode(), "value": msg.value().decode(),
            "headers": [[name, value.decode()] for name, value in (msg.headers() or [])],
        }))
    consumer.close()
    print(json.dumps({"done": True, "ends": ends}))


if __name__ == "__main__":
    main()
