"""One member of a consumer group that commits each message synchronously after processing it.

Usage: group_consumer.py BOOTSTRAP TOPIC GROUP

Subscribes to TOPIC in GROUP with auto-commit off, reads from the earliest offset when the group
has none committed, and prints one JSON line per event:
  {"event": "started"}
  {"event": "assigned", "partitions": [..], "committed": {"<partition>": <offset or -1001>}}
      (the offsets committed for the newly assigned partitions, read with committed())
  {"event": "revoked", "partitions": [..]}
  {"event": "message", "partition": p, "offset": o, "key": k, "value": v}
      (printing it is the processing; then its offset is committed with commit(asynchronous=False))
  {"event": "error", "error": "..."}
  {"event": "closed"}
It stops, closing the consumer (which leaves the group), when a line "stop" arrives on stdin.
"""
import json
import select
import sys

from confluent_kafka import Consumer, KafkaException

POLL_TIMEOUT_S = 0.1
COMMITTED_TIMEOUT_S = 10


def emit(event, **fields):
    fields["event"] = event
    print(json.dumps(fields))
    sys.stdout.flush()


def stop_requested():
    readable, _, _ = select.select([sys.stdin], [], [], 0)
    if not readable:
        return False
    line = sys.stdin.readline()
    return line == "" or line.strip() == "stop"


def main():
    bootstrap, topic, group = sys.argv[1], sys.argv[2], sys.argv[3]
    consumer = Consumer({
        "bootstrap.servers": bootstrap,
        "group.id": group,
        "enable.auto.commit": False,
        "auto.offset.reset": "earliest",
        # Short enough that a member notices a rebalance, or the loss of a peer, within a second.
        "heartbeat.interval.ms": 300,
        "session.timeout.ms": 6000,
    })

    def on_assign(c, partitions):
        committed = c.committed(partitions, timeout=COMMITTED_TIMEOUT_S)
        emit("assigned", partitions=sorted(p.partition for p in partitions),
             committed={str(p.partition): p.offset for p in committed})

    def on_revoke(c, partitions):
        emit("revoked", partitions=sorted(p.partition for p in partitions))

    consumer.subscribe([topic], on_assign=on_assign, on_revoke=on_revoke)
    emit("started")
    try:
        while not stop_requested():
            msg = consumer.poll(POLL_TIMEOUT_S)
            if msg is None:
                continue
            if msg.error():
                emit("error", error=str(msg.error()))
                continue
            emit("message", partition=msg.partition(), offset=msg.offset(),
                 key=msg.key().decode(), value=msg.value().decode())
            try:
                consumer.commit(message=msg, asynchronous=False)
            except KafkaException as e:
                emit("error", error="commit failed: %s" % e)
    finally:
        consumer.close()
        emit("closed")


if __name__ == "__main__":
    main()
