package io.brook.broker.group;

/** A group as ListGroups shows it; every group here is a classic group. */
public record GroupListing(String groupId, String protocolType, String state) {
    /** The group type ListGroups v5 reports and filters on. */
    public static final String CLASSIC_TYPE = "classic";
}
