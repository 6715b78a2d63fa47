package io.brook.it;

import io.brook.compression.CompressionType;
import io.brook.protocol.record.RecordBatchView;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The batch headers of one partition as the broker stored them, read from its segment files on
 * disk: what a client really sent (its codec, producer id, sequence numbers), past anything a
 * consumer would hide by decompressing. Read it while nothing is appending to the partition.
 */
final class StoredBatches {
    private StoredBatches() {
    }

    /** One stored batch's header fields. */
    record Batch(long baseOffset, long lastOffset, int recordCount, String codec, long producerId, short producerEpoch,
            int baseSequence) {
    }

    /** Every batch of {@code topic}'s partition {@code partition} under {@code dataDirectory}, in offset order. */
    static List<Batch> of(Path dataDirectory, String topic, int partition) throws IOException {
        List<Path> logs;
        try (Stream<Path> files = Files.list(dataDirectory.resolve(topic + "-" + partition))) {
            // Segment files are named by their 20-digit base offset, so name order is offset order.
            logs = files.filter(file -> file.getFileName().toString().endsWith(".log")).sorted().toList();
        }
        List<Batch> batches = new ArrayList<>();
        RecordBatchView view = new RecordBatchView();
        for (Path log : logs) {
            ByteBuf bytes = Unpooled.wrappedBuffer(Files.readAllBytes(log));
            for (int position = 0; position < bytes.readableBytes(); position += view.sizeInBytes()) {
                view.wrap(bytes, position);
                batches.add(new Batch(view.baseOffset(), view.lastOffset(), view.recordCount(),
                        CompressionType.forId(view.compressionId()).configName(), view.producerId(), view.producerEpoch(),
                        view.baseSequence()));
            }
        }
        return batches;
    }

    /** The codec of every batch of the partition, in offset order. */
    static List<String> codecs(Path dataDirectory, String topic, int partition) throws IOException {
        return of(dataDirectory, topic, partition).stream().map(Batch::codec).toList();
    }
}
