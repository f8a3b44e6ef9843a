package io.strongroom.resource;

import io.strongroom.storage.Tx;

import java.util.Optional;

/**
 * Where the Authorizer finds who owns a resource and the resource-based policy attached to it (an S3
 * bucket policy, later a backup vault access policy or a KMS key policy).
 */
public interface ResourcePolicySource {
    /** Whether an ARN names a resource of this source. */
    boolean owns(String arn);

    /**
     * The owner and policy of the resource as {@code action} sees it; empty when no such resource exists,
     * or when the action does not act on an existing resource (creating one).
     */
    Optional<ResourceAccess> access(Tx tx, String arn, String action);

    /** The owning account, and the policy document (null when the resource has none). */
    record ResourceAccess(String ownerAccount, String policyDocument) {
    }
}
