package io.strongroom.engine.organizations;

import io.strongroom.engine.iam.IamRoles;
import io.strongroom.engine.identity.IdentityService;
import io.strongroom.engine.identity.Principal;
import io.strongroom.storage.ScanPage;
import io.strongroom.storage.Tx;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Accounts in the organization: creation (asynchronous, on the clock), moves, listings and removal. */
public final class AccountsService {
    public static final String CREATE_ACCOUNT_TIMER = "organizations.create-account";
    static final String DEFAULT_ROLE = "OrganizationAccountAccessRole";
    static final int MAX_IN_PROGRESS = 5;
    private static final String ADMINISTRATOR_ACCESS =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    /** A child of a parent, as ListChildren reports it. */
    public record Child(String id, String type) {
    }

    private final OrganizationStore store;
    private final OrgCallers callers;
    private final OrgTree tree;
    private final OrgIds ids;
    private final Attachments attachments;
    private final EffectivePolicies effective;
    private final IdentityService identity;
    private final IamRoles roles;
    private final Clock clock;
    private final Duration creationDelay;
    private final List<AccountCreatedListener> created = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Told, in the creating transaction, of every account CreateAccount has made in an organization. */
    @FunctionalInterface
    public interface AccountCreatedListener {
        void accountCreated(Tx tx, String organizationId, String accountId);
    }

    AccountsService(OrganizationStore store, OrgCallers callers, OrgTree tree, OrgIds ids, Attachments attachments,
                    EffectivePolicies effective, IdentityService identity, IamRoles roles, Clock clock,
                    Duration creationDelay) {
        this.store = store;
        this.callers = callers;
        this.tree = tree;
        this.ids = ids;
        this.attachments = attachments;
        this.effective = effective;
        this.identity = identity;
        this.roles = roles;
        this.clock = clock;
        this.creationDelay = creationDelay;
    }

    public void addAccountCreatedListener(AccountCreatedListener listener) {
        created.add(listener);
    }

    /**
     * Records the request IN_PROGRESS and schedules its completion {@code creationDelay} later on the
     * server's clock, as AWS completes it asynchronously.
     */
    public CreateAccountStatus createAccount(Tx tx, Principal caller, String email, String accountName, String roleName,
                                             List<Tag> tags) {
        OrgInput.email(email);
        OrgInput.name("accountName", accountName, 50);
        Map<String, String> tagMap = Tag.toMap(tags);
        Organization org = callers.asManagement(tx, caller);
        long inProgress = store.createStatuses(tx, org.id()).stream()
                .filter(s -> s.state().equals(CreateAccountStatus.IN_PROGRESS)).count();
        if (inProgress >= MAX_IN_PROGRESS) {
            throw OrganizationsErrors.constraint("ACCOUNT_CREATION_RATE_LIMIT_EXCEEDED",
                    "You have too many account creation requests in progress.");
        }
        Instant now = Instant.now(clock);
        CreateAccountStatus status = new CreateAccountStatus(ids.createAccountRequest(tx), accountName, email,
                roleName == null ? DEFAULT_ROLE : roleName, tagMap, CreateAccountStatus.IN_PROGRESS, now, null, null, null);
        store.putCreateStatus(tx, org.id(), status);
        tx.timers().schedule(CREATE_ACCOUNT_TIMER + "/" + org.id() + "/" + status.id(), CREATE_ACCOUNT_TIMER,
                now.plus(creationDelay), (org.id() + "/" + status.id()).getBytes(StandardCharsets.UTF_8));
        return status;
    }

