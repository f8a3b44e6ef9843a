package io.strongroom.engine.identity;

import io.strongroom.engine.codec.JsonCodec;
import io.strongroom.engine.ids.SecretSource;
import io.strongroom.storage.Collection;
import io.strongroom.storage.Tx;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Accounts and the access keys that authenticate calls to them. */
public final class IdentityService {
    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private final Collection<Account> accounts = new Collection<>("accounts", JsonCodec.of(Account.class));
    private final Collection<Credential> credentials =
            new Collection<>("credentials", JsonCodec.of(Credential.class));
    private final Clock clock;
    private final SecretSource secrets;

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
        String keyId = "AKIA" + secrets.randomString(KEY_ALPHABET, 16);
        Credential credential = new Credential(keyId, secrets.randomString(SECRET_ALPHABET, 40), null, null,
                Principal.root(accountId, keyId), true);
        credentials.put(tx, keyId, credential, Tx.ABSENT);
        return credential;
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
