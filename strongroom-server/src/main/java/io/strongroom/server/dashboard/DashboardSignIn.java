package io.strongroom.server.dashboard;

import io.strongroom.engine.identity.Credential;
import io.strongroom.engine.identity.IdentityService;
import io.strongroom.engine.organizations.AccountPolicyView;
import io.strongroom.engine.organizations.Organizations;
import io.strongroom.storage.Store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may look at the dashboard and what they see (decision D56). The admin token sees the management account's
 * organization; an access key sees its account's organization when the account is the management account or
 * AWS Backup's delegated administrator, otherwise its own account alone. Sessions live in memory: a restart
 * signs everyone out.
 */
final class DashboardSignIn {
    private static final String BACKUP_PRINCIPAL = "backup.amazonaws.com";

    private final Store store;
    private final IdentityService identity;
    private final Organizations organizations;
    private final String adminToken;
    private final String managementAccount;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> sessions = new ConcurrentHashMap<>();

    DashboardSignIn(Store store, IdentityService identity, Organizations organizations, String adminToken,
                    String managementAccount) {
        this.store = store;
        this.identity = identity;
        this.organizations = organizations;
        this.adminToken = adminToken;
        this.managementAccount = managementAccount;
    }

    /** The viewer's account ("admin" for the admin token) when the token is right; empty otherwise. */
    Optional<String> withAdminToken(String token) {
        return token != null && same(token, adminToken) ? Optional.of("admin") : Optional.empty();
    }

    /** The key's account when the key exists, is active and the secret matches; empty otherwise. */
    Optional<String> withAccessKey(String accessKeyId, String secret) {
        if (accessKeyId == null || secret == null || accessKeyId.isBlank()) {
            return Optional.empty();
        }
        Optional<Credential> found = store.read(tx -> identity.credential(tx, accessKeyId.trim()));
        return found.filter(c -> c.active() && !c.temporary() && same(secret.trim(), c.secretAccessKey()))
                .map(c -> c.principal().accountId());
    }

    /** A new session for a signed-in viewer; returns its id for the cookie. */
    String open(String viewer) {
        byte[] id = new byte[24];
        random.nextBytes(id);
        String session = HexFormat.of().formatHex(id);
        sessions.put(session, viewer);
        return session;
    }

    Optional<String> viewer(String session) {
        return session == null ? Optional.empty() : Optional.ofNullable(sessions.get(session));
    }

    void close(String session) {
        if (session != null) {
            sessions.remove(session);
        }
    }

    /** The accounts a viewer sees, in id order. */
    List<String> accountsOf(String viewer) {
        String account = "admin".equals(viewer) ? managementAccount : viewer;
        return store.read(tx -> {
            Optional<AccountPolicyView> view = organizations.accountPolicyView(tx, account);
            boolean wholeOrganization = "admin".equals(viewer) || view.map(v -> v.isManagementAccount(account))
                    .orElse(false) || organizations.isDelegatedAdministrator(tx, account, BACKUP_PRINCIPAL);
            List<String> all = organizations.organizationAccounts(tx, account);
            return wholeOrganization && !all.isEmpty() ? all : List.of(account);
        });
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
