package io.strongroom.rds;

import java.util.Set;

/**
 * The snapshot types DescribeDBSnapshots and DescribeDBClusterSnapshots take, and which snapshots a call lists by
 * them (D108, D114).
 */
final class SnapshotTypes {
    private static final Set<String> KNOWN = Set.of("automated", "manual", "shared", "public", "awsbackup");
    /** What RDS lists when the call names no type. */
    private static final Set<String> WITHOUT_TYPE = Set.of("automated", "manual");

    private SnapshotTypes() {
    }

    static void check(String asked) {
        if (asked != null && !KNOWN.contains(asked)) {
            throw RdsErrors.invalidParameterValue("Invalid snapshot type: " + asked);
        }
    }

    /**
     * Whether a snapshot is listed: never when a type is asked and it is of another; the one a call names by
     * identifier whatever its type; else those of the type asked, or automated and manual ones without a type.
     */
    static boolean listed(String namedIdentifier, String askedType, String identifier, String type) {
        if (askedType != null && !askedType.equals(type)) {
            return false;
        }
        if (namedIdentifier != null) {
            return namedIdentifier.equals(identifier);
        }
        return askedType != null || WITHOUT_TYPE.contains(type);
    }
}
