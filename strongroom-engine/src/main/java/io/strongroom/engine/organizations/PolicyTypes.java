package io.strongroom.engine.organizations;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The Organizations policy types, their families, and the AWS-managed authorization policies. */
public final class PolicyTypes {
    public static final String SCP = "SERVICE_CONTROL_POLICY";
    public static final String RCP = "RESOURCE_CONTROL_POLICY";
    public static final String BACKUP = "BACKUP_POLICY";
    public static final String TAG = "TAG_POLICY";

    public static final List<String> ALL = List.of(SCP, RCP, BACKUP, TAG, "AISERVICES_OPT_OUT_POLICY",
            "CHATBOT_POLICY", "DECLARATIVE_POLICY_EC2", "SECURITYHUB_POLICY", "INSPECTOR_POLICY",
            "UPGRADE_ROLLOUT_POLICY", "BEDROCK_POLICY", "S3_POLICY", "NETWORK_SECURITY_DIRECTOR_POLICY");
    private static final Set<String> AUTHORIZATION = Set.of(SCP, RCP);

    public static final String FULL_AWS_ACCESS_ID = "p-FullAWSAccess";
    public static final String RCP_FULL_AWS_ACCESS_ID = "p-RCPFullAWSAccess";

    public static final OrgPolicy FULL_AWS_ACCESS = new OrgPolicy(FULL_AWS_ACCESS_ID, SCP, "FullAWSAccess",
            "Allows access to every operation",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
            true);
    public static final OrgPolicy RCP_FULL_AWS_ACCESS = new OrgPolicy(RCP_FULL_AWS_ACCESS_ID, RCP,
            "RCPFullAWSAccess", "Allows access to every operation",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\","
                    + "\"Resource\":\"*\"}]}",
            true);
    public static final List<OrgPolicy> AWS_MANAGED = List.of(FULL_AWS_ACCESS, RCP_FULL_AWS_ACCESS);

    private PolicyTypes() {
    }

    public static boolean known(String type) {
        return type != null && ALL.contains(type);
    }

    public static boolean authorization(String type) {
        return AUTHORIZATION.contains(type);
    }

    public static boolean management(String type) {
        return known(type) && !authorization(type);
    }

    /** The AWS-managed policy every node carries while its authorization type is enabled. */
    public static OrgPolicy defaultPolicy(String type) {
        return SCP.equals(type) ? FULL_AWS_ACCESS : RCP.equals(type) ? RCP_FULL_AWS_ACCESS : null;
    }

    /** Directly attached policies of one type a node may carry at most. */
    public static int maxAttachments(String type) {
        return SCP.equals(type) ? 10 : RCP.equals(type) ? 5 : 10;
    }

    /** SERVICE_CONTROL_POLICY → ServiceControlPolicy, as AWS writes it in messages. */
    public static String camelName(String type) {
        StringBuilder out = new StringBuilder();
        for (String part : type.toLowerCase(Locale.ROOT).split("_")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }

    public static String arn(OrgPolicy policy, Organization org) {
        String segment = policy.type().toLowerCase(Locale.ROOT);
        if (policy.awsManaged()) {
            return "arn:aws:organizations::aws:policy/" + segment + "/" + policy.id();
        }
        return "arn:aws:organizations::" + org.managementAccountId() + ":policy/" + org.id() + "/" + segment + "/"
                + policy.id();
    }
}
