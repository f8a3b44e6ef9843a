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
public final class SnapshotTypes {
    private static final Set<String> KNOWN = Set.of("automated", "manual", "shared", "public", "awsbackup");
    /** What RDS lists when the call names no type. */
    private static final Set<String> WITHOUT_TYPE = Set.of("automated", "manual");

    private SnapshotTypes() {
    }

    /**
     * What a describe call asks for: a SnapshotType (or none), and whether shared and public snapshots of other
     * accounts join those listed without a type (IncludeShared, IncludePublic; D144).
     */
    public record Asked(String type, boolean includeShared, boolean includePublic) {
        public Asked {
            if (type != null && !KNOWN.contains(type)) {
                throw RdsErrors.invalidParameterValue("Invalid snapshot type: " + type);
            }
        }

        public Asked(String type, Boolean includeShared, Boolean includePublic) {
            this(type, Boolean.TRUE.equals(includeShared), Boolean.TRUE.equals(includePublic));
        }

        /** Whether snapshots shared with the caller by name are looked at. */
        boolean shared() {
            return "shared".equals(type) || type == null && includeShared;
        }

        /** Whether public snapshots of other accounts are looked at. */
        boolean publicOnes() {
            return "public".equals(type) || type == null && includePublic;
        }

        /**
         * Whether a snapshot is listed: never when a type is asked and it is of another; the one a call names by
         * identifier whatever its type; else those of the type asked, or without a type automated and manual ones
         * and the shared and public ones included.
         */
        boolean listed(String namedIdentifier, String identifier, String snapshotType) {
            if (type != null && !type.equals(snapshotType)) {
                return false;
            }
            if (namedIdentifier != null) {
                return namedIdentifier.equals(identifier);
            }
            return type != null || WITHOUT_TYPE.contains(snapshotType)
                    || includeShared && snapshotType.equals("shared") || includePublic && snapshotType.equals("public");
        }
    }

    /**
     * The order snapshots are listed and paged in: by identifier, then (as snapshots of other accounts may share an
     * identifier with the caller's) by ARN.
     */
    static String order(String identifier, String arn) {
        return identifier + " " + arn;
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
