package io.strongroom.benchmarks;

import io.strongroom.engine.access.AuthorizationRequest;
import io.strongroom.engine.access.Authorizer;
import io.strongroom.engine.access.Decision;
import io.strongroom.engine.iam.IamRole;
import io.strongroom.engine.iam.IamRoles;
import io.strongroom.engine.iam.RolesOnlyDirectory;
import io.strongroom.engine.identity.IdentityService;
import io.strongroom.engine.identity.Principal;
import io.strongroom.engine.identity.PrincipalType;
import io.strongroom.engine.identity.RoleSession;
import io.strongroom.engine.ids.IdGenerator;
import io.strongroom.engine.organizations.Organizations;
import io.strongroom.engine.time.ClockService;
import io.strongroom.storage.Store;
import io.strongroom.storage.jdbc.StoreFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The whole authorization step of one API call as the pipeline runs it: the Authorizer gathering a
 * member role session's SCPs (root, OU, OU, account) and five identity policies from the SQLite store
 * inside a read transaction, then evaluating. Compare with a GetCallerIdentity round trip (BENCHMARKS.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class AuthorizerBenchmark {
    private static final String ALLOW_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    private Store store;
    private Authorizer authorizer;
    private AuthorizationRequest request;

    @Setup
    public void organization() throws Exception {
        store = StoreFactory.open(Files.createTempDirectory("authorizer-bench").resolve("s.db").toString());
        ClockService clock = ClockService.open(store, true, Instant.parse("2027-02-01T00:00:00Z"), Clock.systemUTC());
        IdGenerator ids = new IdGenerator("bench");
        IdentityService identity = new IdentityService(clock.clock(), (alphabet, n) -> "A".repeat(n));
        IamRoles roles = new IamRoles(ids, clock.clock());
        Organizations orgs = new Organizations(ids, clock.clock(), identity, roles, Duration.ZERO);
        orgs.timerHandlers().forEach(clock::register);
        authorizer = new Authorizer(new RolesOnlyDirectory(roles), orgs, clock.clock());
        Principal management = Principal.root("111111111111", "AKIAMANAGEMENT");
        String[] created = store.write(tx -> {
            identity.ensureAccount(tx, "111111111111", "management", "m@example.com");
            var org = orgs.organizations().createOrganization(tx, management, "ALL");
            var production = orgs.organizations().createOrganizationalUnit(tx, management, org.rootId(), "Production", List.of());
            var payments = orgs.organizations().createOrganizationalUnit(tx, management, production.id(), "Payments", List.of());
            var request = orgs.accounts().createAccount(tx, management, "payments@example.com", "payments", null, List.of());
            return new String[]{org.rootId(), production.id(), payments.id(), request.id()};
        });
        clock.runDue();
        IamRole role = store.write(tx -> {
            String account = orgs.accounts().describeCreateAccountStatus(tx, management, created[3]).accountId();
            orgs.accounts().moveAccount(tx, management, account, created[0], created[2]);
            String deny = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":[\"backup:Delete*\"],"
                    + "\"Resource\":\"*\",\"Condition\":{\"ArnNotEquals\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/BackupAdminRole\"}}}]}";
            for (String target : List.of(created[0], created[1], created[2], account)) {
                var scp = orgs.policies().createPolicy(tx, management, deny, "", "deny-" + target,
                        "SERVICE_CONTROL_POLICY", List.of());
                orgs.policies().attachPolicy(tx, management, scp.id(), target);
            }
            Map<String, String> inline = new HashMap<>();
            for (int i = 0; i < 5; i++) {
                inline.put("policy-" + i, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"backup:Start*\","
                        + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:RequestedRegion\":\"eu-west-" + i + "\"}}}]}");
            }
            inline.put("admin", ALLOW_ALL);
            return roles.ensureRole(tx, account, "Operator", "/", "{}", inline);
        });
        String arn = "arn:aws:sts::" + role.accountId() + ":assumed-role/Operator/s";
        Principal session = new Principal(PrincipalType.ASSUMED_ROLE, role.accountId(), arn, role.roleId() + ":s", "s",
                "ASIAX", role.arn(), Instant.parse("2027-02-01T00:00:00Z"), false, Map.of(),
                new RoleSession(role.arn(), role.name(), role.roleId(), null, Set.of(), List.of(), false, false,
                        Instant.parse("2027-02-01T00:00:00Z")));
        request = new AuthorizationRequest(session, List.of("backup:StartBackupJob"),
                List.of("arn:aws:backup:eu-west-1:" + role.accountId() + ":backup-vault:local"),
                Map.of("aws:RequestedRegion", List.of("eu-west-1")));
        if (!decide().allowed()) {
            throw new IllegalStateException("the benchmark request should be allowed");
        }
    }

    @TearDown
    public void close() {
        store.close();
    }

    @Benchmark
    public Decision decide() {
        return store.read(tx -> authorizer.authorize(tx, request));
    }
}
