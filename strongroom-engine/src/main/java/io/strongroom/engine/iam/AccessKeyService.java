package io.strongroom.engine.iam;

import io.strongroom.engine.identity.AccessKey;
import io.strongroom.engine.identity.Credential;
import io.strongroom.engine.identity.Principal;
import io.strongroom.engine.identity.PrincipalType;
import io.strongroom.storage.Tx;

import java.util.List;

/**
 * Long-term access keys of IAM users (and of the root user, when it calls without a user name). The
 * keys themselves live in the identity context, which authenticates calls with them.
 */
public final class AccessKeyService {
    static final int MAX_KEYS = 2;

    private final IamContext iam;

    AccessKeyService(IamContext iam) {
        this.iam = iam;
    }

    /** A new key and the name of the user it belongs to (null for the root user). */
    public record NewAccessKey(Credential credential, String userName, AccessKey key) {
    }

    /** An access key and the user it belongs to, as ListAccessKeys and GetAccessKeyLastUsed answer. */
    public record OwnedKey(AccessKey key, String userName) {
    }

    public NewAccessKey createAccessKey(Tx tx, Principal caller, String userName) {
        Owner owner = owner(tx, caller, userName);
        if (iam.identity.accessKeys(tx, owner.principal().principalId()).size() >= MAX_KEYS) {
            throw IamErrors.quota("AccessKeysPerUser", MAX_KEYS);
        }
        Credential credential = iam.identity.createAccessKey(tx, owner.principal());
        AccessKey key = iam.identity.accessKey(tx, credential.accessKeyId()).orElseThrow();
        return new NewAccessKey(credential, owner.userName(), key);
    }

    public IamPage<OwnedKey> listAccessKeys(Tx tx, Principal caller, String userName, String marker, Integer maxItems) {
        Owner owner = owner(tx, caller, userName);
        List<OwnedKey> keys = iam.identity.accessKeys(tx, owner.principal().principalId()).stream()
                .map(k -> new OwnedKey(k, owner.userName())).toList();
        return IamPage.of(keys, k -> k.key().accessKeyId(), marker, maxItems);
    }

    public void updateAccessKey(Tx tx, Principal caller, String userName, String accessKeyId, String status) {
        IamInput.length("accessKeyId", accessKeyId, 16, 128);
        boolean active = IamInput.status(status).equals("Active");
        AccessKey key = ownKey(tx, caller, userName, accessKeyId);
        if (key.active() != active) {
            iam.identity.setAccessKeyActive(tx, accessKeyId, active);
        }
    }

    public void deleteAccessKey(Tx tx, Principal caller, String userName, String accessKeyId) {
        IamInput.length("accessKeyId", accessKeyId, 16, 128);
        ownKey(tx, caller, userName, accessKeyId);
        iam.identity.deleteAccessKey(tx, accessKeyId);
    }

    /** A key of the caller's account and the user it belongs to. */
    public OwnedKey getAccessKeyLastUsed(Tx tx, Principal caller, String accessKeyId) {
        IamInput.length("accessKeyId", accessKeyId, 16, 128);
        AccessKey key = iam.identity.accessKey(tx, accessKeyId)
                .filter(k -> k.principal().accountId().equals(caller.accountId()))
                .orElseThrow(() -> IamErrors.noSuchAccessKey(accessKeyId));
        return new OwnedKey(key, key.principal().userName());
    }

    private AccessKey ownKey(Tx tx, Principal caller, String userName, String accessKeyId) {
        Owner owner = owner(tx, caller, userName);
        return iam.identity.accessKey(tx, accessKeyId)
                .filter(k -> k.principal().principalId().equals(owner.principal().principalId()))
                .orElseThrow(() -> IamErrors.noSuchAccessKey(accessKeyId));
    }

    private record Owner(Principal principal, String userName) {
    }

    /** The named user; without a name, the calling user, or the root user when root calls. */
    private Owner owner(Tx tx, Principal caller, String userName) {
        if (userName == null && caller.type() == PrincipalType.ROOT) {
            return new Owner(Principal.root(caller.accountId(), null), null);
        }
        IamUser user = iam.userOrCaller(tx, caller, userName);
        return new Owner(IamContext.principalOf(user), user.name());
    }
}
