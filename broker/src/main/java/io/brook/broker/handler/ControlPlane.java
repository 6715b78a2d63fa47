package io.brook.broker.handler;

import io.brook.protocol.ApiMessage;
import io.brook.protocol.ErrorCode;
import java.lang.System.Logger.Level;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One thread for requests that touch the disk outside the append path (creating and deleting
 * topics, changing their settings, reserving producer ids, timestamp lookups), so that event
 * loops never block on them.
 * Its queue is bounded: when it is full, the request fails with UNKNOWN_SERVER_ERROR rather than
 * waiting in an unbounded line.
 */
public final class ControlPlane implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ControlPlane.class.getName());
    private static final int QUEUE_CAPACITY = 4096;
    private static final long SHUTDOWN_WAIT_SECONDS = 30;

    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY), runnable -> {
                Thread thread = new Thread(runnable, "control-plane");
                thread.setDaemon(false);
                return thread;
            });

    /** What a control-plane request does; may block, may throw. */
    @FunctionalInterface
    public interface Work<Q> {
        ApiMessage apply(Q request) throws Exception;
    }

    /**
     * Runs {@code work} on the control-plane thread and responds with its result, or with the
     * handler's error response when it throws. Throws RejectedExecutionException when the queue is full.
     */
    public <Q extends ApiMessage> void submit(RequestContext context, ApiHandler<Q> handler, Q request, Work<Q> work) {
        executor.execute(() -> {
            ApiMessage response;
            try {
                response = work.apply(request);
            } catch (Exception e) {
                LOG.log(Level.ERROR, handler.apiKey().apiName() + " request from client " + context.clientId() + " failed.", e);
                response = handler.errorResponse(request, ErrorCode.UNKNOWN_SERVER_ERROR);
            }
            context.respond(response);
        });
    }

    /** Runs {@code task} on the control-plane thread; throws RejectedExecutionException when the queue is full. */
    public void execute(Runnable task) {
        executor.execute(task);
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
            LOG.log(Level.WARNING, "Control-plane requests were still running after {0} seconds of shutdown.", SHUTDOWN_WAIT_SECONDS);
        }
    }
}
