package io.strongroom.engine.kms;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A grant on a key: the grantee principal may perform {@code operations} on it, within the encryption-context
 * constraint (at most one of {@code contextSubset} and {@code contextEquals} is set).
 */
public record KmsGrant(String keyArn, String grantId, String name, String granteePrincipal, String retiringPrincipal,
                       String issuingAccount, List<String> operations, Map<String, String> contextSubset,
                       Map<String, String> contextEquals, Instant created) {
    public KmsGrant {
        operations = List.copyOf(operations);
        contextSubset = contextSubset == null ? null : Map.copyOf(contextSubset);
        contextEquals = contextEquals == null ? null : Map.copyOf(contextEquals);
    }
}
