package io.brook.broker.group;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of a classic group, named as Kafka names them: ListGroups and DescribeGroups send
 * these names and clients parse them. Each transition is checked against the state's valid
 * previous states ({@link ClassicGroup#transitionTo}).
 *
 * <pre>
 *   Empty ──join──▶ PreparingRebalance ──all joined / timeout──▶ CompletingRebalance ──leader sync──▶ Stable
 *     ▲                  │   ▲                                      │                                  │
 *     └──no members left─┘   └──────────── join, leave, expiry ─────┴──────────────────────────────────┘
 *   any ──DeleteGroups, offsets expired──▶ Dead
 * </pre>
 *
 * <table>
 * <caption>Valid previous states, checked at every transition</caption>
 * <tr><th>state</th><th>may follow</th></tr>
 * <tr><td>Empty</td><td>PreparingRebalance</td></tr>
 * <tr><td>PreparingRebalance</td><td>Stable, CompletingRebalance, Empty</td></tr>
 * <tr><td>CompletingRebalance</td><td>PreparingRebalance</td></tr>
 * <tr><td>Stable</td><td>CompletingRebalance</td></tr>
 * <tr><td>Dead</td><td>Stable, PreparingRebalance, CompletingRebalance, Empty, Dead</td></tr>
 * </table>
 */
public enum GroupState {
    /**
     * No members; the group may still hold committed offsets.
     * <ul>
     * <li>action: answer JoinGroup by adding the member and starting a rebalance; accept offset
     * commits from members outside group management (generation -1, empty member id); answer
     * Heartbeat and SyncGroup with UNKNOWN_MEMBER_ID; expire offsets after
     * offsets.retention.minutes; allow DeleteGroups.</li>
     * <li>transition: a member joins → PreparingRebalance; the group is deleted or its last
     * offset expires → Dead.</li>
     * </ul>
     */
    EMPTY("Empty"),
    /**
     * A rebalance is collecting members: it waits for every known member to rejoin, for at most
     * the largest rebalance timeout (or, from Empty, for group.initial.rebalance.delay.ms after the
     * last new member).
     * <ul>
     * <li>action: hold JoinGroup responses until the join phase completes; answer Heartbeat with
     * REBALANCE_IN_PROGRESS and SyncGroup with REBALANCE_IN_PROGRESS; accept offset commits of the
     * current generation (the members still own their partitions until they rejoin).</li>
     * <li>transition: the join phase completes with members → CompletingRebalance (next
     * generation, protocol chosen by vote); it completes with none → Empty (next generation).</li>
     * </ul>
     */
    PREPARING_REBALANCE("PreparingRebalance"),
    /**
     * The new generation's members have their JoinGroup responses; the leader computes the
     * assignment.
     * <ul>
     * <li>action: hold SyncGroup responses until the leader's SyncGroup brings the assignment;
     * answer Heartbeat of the new generation with NONE; refuse offset commits with
     * REBALANCE_IN_PROGRESS.</li>
     * <li>transition: the leader's assignment is stored → Stable; a member joins, leaves, expires
     * or does not sync within the rebalance timeout → PreparingRebalance.</li>
     * </ul>
     */
    COMPLETING_REBALANCE("CompletingRebalance"),
    /**
     * Every member has its assignment.
     * <ul>
     * <li>action: answer Heartbeat and SyncGroup of the current generation; accept offset commits
     * of the current generation; a follower rejoining with unchanged metadata gets the current
     * generation back without a rebalance.</li>
     * <li>transition: a member joins (new, leader, or with changed metadata), leaves or expires
     * → PreparingRebalance.</li>
     * </ul>
     */
    STABLE("Stable"),
    /**
     * The group is gone: deleted, or emptied of offsets by expiry or topic deletion. It leaves the
     * coordinator's map in the same step, so later requests find no group at all.
     * <ul>
     * <li>action: only a store write still in flight for the group sees it, and drops its result
     * (a commit is not applied to a deleted group).</li>
     * <li>transition: none.</li>
     * </ul>
     */
    DEAD("Dead");

    static {
        EMPTY.validPrevious = EnumSet.of(PREPARING_REBALANCE);
        PREPARING_REBALANCE.validPrevious = EnumSet.of(STABLE, COMPLETING_REBALANCE, EMPTY);
        COMPLETING_REBALANCE.validPrevious = EnumSet.of(PREPARING_REBALANCE);
        STABLE.validPrevious = EnumSet.of(COMPLETING_REBALANCE);
        DEAD.validPrevious = EnumSet.of(STABLE, PREPARING_REBALANCE, COMPLETING_REBALANCE, EMPTY, DEAD);
    }

    private final String kafkaName;
    private Set<GroupState> validPrevious;

    GroupState(String kafkaName) {
        this.kafkaName = kafkaName;
    }

    /** The name Kafka's clients and tools know the state by. */
    public String kafkaName() {
        return kafkaName;
    }

    boolean canFollow(GroupState previous) {
        return validPrevious.contains(previous);
    }

    /** The state with Kafka name {@code name}, case-insensitively (ListGroups filters), or null. */
    public static GroupState ofKafkaName(String name) {
        for (GroupState state : values()) {
            if (state.kafkaName.equalsIgnoreCase(name)) {
                return state;
            }
        }
        return null;
    }
}
