package io.brook.broker.group;

import java.util.Map;

/**
 * A SyncGroup request. {@code assignments} (member id to assignment) comes from the leader only;
 * {@code protocolType} and {@code protocolName} are null before SyncGroup v5.
 */
public record SyncParams(String groupId, int generationId, String memberId, String groupInstanceId, String protocolType,
                         String protocolName, Map<String, byte[]> assignments) {
}
