package io.brook.broker.handler;

import io.brook.broker.metadata.LeaderEpoch;
import io.brook.broker.metadata.Topic;
import io.brook.broker.metadata.TopicRegistry;
import io.brook.log.LogReadResult;
import io.brook.log.LogSlice;
import io.brook.log.PartitionLog;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.FetchRequest;
import io.brook.protocol.message.FetchRequest.FetchPartition;
import io.brook.protocol.message.FetchRequest.FetchTopic;
import io.brook.protocol.message.FetchResponse;
import io.brook.protocol.message.FetchResponse.FetchableTopicResponse;
import io.brook.protocol.message.FetchResponse.PartitionData;
import io.brook.protocol.wire.ByteBufRecords;
import io.brook.protocol.wire.RecordSet;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Fetch (key 1), versions 4-12. Behaviour: for each requested partition, batches from the one
 * holding the fetch offset, up to {@code PartitionMaxBytes} and the request's {@code MaxBytes}
 * (itself capped by the broker's {@code fetch.max.bytes}); the last may be cut short, as Kafka's
 * are (clients drop a partial batch), and the first partition with data always gets at least one
 * whole batch (KIP-74). The record bytes go
 * from the segment file to the socket without a copy. Every requested partition is in the
 * response, as a sessionless full fetch requires. When less than {@code MinBytes} is available
 * the fetch parks (long poll) on its partitions: every append to one of them wakes it to read
 * again, and it is answered as soon as {@code MinBytes} are there or a partition has an error, or
 * after {@code MaxWaitMs} with whatever is there by then. A parked fetch costs a timer and an entry
 * per partition, nothing while nothing happens.
 * Version notes: fetch sessions (version 7 on) are not kept: the answer is always session 0, so
 * clients keep sending full fetches; a request naming a session gets FETCH_SESSION_ID_NOT_FOUND.
 * The leader epoch check starts at version 9; there are no aborted transactions to report.
 */
public final class FetchHandler implements ApiHandler<FetchRequest> {
    private static final int NO_SESSION_EPOCH = -1;
    private static final int FULL_FETCH_SESSION_EPOCH = 0;
    private static final byte READ_COMMITTED = 1;
    private static final RecordSet NO_RECORDS = new ByteBufRecords(Unpooled.EMPTY_BUFFER);

    private final TopicRegistry topics;
    private final Function<LogSlice, RecordSet> zeroCopyRecords;
    private final int fetchMaxBytes;
    private final FetchWaiters waiters;

    /**
     * @param zeroCopyRecords turns a slice of a segment file into records the transport sends without copying
     * @param fetchMaxBytes the broker's cap on a response's record bytes ({@code fetch.max.bytes})
     * @param waiters where fetches park until appends wake them
     */
    public FetchHandler(TopicRegistry topics, Function<LogSlice, RecordSet> zeroCopyRecords, int fetchMaxBytes, FetchWaiters waiters) {
        this.topics = topics;
        this.zeroCopyRecords = zeroCopyRecords;
        this.fetchMaxBytes = fetchMaxBytes;
        this.waiters = waiters;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.FETCH;
    }

    @Override
    public short minVersion() {
        return 4;
    }

    @Override
    public short maxVersion() {
        return 12;
    }

    @Override
    public void handle(RequestContext context, FetchRequest request) {
        if (request.sessionId() != 0) {
            context.respond(errorResponse(request, ErrorCode.FETCH_SESSION_ID_NOT_FOUND));
            return;
        }
        if (request.sessionEpoch() != NO_SESSION_EPOCH && request.sessionEpoch() != FULL_FETCH_SESSION_EPOCH) {
            context.respond(errorResponse(request, ErrorCode.INVALID_FETCH_SESSION_EPOCH));
            return;
        }
        FetchedData fetched = read(request);
        if (fetched.isAnswer(request) || request.maxWaitMs() <= 0 || fetched.partitionCount == 0) {
            context.respond(fetched.response);
            return;
        }
        new ParkedFetch(context, request).park();
    }

    /** A read of every requested partition: the response, its record bytes, and whether waiting could change it. */
    private record FetchedData(FetchResponse response, long sizeInBytes, int partitionCount, boolean hasError) {
        /** Enough data, or an error waiting cannot mend. */
        boolean isAnswer(FetchRequest request) {
            return sizeInBytes >= request.minBytes() || hasError;
        }
    }

    /**
     * A fetch waiting for {@code MinBytes}: parked on each of its partitions, it reads again on its
     * event loop whenever one of them gets an append (wakes arriving meanwhile are folded into one
     * read), and answers once the read is enough or {@code MaxWaitMs} has passed.
     */
    private final class ParkedFetch implements FetchWaiters.Waiter {
        private final RequestContext context;
        private final FetchRequest request;
        private final Set<PartitionLog> logs = new HashSet<>();
        private final AtomicBoolean readScheduled = new AtomicBoolean();
        /** Event loop only. */
        private boolean answered;
        private ScheduledFuture<?> timeout;

        ParkedFetch(RequestContext context, FetchRequest request) {
            this.context = context;
            this.request = request;
        }

        /** On the event loop: parks, then reads once more, for an append that came after the first read. */
        void park() {
            for (FetchTopic fetchTopic : request.topics()) {
                Topic topic = topics.get(fetchTopic.topic());
                for (FetchPartition fetchPartition : fetchTopic.partitions()) {
                    PartitionLog log = topic == null ? null : topic.partition(fetchPartition.partition());
                    if (log != null && logs.add(log)) {
                        waiters.park(log, this);
                    }
                }
            }
            timeout = context.eventLoop().schedule(() -> answer(read(request)), request.maxWaitMs(), TimeUnit.MILLISECONDS);
            readAgain();
        }

        @Override
        public void wake() {
            if (readScheduled.compareAndSet(false, true)) {
                context.eventLoop().execute(this::readAgain);
            }
        }

        private void readAgain() {
            readScheduled.set(false);
            if (answered) {
                return;
            }
            FetchedData fetched = read(request);
            if (fetched.isAnswer(request)) {
                answer(fetched);
            }
        }

        private void answer(FetchedData fetched) {
            if (answered) {
                return;
            }
            answered = true;
            timeout.cancel(false);
            for (PartitionLog log : logs) {
                waiters.unpark(log, this);
            }
            context.respond(fetched.response);
        }
    }

    private FetchedData read(FetchRequest request) {
        long remainingBytes = Math.min(request.maxBytes(), fetchMaxBytes);
        long totalBytes = 0;
        int partitionCount = 0;
        boolean hasError = false;
        boolean readCommitted = request.isolationLevel() == READ_COMMITTED;
        List<FetchableTopicResponse> responses = new ArrayList<>(request.topics().size());
        for (FetchTopic fetchTopic : request.topics()) {
            Topic topic = topics.get(fetchTopic.topic());
            List<PartitionData> partitions = new ArrayList<>(fetchTopic.partitions().size());
            for (FetchPartition fetchPartition : fetchTopic.partitions()) {
                PartitionLog log = topic == null ? null : topic.partition(fetchPartition.partition());
                PartitionData data = new PartitionData().setPartitionIndex(fetchPartition.partition());
                partitions.add(data);
                partitionCount++;
                ErrorCode error = check(log, fetchPartition);
                if (error != ErrorCode.NONE) {
                    fail(data, error);
                    hasError = true;
                    continue;
                }
                int maxBytes = (int) Math.min(fetchPartition.partitionMaxBytes(), Math.max(remainingBytes, 0));
                LogReadResult result = log.read(fetchPartition.fetchOffset(), maxBytes, totalBytes == 0);
                if (!result.offsetInRange()) {
                    fail(data, ErrorCode.OFFSET_OUT_OF_RANGE);
                    hasError = true;
                    continue;
                }
                data.setErrorCode(ErrorCode.NONE.code())
                        .setHighWatermark(result.logEndOffset())
                        .setLastStableOffset(result.logEndOffset())
                        .setLogStartOffset(result.logStartOffset())
                        .setAbortedTransactions(readCommitted ? List.of() : null)
                        .setRecords(result.slice() == null ? NO_RECORDS : zeroCopyRecords.apply(result.slice()));
                if (result.slice() != null) {
                    remainingBytes -= result.slice().sizeInBytes();
                    totalBytes += result.slice().sizeInBytes();
                }
            }
            responses.add(new FetchableTopicResponse().setTopic(fetchTopic.topic()).setPartitions(partitions));
        }
        FetchResponse response = new FetchResponse().setErrorCode(ErrorCode.NONE.code()).setSessionId(0).setResponses(responses);
        return new FetchedData(response, totalBytes, partitionCount, hasError);
    }

    private static ErrorCode check(PartitionLog log, FetchPartition partition) {
        if (log == null) {
            return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
        }
        return LeaderEpoch.check(partition.currentLeaderEpoch());
    }

    /** Kafka's shape of a failed partition: the error, unknown offsets, no records. */
    private static void fail(PartitionData data, ErrorCode error) {
        data.setErrorCode(error.code())
                .setHighWatermark(-1)
                .setLastStableOffset(-1)
                .setLogStartOffset(-1)
                .setRecords(NO_RECORDS);
    }

    @Override
    public ApiMessage errorResponse(FetchRequest request, ErrorCode error) {
        FetchResponse response = new FetchResponse().setErrorCode(error.code()).setSessionId(0);
        if (request == null) {
            return response;
        }
        for (FetchTopic fetchTopic : request.topics()) {
            List<PartitionData> partitions = new ArrayList<>();
            for (FetchPartition fetchPartition : fetchTopic.partitions()) {
                PartitionData data = new PartitionData().setPartitionIndex(fetchPartition.partition());
                fail(data, error);
                partitions.add(data);
            }
            response.responses().add(new FetchableTopicResponse().setTopic(fetchTopic.topic())
                    .setTopicId(fetchTopic.topicId()).setPartitions(partitions));
        }
        return response;
    }
}
