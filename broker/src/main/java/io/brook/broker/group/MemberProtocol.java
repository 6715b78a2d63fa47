package io.brook.broker.group;

/** A protocol a member supports (an assignor, for consumers), with the metadata it sends for it. */
public record MemberProtocol(String name, byte[] metadata) {
}