    /** The timer's work: the account comes into being under the root, or the request fails with a reason. */
    public void completeAccountCreation(Tx tx, byte[] payload) {
        String[] parts = new String(payload, StandardCharsets.UTF_8).split("/", 2);
        Organization org = store.organization(tx, parts[0]).orElse(null);
        if (org == null) {
            return; // the organization was deleted meanwhile
        }
        CreateAccountStatus status = store.createStatus(tx, org.id(), parts[1]).orElse(null);
        if (status == null || !status.state().equals(CreateAccountStatus.IN_PROGRESS)) {
            return;
        }
        Instant now = Instant.now(clock);
        if (store.accountByEmail(tx, status.email()).isPresent()) {
            store.putCreateStatus(tx, org.id(), status.failed("EMAIL_ALREADY_EXISTS", now));
            return;
        }
        String accountId = newAccountId(tx);
        identity.ensureAccount(tx, accountId, status.accountName(), status.email());
        roles.ensureRole(tx, accountId, status.roleName(), "/",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                        + org.managementAccountId() + ":root\"},\"Action\":\"sts:AssumeRole\"}]}",
                Map.of("AdministratorAccess", ADMINISTRATOR_ACCESS));
        MemberAccount account = new MemberAccount(accountId, org.rootId(), status.accountName(), status.email(),
                "CREATED", now, "ACTIVE");
        store.putAccount(tx, org.id(), account);
        store.linkChild(tx, org.id(), org.rootId(), "A", accountId);
        store.setMembership(tx, accountId, org.id());
        store.claimEmail(tx, status.email(), accountId);
        store.putTags(tx, org.id(), accountId, status.tags());
        attachments.attachDefaults(tx, org, accountId);
        effective.refresh(tx, org, accountId, null);
        store.putCreateStatus(tx, org.id(), status.succeeded(accountId, now));
        for (AccountCreatedListener listener : created) {
            listener.accountCreated(tx, org.id(), accountId);
        }
    }

    private String newAccountId(Tx tx) {
        while (true) {
            String candidate = ids.account(tx);
            if (identity.account(tx, candidate).isEmpty()) {
                return candidate;
            }
        }
    }

    public CreateAccountStatus describeCreateAccountStatus(Tx tx, Principal caller, String requestId) {
        OrgInput.createRequestId(requestId);
        Organization org = callers.asManagementOrDelegatedAdministrator(tx, caller);
        return store.createStatus(tx, org.id(), requestId).orElseThrow(OrganizationsErrors::createAccountStatusNotFound);
    }

    public Page<CreateAccountStatus> listCreateAccountStatus(Tx tx, Principal caller, List<String> states,
                                                             String nextToken, Integer maxResults) {
        int size = PageTokens.size(maxResults);
        Organization org = callers.asManagementOrDelegatedAdministrator(tx, caller);
        Set<String> wanted = states == null || states.isEmpty() ? null : Set.copyOf(states);
        String listing = "create-status:" + (wanted == null ? "" : String.join(",", new java.util.TreeSet<>(wanted)));
        String after = PageTokens.decode(listing, nextToken);
        List<CreateAccountStatus> matching = store.createStatuses(tx, org.id()).stream()
                .filter(s -> wanted == null || wanted.contains(s.state()))
                .filter(s -> after == null || s.id().compareTo(after) > 0)
                .toList();
        List<CreateAccountStatus> page = matching.subList(0, Math.min(size, matching.size()));
        String last = matching.size() > size ? page.get(page.size() - 1).id() : null;
        return new Page<>(page, PageTokens.encode(listing, last));
    }

    public MemberAccount describeAccount(Tx tx, Principal caller, String accountId) {
        OrgInput.accountId(accountId);
        Organization org = callers.asManagementOrDelegatedAdministrator(tx, caller);
        return store.account(tx, org.id(), accountId).orElseThrow(OrganizationsErrors::accountNotFound);
    }

    public Page<MemberAccount> listAccounts(Tx tx, Principal caller, String nextToken, Integer maxResults) {
        int size = PageTokens.size(maxResults);
        Organization org = callers.asManagementOrDelegatedAdministrator(tx, caller);
        String after = PageTokens.decode("accounts", nextToken);
        ScanPage page = store.accountPage(tx, org.id(), after == null ? null : org.id() + "/" + after, size);
        List<MemberAccount> accounts = new ArrayList<>();
        page.records().forEach(r -> accounts.add(store.decodeAccount(r)));
        String last = page.lastKey() == null ? null : accounts.get(accounts.size() - 1).id();
        return new Page<>(accounts, PageTokens.encode("accounts", last));
    }

