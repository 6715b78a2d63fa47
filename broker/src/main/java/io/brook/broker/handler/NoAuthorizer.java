package io.brook.broker.handler;

/**
 * What Kafka answers ACL requests with when it runs without an authorizer, as this broker always
 * does: SECURITY_DISABLED, with Kafka's messages. Kafka words DescribeAcls' answer differently from
 * CreateAcls' and DeleteAcls', so both sentences are kept.
 */
final class NoAuthorizer {
    static final String DESCRIBE_MESSAGE = "No Authorizer is configured on the broker";
    static final String CHANGE_MESSAGE = "No Authorizer is configured.";

    private NoAuthorizer() {
    }
}
