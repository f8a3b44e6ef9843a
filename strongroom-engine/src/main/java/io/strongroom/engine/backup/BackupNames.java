package io.strongroom.engine.backup;

import java.util.regex.Pattern;

/** The name and ARN rules of AWS Backup's model (spec 1.1, 3.2, 4.1), checked on the server side. */
public final class BackupNames {
    private static final Pattern VAULT = Pattern.compile("[a-zA-Z0-9\\-_]{2,50}");
    private static final Pattern RULE_OR_SELECTION = Pattern.compile("[a-zA-Z0-9\\-_.]{1,50}");
    private static final Pattern PLAN = Pattern.compile("[a-zA-Z0-9\\-_.]{1,200}");
    private static final Pattern CREATOR_REQUEST_ID = Pattern.compile("[a-zA-Z0-9\\-_.]{1,50}");
    static final Pattern VAULT_ARN = Pattern.compile("arn:aws:backup:([a-z0-9-]+):(\\d{12}):backup-vault:(.+)");
    static final Pattern PLAN_ARN = Pattern.compile("arn:aws:backup:([a-z0-9-]+):(\\d{12}):backup-plan:(.+)");
    static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):role/.+");

    private BackupNames() {
    }

    public static String vaultName(String name) {
        if (name == null || name.isEmpty()) {
            throw BackupErrors.missingParameter("BackupVaultName");
        }
        if (!VAULT.matcher(name).matches()) {
            throw BackupErrors.invalidVaultName(name);
        }
        return name;
    }

    static void planName(String name) {
        if (name == null || name.isEmpty()) {
            throw BackupErrors.missingParameter("BackupPlanName");
        }
        if (!PLAN.matcher(name).matches()) {
            throw BackupErrors.invalidParameter("Invalid backup plan name " + name + ". Backup plan names must be 1 "
                    + "to 200 characters long and contain only alphanumeric characters, hyphens, underscores and "
                    + "periods.");
        }
    }

    static void ruleName(String name) {
        if (name == null || name.isEmpty()) {
            throw BackupErrors.missingParameter("RuleName");
        }
        if (!RULE_OR_SELECTION.matcher(name).matches()) {
            throw BackupErrors.invalidParameter("Invalid rule name " + name + ". Rule names must be 1 to 50 "
                    + "characters long and contain only alphanumeric characters, hyphens, underscores and periods.");
        }
    }

    static void selectionName(String name) {
        if (name == null || name.isEmpty()) {
            throw BackupErrors.missingParameter("SelectionName");
        }
        if (!RULE_OR_SELECTION.matcher(name).matches()) {
            throw BackupErrors.invalidParameter("Invalid selection name " + name + ". Selection names must be 1 to "
                    + "50 characters long and contain only alphanumeric characters, hyphens, underscores and periods.");
        }
    }

    static void creatorRequestId(String id) {
        if (id != null && !CREATOR_REQUEST_ID.matcher(id).matches()) {
            throw BackupErrors.invalidParameter("Invalid CreatorRequestId " + id + ". It must be 1 to 50 characters "
                    + "long and contain only alphanumeric characters, hyphens, underscores and periods.");
        }
    }

    static void vaultArn(String member, String arn) {
        if (arn == null || arn.isEmpty()) {
            throw BackupErrors.missingParameter(member);
        }
        var m = VAULT_ARN.matcher(arn);
        if (!m.matches() || !VAULT.matcher(m.group(3)).matches()) {
            throw BackupErrors.invalidParameter("Invalid " + member + " " + arn + ": it must be the ARN of a backup "
                    + "vault.");
        }
    }

    /** AWS Backup's tags: keys of 1-128 characters not starting with {@code aws:}, values of at most 256. */
    static void tags(java.util.Map<String, String> tags) {
        if (tags == null) {
            return;
        }
        tags.forEach((key, value) -> {
            if (key == null || key.isEmpty() || key.length() > 128) {
                throw BackupErrors.invalidParameter("Invalid tag key: a key must be 1 to 128 characters long.");
            }
            if (key.regionMatches(true, 0, "aws:", 0, 4)) {
                throw BackupErrors.invalidParameter("Invalid tag key " + key + ": keys starting with aws: are "
                        + "reserved.");
            }
            if (value != null && value.length() > 256) {
                throw BackupErrors.invalidParameter("Invalid tag value for key " + key + ": a value must be at most "
                        + "256 characters long.");
            }
        });
    }
}
