package io.brook.broker.handler;

import io.brook.broker.producer.ProducerIdManager;
import io.brook.protocol.ApiMessage;
import io.brook.protocol.ErrorCode;
import io.brook.protocol.message.ApiKey;
import io.brook.protocol.message.InitProducerIdRequest;
import io.brook.protocol.message.InitProducerIdResponse;

/**
 * InitProducerId (key 22), versions 0-5. Behaviour: an idempotent producer (no transactional id)
 * gets a producer id never handed out before, restarts included, with epoch 0; an idempotent
 * producer that asks to bump its epoch gets a fresh id instead, as Kafka does for a null
 * transactional id. Transactions are not supported: a transactional id gets INVALID_REQUEST.
 * Reserving a block of ids writes to disk, so this runs on the control plane.
 * Version notes: the current producer id and epoch fields (version 3 on) are accepted and ignored.
 */
public final class InitProducerIdHandler implements ApiHandler<InitProducerIdRequest> {
    private static final short FIRST_EPOCH = 0;

    private final ProducerIdManager producerIds;
    private final ControlPlane controlPlane;

    public InitProducerIdHandler(ProducerIdManager producerIds, ControlPlane controlPlane) {
        this.producerIds = producerIds;
        this.controlPlane = controlPlane;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.INIT_PRODUCER_ID;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 5;
    }

    @Override
    public void handle(RequestContext context, InitProducerIdRequest request) {
        if (request.transactionalId() != null) {
            context.respond(errorResponse(request, ErrorCode.INVALID_REQUEST));
            return;
        }
        controlPlane.submit(context, this, request, r -> new InitProducerIdResponse()
                .setErrorCode(ErrorCode.NONE.code())
                .setProducerId(producerIds.nextProducerId())
                .setProducerEpoch(FIRST_EPOCH));
    }

    @Override
    public ApiMessage errorResponse(InitProducerIdRequest request, ErrorCode error) {
        return new InitProducerIdResponse().setErrorCode(error.code()).setProducerId(-1).setProducerEpoch((short) -1);
    }
}
