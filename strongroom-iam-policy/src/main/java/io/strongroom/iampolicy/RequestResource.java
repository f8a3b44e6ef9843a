package io.strongroom.iampolicy;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The target of the request.
 *
 * @param arn               null for actions without a resource (policies then need {@code "Resource":"*"}, and
 *                          AccessDenied omits "on resource:")
 * @param accountId         the owner; null means the caller's own account
 * @param managementAccount the owner is its organization's management account: exempt from RCPs
 * @param organizationId    the owner's organization, null outside one
 * @param tags              the resource's tags ({@code aws:ResourceTag/*}), read only when a condition asks for one;
 *                          null when the resource has none Strongroom knows
 */
public record RequestResource(String arn, String accountId, boolean managementAccount, String organizationId,
                              Supplier<Map<String, String>> tags) {

    public RequestResource(String arn, String accountId, boolean managementAccount, String organizationId) {
        this(arn, accountId, managementAccount, organizationId, null);
    }

    /** The owner read from the ARN's account segment (empty for S3 buckets: then pass it with {@link #owned}). */
    public static RequestResource of(String arn) {
        String account = Arns.isArn(arn) ? Arns.segment(arn, 4) : "";
        return new RequestResource(arn, account.isEmpty() ? null : account, false, null);
    }

    public static RequestResource owned(String arn, String accountId) {
        return new RequestResource(arn, accountId, false, null);
    }

    public static RequestResource none() {
        return new RequestResource(null, null, false, null);
    }

    public RequestResource withOrganization(String value, boolean isManagementAccount) {
        return new RequestResource(arn, accountId, isManagementAccount, value, tags);
    }

    public RequestResource withTags(Supplier<Map<String, String>> value) {
        return new RequestResource(arn, accountId, managementAccount, organizationId, value);
    }

    /** KMS key policies are required like trust policies (spec 4.4). */
    boolean kmsKey() {
        return Arns.isArn(arn) && Arns.segment(arn, 2).equals("kms") && Arns.segment(arn, 5).startsWith("key/");
    }
}
