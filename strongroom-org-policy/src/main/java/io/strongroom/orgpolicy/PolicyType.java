package io.strongroom.orgpolicy;

import java.util.Locale;
import java.util.Optional;

/**
 * The thirteen Organizations policy types, with the per-type facts the service needs.
 *
 * <p>Sizes and attachment limits come from the spec (2.11, 4.1, 4.4, 4.6) and, for the types the spec leaves out,
 * from the Organizations quotas page: AI services opt-out 2,500 characters and 5 per target; every other
 * management type 10,000 characters and 10 per target. The SCP size here is the current default; older
 * organizations used 5,120, which {@link PolicyValidationOptions#scpContentLimit()} can restore.
 */
public enum PolicyType {
    SERVICE_CONTROL_POLICY(PolicyFamily.AUTHORIZATION, 10_240, 10),
    RESOURCE_CONTROL_POLICY(PolicyFamily.AUTHORIZATION, 5_120, 5),
    BACKUP_POLICY(PolicyFamily.MANAGEMENT, 10_000, 10),
    TAG_POLICY(PolicyFamily.MANAGEMENT, 10_000, 10),
    AISERVICES_OPT_OUT_POLICY(PolicyFamily.MANAGEMENT, 2_500, 5),
    CHATBOT_POLICY(PolicyFamily.MANAGEMENT, 10_000, 10),
    DECLARATIVE_POLICY_EC2(PolicyFamily.MANAGEMENT, 10_000, 10),
    SECURITYHUB_POLICY(PolicyFamily.MANAGEMENT, 10_000, 10),
    INSPECTOR_POLICY(PolicyFamily.MANAGEMENT, 10_000, 10),
    UPGRADE_ROLLOUT_POLICY(PolicyFamily.MANAGEMENT, 10_000, 10),
    BEDROCK_POLICY(PolicyFamily.MANAGEMENT, 10_000, 10),
    S3_POLICY(PolicyFamily.MANAGEMENT, 10_000, 10),
    NETWORK_SECURITY_DIRECTOR_POLICY(PolicyFamily.MANAGEMENT, 10_000, 10);

    private final PolicyFamily family;
    private final int contentLimit;
    private final int maxAttachmentsPerTarget;

    PolicyType(PolicyFamily family, int contentLimit, int maxAttachmentsPerTarget) {
        this.family = family;
        this.contentLimit = contentLimit;
        this.maxAttachmentsPerTarget = maxAttachmentsPerTarget;
    }

    public PolicyFamily family() {
        return family;
    }

    public boolean isManagement() {
        return family == PolicyFamily.MANAGEMENT;
    }

    public boolean isAuthorization() {
        return family == PolicyFamily.AUTHORIZATION;
    }

    /** The segment of a customer policy ARN: {@code policy/<org>/<segment>/<id>}. */
    public String arnSegment() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Maximum content length in characters (whitespace counts); see {@link PolicyValidationOptions#contentLimit}. */
    public int defaultContentLimit() {
        return contentLimit;
    }

    /** Policies of this type directly attached to one root, OU or account; inherited ones don't count. */
    public int maxAttachmentsPerTarget() {
        return maxAttachmentsPerTarget;
    }

    /** The wire name is the constant name; unknown names are the caller's {@code INVALID_ENUM_POLICY_TYPE}. */
    public static Optional<PolicyType> fromWireName(String name) {
        for (PolicyType type : values()) {
            if (type.name().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
