package io.strongroom.engine.kms;

import io.strongroom.engine.identity.Principal;
import io.strongroom.engine.ids.IdGenerator;
import io.strongroom.storage.Tx;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Grants: a grantee principal may perform the grant's operations on the key. The Authorizer sees each grant as an
 * Allow statement of the key policy naming the grantee (decision D35), so a grant needs no IAM permission in the
 * key's account and an explicit Deny anywhere still wins.
 */
public final class KmsGrants {
    /** The grant operations a symmetric encryption key accepts. */
    static final Set<String> OPERATIONS = Set.of("Decrypt", "Encrypt", "GenerateDataKey",
            "GenerateDataKeyWithoutPlaintext", "ReEncryptFrom", "ReEncryptTo", "CreateGrant", "RetireGrant",
            "DescribeKey");
    private static final Pattern GRANT_ID = Pattern.compile("[0-9a-f]{64}");

    private final KmsService keys;
    private final IdGenerator ids;
    private final Clock clock;

    public KmsGrants(KmsService keys, IdGenerator ids, Clock clock) {
        this.keys = keys;
        this.ids = ids;
        this.clock = clock;
    }

    public record CreateGrantInput(String keyId, String granteePrincipal, String retiringPrincipal,
                                   List<String> operations, Map<String, String> contextSubset,
                                   Map<String, String> contextEquals, String name) {
    }

    /** The grant and its token (the grant id doubles as the token: KMS here is consistent at once). */
    public KmsGrant createGrant(Tx tx, String account, String region, CreateGrantInput in) {
        if (in.granteePrincipal() == null || in.granteePrincipal().isEmpty()) {
            throw KmsErrors.constraint("null", "granteePrincipal", "Member must not be null");
        }
        if (in.operations() == null || in.operations().isEmpty()) {
            throw KmsErrors.validation("Operations must not be empty.");
        }
        for (String op : in.operations()) {
            if (!OPERATIONS.contains(op)) {
                throw KmsErrors.validation("Grant operation " + op + " is not valid for a symmetric encryption "
                        + "KMS key.");
            }
        }
        if (in.contextSubset() != null && in.contextEquals() != null) {
            throw KmsErrors.validation("Only one of EncryptionContextSubset and EncryptionContextEquals may be set.");
        }
        KmsKey key = keys.keyByIdOrArn(tx, account, region, in.keyId());
        KmsService.requireUsable(key);
        KmsGrant wanted = new KmsGrant(key.arn(), null, in.name(), in.granteePrincipal(), in.retiringPrincipal(),
                account, List.copyOf(new java.util.TreeSet<>(in.operations())), in.contextSubset(),
                in.contextEquals(), Instant.now(clock));
        if (in.name() != null) {
            // CreateGrant with the name and parameters of an existing grant returns that grant.
            for (KmsGrant existing : keys.store.grants(tx, key.keyId())) {
                if (sameParameters(existing, wanted)) {
                    return existing;
                }
            }
        }
        KmsGrant grant = new KmsGrant(key.arn(), ids.hex(tx, 64), in.name(), in.granteePrincipal(),
                in.retiringPrincipal(), account, wanted.operations(), in.contextSubset(), in.contextEquals(),
                wanted.created());
        keys.store.putGrant(tx, key.keyId(), grant);
        return grant;
    }

    private static boolean sameParameters(KmsGrant a, KmsGrant b) {
        return Objects.equals(a.name(), b.name()) && a.granteePrincipal().equals(b.granteePrincipal())
                && Objects.equals(a.retiringPrincipal(), b.retiringPrincipal()) && a.operations().equals(b.operations())
                && Objects.equals(a.contextSubset(), b.contextSubset())
                && Objects.equals(a.contextEquals(), b.contextEquals());
    }

    public KmsService.Page<KmsGrant> listGrants(Tx tx, String account, String region, String keyId, String grantId,
                                                String granteePrincipal, Integer limit, String marker) {
        KmsKey key = keys.keyByIdOrArn(tx, account, region, keyId);
        List<KmsGrant> all = keys.store.grants(tx, key.keyId()).stream()
                .filter(g -> grantId == null || g.grantId().equals(grantId))
                .filter(g -> granteePrincipal == null || g.granteePrincipal().equals(granteePrincipal)).toList();
        return KmsService.page(all, KmsGrant::grantId, limit, 100, 50, marker);
    }

    public void revokeGrant(Tx tx, String account, String region, String keyId, String grantId) {
        KmsKey key = keys.keyByIdOrArn(tx, account, region, keyId);
        remove(tx, key, grantId);
    }

    /**
     * RetireGrant by token, or by key and grant id. Its permission is the grant itself: the retiring principal,
     * or the grantee when the grant includes RetireGrant, may retire it.
     */
    public void retireGrant(Tx tx, Principal caller, String region, String grantToken, String keyId, String grantId) {
        String id = grantToken != null ? grantToken : grantId;
        if (id == null) {
            throw KmsErrors.validation("Either GrantToken or both KeyId and GrantId must be specified.");
        }
        if (grantToken != null && !GRANT_ID.matcher(grantToken).matches()) {
            throw KmsErrors.invalidGrantToken();
        }
        KmsGrant grant;
        if (keyId != null) {
            KmsKey key = keys.keyByIdOrArn(tx, caller.accountId(), region, keyId);
            grant = find(tx, key, id);
        } else {
            grant = findAnywhere(tx, id);
        }
        String who = caller.principalArn();
        boolean retiring = who.equals(grant.retiringPrincipal()) || caller.arn().equals(grant.retiringPrincipal());
        boolean grantee = (who.equals(grant.granteePrincipal()) || caller.arn().equals(grant.granteePrincipal()))
                && grant.operations().contains("RetireGrant");
        if (!retiring && !grantee) {
            throw KmsErrors.accessDenied("User: " + caller.arn() + " is not authorized to perform: kms:RetireGrant "
                    + "on resource: " + grant.keyArn() + " because it is neither the grant's retiring principal "
                    + "nor a grantee allowed to retire it");
        }
        keys.store.deleteGrant(tx, KmsKeyId.of(grant.keyArn()), grant.grantId());
    }

    /** A token names its grant but not its key (which may be another account's): every grant is looked at. */
    private KmsGrant findAnywhere(Tx tx, String grantId) {
        return keys.store.allGrants(tx).stream().filter(g -> g.grantId().equals(grantId)).findFirst()
                .orElseThrow(() -> KmsErrors.grantNotFound(grantId));
    }

    private KmsGrant find(Tx tx, KmsKey key, String grantId) {
        if (grantId == null) {
            throw KmsErrors.constraint("null", "grantId", "Member must not be null");
        }
        if (!GRANT_ID.matcher(grantId).matches()) {
            throw KmsErrors.invalidGrantId(grantId);
        }
        return keys.store.grant(tx, key.keyId(), grantId).orElseThrow(() -> KmsErrors.grantNotFound(grantId));
    }

    private void remove(Tx tx, KmsKey key, String grantId) {
        keys.store.deleteGrant(tx, key.keyId(), find(tx, key, grantId).grantId());
    }
}
