"""Produces keyed messages with an idempotent confluent-kafka producer and reports every delivery.

Usage: idempotent_producer.py BOOTSTRAP TOPIC CODEC FIRST COUNT

Sends messages FIRST .. FIRST+COUNT-1; message i has key "key-<i>", value "value-<i>-" followed by
compressible filler, and a header "seq" = "<i>". Prints one JSON line per delivery report, in the order librdkafka reports them:
  {"key": ..., "partition": ..., "offset": ..., "error": null | "<error>"}
then {"done": true, "remaining": <messages still in the queue after flush>}.
"""
import json
import sys

from confluent_kafka import Producer

# Compressible filler, so that even a batch of one record shrinks under every codec (librdkafka
# sends a batch uncompressed when compressing it would make it larger).
FILLER = "abcdefghij" * 8
FLUSH_TIMEOUT_S = 20


def main():
    bootstrap, topic, codec = sys.argv[1], sys.argv[2], sys.argv[3]
    first, count = int(sys.argv[4]), int(sys.argv[5])
    producer = Producer({
        "bootstrap.servers": bootstrap,
        "enable.idempotence": True,
        "acks": "all",
        "compression.codec": codec,
        "linger.ms": 20,
        # Many batches per partition, several in flight at once (idempotence allows five), so
        # that the broker checks a run of sequence numbers rather than one batch.
        "batch.num.messages": 100,
    })

    def report(err, msg):
        print(json.dumps({
            "key": msg.key().decode(),
            "partition": msg.partition(),
            "offset": msg.offset(),
            "error": None if err is None else str(err),
        }))

    for i in range(first, first + count):
        value = "value-%d-%s" % (i, FILLER)
        while True:
            try:
                producer.produce(topic, key="key-%d" % i, value=value, headers=[("seq", str(i))], on_delivery=report)
                break
            except BufferError:
                producer.poll(0.1)
        producer.poll(0)
    remaining = producer.flush(FLUSH_TIMEOUT_S)
    print(json.dumps({"done": True, "remaining": remaining}))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
