package io.strongroom.engine.identity;

import io.strongroom.json.JsonCodec;
import io.strongroom.engine.ids.SecretSource;
import io.strongroom.storage.Collection;
import io.strongroom.storage.Tx;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Accounts and the access keys that authenticate calls to them. */
public final class IdentityService {
    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private final Collection<Account> accounts = new Collection<>("accounts", JsonCodec.of(Account.class));
    private final Collection<Credential> credentials =
            new Collection<>("credentials", JsonCodec.of(Credential.class));
    /** Long-term keys by owner: {@code principalId/accessKeyId}, so IAM can list and count a user's keys. */
    private final Collection<KeyIndexEntry> keysByOwner =
            new Collection<>("credentials-by-owner", JsonCodec.of(KeyIndexEntry.class));
    private final List<AccessKeyListener> listeners = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private final SecretSource secrets;

    record KeyIndexEntry(String accessKeyId, Instant created) {
    }

    public IdentityService(Clock clock, SecretSource secrets) {
        this.clock = clock;
        this.secrets = secrets;
    }

    public Optional<Account> account(Tx tx, String accountId) {
        return accounts.get(tx, accountId);
    }

    public List<Account> accounts(Tx tx) {
        return accounts.list(tx, "");
    }

    /** Creates an account unless it exists; returns the stored one. */
    public Account ensureAccount(Tx tx, String accountId, String name, String email) {
        Optional<Account> existing = accounts.get(tx, accountId);
        if (existing.isPresent()) {
            return existing.get();
        }
        Account account = new Account(accountId, name, email, Instant.now(clock));
        accounts.put(tx, accountId, account, Tx.ABSENT);
        return account;
    }

    /** A new long-term access key for the account's root user. */
    public Credential createRootAccessKey(Tx tx, String accountId) {
        return createAccessKey(tx, Principal.root(accountId, null));
    }

    /**
     * A new long-term access key acting as {@code owner} (a root user or an IAM user); the owner's
     * {@code principalId} indexes it for {@link #accessKeys}.
     */
    public Credential createAccessKey(Tx tx, Principal owner) {
        String keyId = "AKIA" + secrets.randomString(KEY_ALPHABET, 16);
        Credential credential = new Credential(keyId, secrets.randomString(SECRET_ALPHABET, 40), null, null,
                withKey(owner, keyId), true);
        credentials.put(tx, keyId, credential, Tx.ABSENT);
        keysByOwner.put(tx, ownerKey(owner.principalId(), keyId), new KeyIndexEntry(keyId, Instant.now(clock)), Tx.ABSENT);
        return credential;
    }

    /** The long-term keys of an owner (by its principal id), in key id order. */
    public List<AccessKey> accessKeys(Tx tx, String principalId) {
        List<AccessKey> out = new ArrayList<>();
        for (KeyIndexEntry entry : keysByOwner.list(tx, principalId + "/")) {
            credentials.get(tx, entry.accessKeyId()).ifPresent(c ->
                    out.add(new AccessKey(c.accessKeyId(), c.principal(), c.active(), entry.created())));
        }
        return out;
    }

    /** The long-term key {@code accessKeyId} as IAM lists it, if it exists. */
    public Optional<AccessKey> accessKey(Tx tx, String accessKeyId) {
        return credentials.get(tx, accessKeyId).filter(c -> !c.temporary()).flatMap(c ->
                keysByOwner.get(tx, ownerKey(c.principal().principalId(), accessKeyId))
                        .map(e -> new AccessKey(accessKeyId, c.principal(), c.active(), e.created())));
    }

    /** Activates or deactivates a long-term key; an inactive key authenticates nothing. */
    public void setAccessKeyActive(Tx tx, String accessKeyId, boolean active) {
        Credential c = credentials.get(tx, accessKeyId).orElseThrow();
        credentials.put(tx, accessKeyId, new Credential(c.accessKeyId(), c.secretAccessKey(), c.sessionToken(),
                c.expiration(), c.principal(), active));
        notifyChanged(accessKeyId);
    }

    public void deleteAccessKey(Tx tx, String accessKeyId) {
        credentials.get(tx, accessKeyId).ifPresent(c -> {
            credentials.delete(tx, accessKeyId);
            keysByOwner.delete(tx, ownerKey(c.principal().principalId(), accessKeyId));
            notifyChanged(accessKeyId);
        });
    }

    /**
     * Makes every long-term key of {@code owner.principalId()} act as {@code owner} from now on: a renamed
     * or re-tagged user keeps its keys, which must carry its new ARN and tags.
     */
    public void rebindAccessKeys(Tx tx, Principal owner) {
        for (AccessKey key : accessKeys(tx, owner.principalId())) {
            Credential c = credentials.get(tx, key.accessKeyId()).orElseThrow();
            credentials.put(tx, c.accessKeyId(), new Credential(c.accessKeyId(), c.secretAccessKey(), null, null,
                    withKey(owner, c.accessKeyId()), c.active()));
            notifyChanged(c.accessKeyId());
        }
    }

    /** Registers whoever must hear of key changes (the server's credential cache). */
    public void onAccessKeyChange(AccessKeyListener listener) {
        listeners.add(listener);
    }

    private void notifyChanged(String accessKeyId) {
        listeners.forEach(l -> l.changed(accessKeyId));
    }

    private static String ownerKey(String principalId, String accessKeyId) {
        return principalId + "/" + accessKeyId;
    }

    private static Principal withKey(Principal p, String keyId) {
        return p.withAccessKey(keyId);
    }

    /**
     * Temporary credentials that act as {@code principal} until {@code expiration}: what
     * GetSessionToken issues (the caller's own identity, with a session).
     */
    public Credential createSessionCredential(Tx tx, Principal principal, java.time.Duration duration,
                                             boolean mfaAuthenticated) {
        String keyId = "ASIA" + secrets.randomString(KEY_ALPHABET, 16);
        Instant now = Instant.now(clock);
        Principal session = new Principal(principal.type(), principal.accountId(), principal.arn(),
                principal.principalId(), principal.userName(), keyId, null, now, mfaAuthenticated, principal.tags());
        Credential credential = new Credential(keyId, secrets.randomString(SECRET_ALPHABET, 40),
                secrets.randomString(SECRET_ALPHABET, 356), now.plus(duration), session, true);
        credentials.put(tx, keyId, credential, Tx.ABSENT);
        return credential;
    }

    /** Temporary credentials for an already-formed session principal (a role session), until {@code expiration}. */
    public Credential issueTemporaryCredential(Tx tx, Principal session, Instant expiration) {
        String keyId = "ASIA" + secrets.randomString(KEY_ALPHABET, 16);
        Credential credential = new Credential(keyId, secrets.randomString(SECRET_ALPHABET, 40),
                secrets.randomString(SECRET_ALPHABET, 356), expiration, session.withAccessKey(keyId), true);
        credentials.put(tx, keyId, credential, Tx.ABSENT);
        return credential;
    }

    /** The credential an access key id names, active or not. */
    public Optional<Credential> credential(Tx tx, String accessKeyId) {
        return credentials.get(tx, accessKeyId);
    }
}
