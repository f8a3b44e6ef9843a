package io.strongroom.engine.kms;

import io.strongroom.engine.kms.policy.GrantStatements;
import io.strongroom.resource.ResourcePolicySource;
import io.strongroom.storage.Tx;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Key owners and key policies, for the Authorizer. The IAM policy engine treats a KMS key's policy as required
 * (spec 4.4): without an Allow in it (or in a grant) nobody, not even the account's root, may use the key; the
 * default policy's account statement hands the decision to the account's IAM policies.
 */
public final class KmsKeyPolicies implements ResourcePolicySource {
    private static final Pattern KEY_ARN = Pattern.compile("arn:aws:kms:([a-z0-9-]+):(\\d{12}):key/(.+)");

    private final KmsStore store;

    public KmsKeyPolicies(KmsService kms) {
        this.store = kms.store;
    }

    @Override
    public boolean owns(String arn) {
        return arn != null && KEY_ARN.matcher(arn).matches();
    }

    @Override
    public Optional<ResourceAccess> access(Tx tx, String arn, String action) {
        Matcher m = KEY_ARN.matcher(arn);
        if (!m.matches()) {
            return Optional.empty();
        }
        return store.key(tx, m.group(2), m.group(1), m.group(3)).map(key -> new ResourceAccess(key.accountId(),
                GrantStatements.withGrants(key.policy(), store.grants(tx, key.keyId()))));
    }
}
