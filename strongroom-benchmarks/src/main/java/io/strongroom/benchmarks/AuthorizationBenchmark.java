package io.strongroom.benchmarks;

import io.strongroom.iampolicy.AttachedPolicy;
import io.strongroom.iampolicy.AuthorizationContext;
import io.strongroom.iampolicy.Decision;
import io.strongroom.iampolicy.Evaluator;
import io.strongroom.iampolicy.OrganizationLevel;
import io.strongroom.iampolicy.PolicyDocument;
import io.strongroom.iampolicy.PolicyKind;
import io.strongroom.iampolicy.PolicySet;
import io.strongroom.iampolicy.RequestPrincipal;
import io.strongroom.iampolicy.RequestResource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Authorization decisions for one request under the seed's SCPs at three organization levels plus
 * five identity policies with conditions, on one thread (one core).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class AuthorizationBenchmark {
    private static final String FULL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
    private static final String PROTECT_BACKUPS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DenyBackupDeletionExceptAdmin\","
            + "\"Effect\":\"Deny\",\"Action\":[\"backup:DeleteBackupVault\",\"backup:DeleteRecoveryPoint\","
            + "\"backup:PutBackupVaultAccessPolicy\",\"backup:DeleteBackupVaultAccessPolicy\","
            + "\"backup:RemoveBackupVaultLockConfiguration\",\"backup:StopBackupJob\"],\"Resource\":\"*\","
            + "\"Condition\":{\"ArnNotEquals\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/BackupAdminRole\"}}},"
            + "{\"Sid\":\"DenyUntaggedProductionResources\",\"Effect\":\"Deny\",\"Action\":[\"rds:CreateDBInstance\","
            + "\"rds:CreateDBCluster\",\"dynamodb:CreateTable\",\"ec2:RunInstances\"],\"Resource\":\"*\","
            + "\"Condition\":{\"Null\":{\"aws:RequestTag/Backup\":\"true\"},"
            + "\"StringEquals\":{\"aws:PrincipalOrgPath\":\"o-xxx/r-yyy/ou-Production\"}}}]}";

    private Evaluator evaluator;
    private AuthorizationContext allowed;
    private AuthorizationContext denied;

    private static AttachedPolicy scp(String id, String json) {
        return AttachedPolicy.of(id, id, "arn:aws:organizations::111111111111:policy/o-abc/service_control_policy/" + id,
                PolicyDocument.parse(json, PolicyKind.SERVICE_CONTROL));
    }

    @Setup
    public void policies() {
        evaluator = new Evaluator();
        List<OrganizationLevel> scps = List.of(
                new OrganizationLevel("r-abcd", List.of(scp("p-FullAWSAccess", FULL), scp("p-protect0001", PROTECT_BACKUPS))),
                new OrganizationLevel("ou-abcd-production", List.of(scp("p-FullAWSAccess", FULL))),
                new OrganizationLevel("222222222222", List.of(scp("p-FullAWSAccess", FULL))));
        List<AttachedPolicy> identity = new ArrayList<>();
        String[] conditions = {
                "\"StringEquals\":{\"aws:RequestedRegion\":[\"eu-west-1\",\"eu-central-1\"]}",
                "\"Bool\":{\"aws:SecureTransport\":\"false\"}",
                "\"StringLike\":{\"aws:PrincipalTag/team\":\"pay*\"}",
                "\"DateLessThan\":{\"aws:CurrentTime\":\"2030-01-01T00:00:00Z\"}",
                "\"IpAddress\":{\"aws:SourceIp\":[\"10.0.0.0/8\",\"127.0.0.0/8\"]}"};
        String[] actions = {"backup:Start*", "backup:List*", "backup:Describe*", "s3:GetObject", "dynamodb:*"};
        for (int i = 0; i < 5; i++) {
            identity.add(AttachedPolicy.named("identity-" + i, PolicyDocument.parse("{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"" + actions[i] + "\",\"Resource\":\"*\","
                    + "\"Condition\":{" + conditions[i] + "}}]}", PolicyKind.IDENTITY)));
        }
        PolicySet set = PolicySet.identity(identity).withServiceControlPolicies(scps);
        RequestPrincipal caller = RequestPrincipal.roleSession("arn:aws:iam::222222222222:role/ops/Operator", "alice",
                "AROAEXAMPLEEXAMPLE123").withTags(Map.of("team", "payments")).withOrganization("o-abc", false);
        Map<String, List<String>> context = Map.of("aws:RequestedRegion", List.of("eu-west-1"),
                "aws:SecureTransport", List.of("false"), "aws:CurrentTime", List.of("2027-02-01T02:00:00Z"),
                "aws:SourceIp", List.of("127.0.0.1"));
        RequestResource vault = RequestResource.owned("arn:aws:backup:eu-west-1:222222222222:backup-vault:local-prod-vault",
                "222222222222");
        allowed = new AuthorizationContext(caller, "backup:StartBackupJob", vault, context, set);
        denied = new AuthorizationContext(caller, "backup:DeleteRecoveryPoint", vault, context, set);
        if (!evaluator.evaluate(allowed).allowed() || evaluator.evaluate(denied).allowed()) {
            throw new IllegalStateException("the benchmark's decisions are not the expected ones");
        }
    }

    @Benchmark
    public Decision allowedStartBackupJob() {
        return evaluator.evaluate(allowed);
    }

    @Benchmark
    public Decision deniedByScp() {
        return evaluator.evaluate(denied);
    }
}
