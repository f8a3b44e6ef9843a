package io.strongroom.rds;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** RDS's value rules for the engines served (postgres, aurora-postgresql), as AWS states them. */
public final class RdsRules {
    public static final String POSTGRES = "postgres";
    public static final String AURORA_POSTGRESQL = "aurora-postgresql";
    /** Engines AWS offers that Strongroom gives no database (see docs/decisions.md). */
    static final Set<String> OTHER_AWS_ENGINES = Set.of("mysql", "mariadb", "aurora-mysql", "aurora",
            "oracle-ee", "oracle-ee-cdb", "oracle-se2", "oracle-se2-cdb", "sqlserver-ee", "sqlserver-se",
            "sqlserver-ex", "sqlserver-web", "db2-ae", "db2-se", "custom-oracle-ee", "custom-oracle-ee-cdb",
            "custom-oracle-se2", "custom-oracle-se2-cdb", "custom-sqlserver-ee", "custom-sqlserver-se",
            "custom-sqlserver-web");
    static final Set<String> STORAGE_TYPES = Set.of("gp2", "gp3", "io1", "io2", "standard");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z](?:[A-Za-z0-9]|-(?=[A-Za-z0-9]))*");
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}");
    private static final Pattern DB_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}");
    private static final Set<String> RESERVED_USERNAMES = Set.of("rdsadmin", "rdsrepladmin", "rds_superuser",
            "rds_replication", "rds_password", "public", "user", "select", "table", "all", "current_user",
            "session_user");
    private static final Set<String> POSTGRES_CLASSES = classes(
            new String[]{"t3", "t4g"}, new String[]{"micro", "small", "medium", "large", "xlarge", "2xlarge"},
            new String[]{"m5", "m5d", "m6g", "m6gd", "m6i", "m6id", "m7g", "m7i", "r5", "r5b", "r5d", "r6g",
                    "r6gd", "r6i", "r6id", "r7g", "r7i", "x2g"},
            new String[]{"large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"});
    private static final Set<String> AURORA_CLASSES = aurora();

    private RdsRules() {
    }

    private static Set<String> classes(String[] burstable, String[] burstableSizes, String[] families,
                                       String[] sizes) {
        Set<String> out = new LinkedHashSet<>();
        for (String f : burstable) {
            for (String s : burstableSizes) {
                out.add("db." + f + "." + s);
            }
        }
        for (String f : families) {
            for (String s : sizes) {
                out.add("db." + f + "." + s);
            }
        }
        return Set.copyOf(out);
    }

    private static Set<String> aurora() {
        Set<String> out = new LinkedHashSet<>(classes(new String[]{"t3", "t4g"}, new String[]{"medium", "large"},
                new String[]{"r5", "r6g", "r6gd", "r6i", "r6id", "r7g", "r7i", "r8g", "x2g"},
                new String[]{"large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge",
                        "24xlarge"}));
        out.add("db.serverless");
        return Set.copyOf(out);
    }

    /** A DBInstanceIdentifier or DBClusterIdentifier, lower-cased as RDS stores it. */
    public static String identifier(String parameter, String value) {
        if (value == null || value.isBlank()) {
            throw RdsErrors.missing(parameter);
        }
        if (value.length() > 63 || !IDENTIFIER.matcher(value).matches()) {
            throw RdsErrors.invalidIdentifier(parameter);
        }
        return value.toLowerCase(Locale.ROOT);
    }

    /** A DB snapshot's identifier: as an instance's, up to 255 characters (lower-cased, as RDS keeps it). */
    static String snapshotIdentifier(String parameter, String value) {
        if (value == null || value.isBlank()) {
            throw RdsErrors.missing(parameter);
        }
        if (value.length() > 255 || !IDENTIFIER.matcher(value).matches()) {
            throw RdsErrors.invalidIdentifier(parameter);
        }
        return value.toLowerCase(Locale.ROOT);
    }

    /** The engine, when Strongroom serves it; AWS's error otherwise. */
    static String engine(String engine, String instanceClass) {
        if (engine == null || engine.isBlank()) {
            throw RdsErrors.missing("Engine");
        }
        String e = engine.toLowerCase(Locale.ROOT);
        if (e.equals(POSTGRES) || e.equals(AURORA_POSTGRESQL)) {
            return e;
        }
        if (OTHER_AWS_ENGINES.contains(e)) {
            throw RdsErrors.unsupportedCombination(instanceClass, e, "");
        }
        throw RdsErrors.invalidParameterValue("Invalid DB engine: " + engine);
    }

    static String engineVersion(String engine, String version) {
        String defaultVersion = engine.equals(POSTGRES) ? "17.4" : "16.6";
        if (version == null || version.isEmpty()) {
            return defaultVersion;
        }
        var m = Pattern.compile("(\\d+)(?:\\.(\\d+))?").matcher(version);
        int major = m.matches() ? Integer.parseInt(m.group(1)) : -1;
        if (major < 11 || major > 17 || (engine.equals(AURORA_POSTGRESQL) && m.group(2) == null)) {
            throw RdsErrors.invalidParameterCombination("Cannot find version " + version + " for " + engine);
        }
        return m.group(2) == null ? major + ".1" : version;
    }

    static void instanceClass(String instanceClass, String engine, String version) {
        if (instanceClass == null || instanceClass.isBlank()) {
            throw RdsErrors.missing("DBInstanceClass");
        }
        Set<String> known = engine.equals(POSTGRES) ? POSTGRES_CLASSES : AURORA_CLASSES;
        if (!known.contains(instanceClass)) {
            throw RdsErrors.unsupportedCombination(instanceClass, engine, version);
        }
    }

    static String storageType(String type) {
        String t = type == null ? "gp2" : type;
        if (!STORAGE_TYPES.contains(t)) {
            throw RdsErrors.invalidParameterValue("Invalid storage type: " + type);
        }
        return t;
    }

    static void allocatedStorage(Integer size, String storageType) {
        int min = switch (storageType) {
            case "io1", "io2" -> 100;
            case "standard" -> 5;
            default -> 20;
        };
        int max = storageType.equals("standard") ? 3072 : 65536;
        if (size == null) {
            throw RdsErrors.invalidParameterValue("The AllocatedStorage parameter is required for engine postgres.");
        }
        if (size < min || size > max) {
            throw RdsErrors.invalidParameterCombination("Invalid storage size for engine name postgres and storage "
                    + "type " + storageType + ": " + size);
        }
    }

    static void masterUsername(String name) {
        if (name == null || name.isBlank()) {
            throw RdsErrors.missing("MasterUsername");
        }
        if (!USERNAME.matcher(name).matches()) {
            throw RdsErrors.invalidParameterValue("The parameter MasterUsername is not a valid identifier. "
                    + "Identifiers must begin with a letter; must contain only ASCII letters, digits, and "
                    + "underscores; and must be at most 63 characters.");
        }
        if (RESERVED_USERNAMES.contains(name.toLowerCase(Locale.ROOT))) {
            throw RdsErrors.invalidParameterValue("MasterUsername " + name + " cannot be used as it is a reserved "
                    + "word used by the engine");
        }
    }

    public static void masterPassword(String password) {
        if (password == null || password.isEmpty()) {
            throw RdsErrors.missing("MasterUserPassword");
        }
        if (password.length() < 8) {
            throw RdsErrors.invalidParameterValue("The parameter MasterUserPassword is not a valid password because "
                    + "it is shorter than 8 characters.");
        }
        if (password.length() > 128) {
            throw RdsErrors.invalidParameterValue("The parameter MasterUserPassword is not a valid password because "
                    + "it is longer than 128 characters.");
        }
        for (char c : password.toCharArray()) {
            if (c < 0x21 || c > 0x7e || c == '/' || c == '"' || c == '@') {
                throw RdsErrors.invalidParameterValue("The parameter MasterUserPassword is not a valid password. "
                        + "Only printable ASCII characters besides '/', '@', '\"', ' ' may be used.");
            }
        }
    }

    static void dbName(String parameter, String name) {
        if (!DB_NAME.matcher(name).matches()) {
            throw RdsErrors.invalidParameterValue("The parameter " + parameter + " is not a valid identifier. It "
                    + "must begin with a letter and contain only ASCII letters, digits and underscores, at most 63.");
        }
    }

    static void port(Integer port) {
        if (port != null && (port < 1150 || port > 65535)) {
            throw RdsErrors.invalidParameterValue("Invalid port " + port + ". The port must be from 1150 to 65535.");
        }
    }

    static String availabilityZone(String region, String zone) {
        if (zone == null || zone.isEmpty()) {
            return region + "a";
        }
        if (!zone.startsWith(region) || !zone.substring(region.length()).matches("[a-c]")) {
            throw RdsErrors.invalidParameterValue("Invalid availability zone: " + zone);
        }
        return zone;
    }

    static int backupRetentionPeriod(Integer days) {
        if (days == null) {
            return 1;
        }
        if (days < 0 || days > 35) {
            throw RdsErrors.invalidParameterValue("Invalid backup retention period: " + days
                    + ". The value must be from 0 to 35.");
        }
        return days;
    }

    /** The key ARN RDS reports: ARNs as given, key ids and aliases as ARNs, else the aws/rds key's alias. */
    static String kmsKeyArn(String account, String region, String keyId) {
        String prefix = "arn:aws:kms:" + region + ":" + account + ":";
        if (keyId == null) {
            return prefix + "alias/aws/rds";
        }
        if (keyId.startsWith("arn:")) {
            return keyId;
        }
        return prefix + (keyId.startsWith("alias/") ? keyId : "key/" + keyId);
    }

    /** Whether a key ARN is the account's AWS managed key for RDS, which encrypted snapshots shared cannot use. */
    static boolean isDefaultKey(String keyArn) {
        return keyArn != null && keyArn.endsWith(":alias/aws/rds");
    }

    static void tags(java.util.Map<String, String> tags) {
        if (tags.size() > 50) {
            throw RdsErrors.invalidParameterValue("Cannot add more than 50 tags to a resource.");
        }
        tags.forEach((k, v) -> {
            if (k == null || k.isEmpty() || k.length() > 128) {
                throw RdsErrors.invalidParameterValue("Tag keys must be between 1 and 128 characters.");
            }
            if (v != null && v.length() > 256) {
                throw RdsErrors.invalidParameterValue("Tag values must be at most 256 characters.");
            }
            if (k.toLowerCase(Locale.ROOT).startsWith("aws:") || k.toLowerCase(Locale.ROOT).startsWith("rds:")) {
                throw RdsErrors.invalidParameterValue("Tag keys must not start with \"aws:\" or \"rds:\".");
            }
        });
    }

    /**
     * A new manual snapshot's tags (D128, D130): those given to the call; without them, the source's when it has
     * CopyTagsToSnapshot.
     */
    static java.util.Map<String, String> snapshotTags(java.util.Map<String, String> given, boolean copyTags,
                                                      java.util.Map<String, String> sources) {
        java.util.Map<String, String> own = given != null && !given.isEmpty() ? given
                : copyTags ? sources : java.util.Map.of();
        tags(own);
        return own;
    }
}