    public Page<MemberAccount> listAccountsForParent(Tx tx, Principal caller, String parentId, String nextToken,
                                                     Integer maxResults) {
        OrgInput.parentId(parentId);
        Organization org = callers.asManagementOrDelegatedAdministrator(tx, caller);
        Page<String> ids = tree.childPage(tx, org, parentId, "A", "accounts:" + parentId, nextToken, maxResults);
        List<MemberAccount> accounts = new ArrayList<>();
        ids.items().forEach(id -> store.account(tx, org.id(), id).ifPresent(accounts::add));
        return new Page<>(accounts, ids.nextToken());
    }

    public Page<Child> listChildren(Tx tx, Principal caller, String parentId, String childType, String nextToken,
                                    Integer maxResults) {
        OrgInput.parentId(parentId);
        String kind = switch (childType == null ? "" : childType) {
            case "ACCOUNT" -> "A";
            case "ORGANIZATIONAL_UNIT" -> "O";
            default -> throw OrganizationsErrors.invalidInput("INVALID_ENUM", "You specified an invalid value for childType.");
        };
        Organization org = callers.asManagementOrDelegatedAdministrator(tx, caller);
        Page<String> ids = tree.childPage(tx, org, parentId, kind, "children:" + parentId + ":" + kind, nextToken,
                maxResults);
        return new Page<>(ids.items().stream().map(id -> new Child(id, childType)).toList(), ids.nextToken());
    }

    public List<Child> listParents(Tx tx, Principal caller, String childId) {
        if (!OrgInput.isAccount(childId) && !OrgInput.isOu(childId)) {
            throw OrganizationsErrors.invalidInput("INVALID_PATTERN", "You specified an invalid value for childId.");
        }
        Organization org = callers.asManagementOrDelegatedAdministrator(tx, caller);
        String parent = tree.parentOf(tx, org, childId).orElseThrow(OrganizationsErrors::childNotFound);
        return List.of(new Child(parent, OrgInput.isRoot(parent) ? "ROOT" : "ORGANIZATIONAL_UNIT"));
    }

    public void moveAccount(Tx tx, Principal caller, String accountId, String sourceParentId, String destinationParentId) {
        OrgInput.accountId(accountId);
        OrgInput.parentId(sourceParentId);
        OrgInput.parentId(destinationParentId);
        Organization org = callers.asManagement(tx, caller);
        MemberAccount account = store.account(tx, org.id(), accountId).orElseThrow(OrganizationsErrors::accountNotFound);
        if (!tree.parentExists(tx, org, sourceParentId) || !account.parentId().equals(sourceParentId)) {
            throw OrganizationsErrors.sourceParentNotFound();
        }
        if (!tree.parentExists(tx, org, destinationParentId)) {
            throw OrganizationsErrors.destinationParentNotFound();
        }
        if (sourceParentId.equals(destinationParentId)) {
            throw OrganizationsErrors.duplicateAccount();
        }
        store.unlinkChild(tx, org.id(), sourceParentId, "A", accountId);
        store.putAccount(tx, org.id(), account.movedTo(destinationParentId));
        store.linkChild(tx, org.id(), destinationParentId, "A", accountId);
        effective.refresh(tx, org, accountId, null);
    }

    public void removeAccountFromOrganization(Tx tx, Principal caller, String accountId) {
        OrgInput.accountId(accountId);
        Organization org = callers.asManagement(tx, caller);
        MemberAccount account = store.account(tx, org.id(), accountId).orElseThrow(OrganizationsErrors::accountNotFound);
        if (org.managementAccountId().equals(accountId)) {
            throw new io.strongroom.kernel.ServiceException(io.strongroom.kernel.ErrorCode.of(
                    "MasterCannotLeaveOrganizationException"),
                    "You can't remove the management account from an organization.");
        }
        if (callers.isDelegatedAdministrator(tx, org, accountId)) {
            throw OrganizationsErrors.constraint("CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG",
                    "You can't remove an account that is a delegated administrator.");
        }
        attachments.dropTarget(tx, org, accountId);
        effective.forget(tx, org, accountId);
        store.putTags(tx, org.id(), accountId, Map.of());
        store.deleteAccount(tx, org.id(), account);
        store.removeMembership(tx, accountId);
    }

    /** The account's path string (o-.../r-.../ou-.../account/). */
    public String path(Tx tx, Organization org, String accountId) {
        return tree.pathString(tx, org, accountId);
    }
}
