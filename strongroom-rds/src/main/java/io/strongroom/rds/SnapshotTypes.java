package io.strongroom.rds;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

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

    /**
     * The snapshots a describe call looks at: the manual ones and AWS Backup's, all of them, or only the one the
     * call names by identifier (found without reading the others).
     */
    static <T> List<T> candidates(String namedIdentifier, Supplier<List<T>> manual, Supplier<List<T>> backup,
                                  Function<String, Optional<T>> manualOne, Function<String, Optional<T>> backupOne) {
        List<T> out = new ArrayList<>();
        if (namedIdentifier == null) {
            out.addAll(manual.get());
            out.addAll(backup.get());
        } else {
            manualOne.apply(namedIdentifier.toLowerCase(Locale.ROOT)).ifPresent(out::add);
            backupOne.apply(namedIdentifier).ifPresent(out::add);
        }
        return out;
    }
}
