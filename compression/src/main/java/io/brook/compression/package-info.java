/**
 * One codec per Kafka compression id, for the compressed records of a v2 record batch (the bytes
 * after RecordsCount), in exactly the formats Kafka's Java client writes and reads.
 *
 * <pre>
 * id  codec   written as                                  read as
 * 0   none    a copy                                      a copy
 * 1   gzip    one gzip member, JDK zlib (= Kafka's bytes) gzip members, back to back
 * 2   snappy  xerial framing, 32 KiB blocks (= Kafka's)   xerial framing, or one raw snappy block
 *                                                         (librdkafka's producer sends raw snappy)
 * 3   lz4     LZ4 frame, 64 KiB independent blocks,       LZ4 frame, any block size 64 KiB..4 MiB,
 *             no checksums (= Kafka's bytes)              checksums verified when present
 * 4   zstd    one zstd frame with its content size        zstd frames, window at most 2^27
 * </pre>
 *
 * <h2>Bounded decompression</h2>
 * {@link io.brook.compression.BatchCodec#decompress} takes a limit on its output. Codecs that
 * learn a length before producing it (a snappy block's varint, an LZ4 content size or stored
 * block, an LZ4 block near the limit, via {@code Lz4BlockScanner}) check it
 * against the limit first; streaming codecs (gzip, zstd) produce into the room left and, at the
 * limit, ask for one more byte. Either way the output array never grows past the limit, lengths
 * in the data are never used to allocate, and a block's size is checked against both its format's
 * maximum and the bytes actually there. Garbage gets
 * {@link io.brook.compression.CorruptCompressedDataException}, too much output
 * {@link io.brook.compression.DecompressedSizeLimitException}; both mean CORRUPT_MESSAGE.
 *
 * <h2>Stricter than Kafka's readers, on purpose</h2>
 * Where Kafka's reader silently stops (trailing bytes after a gzip member, an LZ4 end mark or the
 * last snappy block) or skips a check (the LZ4 content checksum and content size), these codecs
 * reject the batch. Anything they accept, Kafka's reader decodes to the same bytes; the
 * differential tests hold both to that.
 *
 * <h2>Threads</h2>
 * Codecs keep native contexts and scratch between batches and are not thread-safe: each thread
 * creates a {@link io.brook.compression.Codecs} and a {@link io.brook.compression.CodecBuffer} or
 * two, and reuses them for every batch.
 */
package io.brook.compression;
