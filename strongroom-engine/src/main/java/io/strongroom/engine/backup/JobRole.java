package io.strongroom.engine.backup;

import io.strongroom.engine.access.AuthorizationRequest;
import io.strongroom.engine.access.Authorizer;
import io.strongroom.engine.access.Decision;
import io.strongroom.engine.cache.Generation;
import io.strongroom.engine.iam.IamDirectory;
import io.strongroom.engine.iam.IamRole;
import io.strongroom.engine.identity.Principal;
import io.strongroom.storage.Tx;

import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A job acts as its IAM role: AWS Backup assumes the role (its trust policy must allow backup.amazonaws.com) and the
 * role's session must be allowed the job's action on the resource by the one Authorizer (identity policies, SCPs of
 * the role's account, resource policies). The answer is why the job may not run, or empty when it may.
 */
final class JobRole {
    static final String SESSION_NAME = "AWSBackup-AWSBackupDefaultServiceRole";

    private final IamDirectory iam;
    private final Authorizer authorizer;
    private final Clock clock;

    JobRole(IamDirectory iam, Authorizer authorizer, Clock clock) {
        this.iam = iam;
        this.authorizer = authorizer;
        this.clock = clock;
    }

    /**
     * The answers given in one transaction, by question: the copy jobs of a clock batch ask the same question of one
     * role and one destination vault hundreds of times (D119). Per thread and per transaction, and forgotten when an
     * IAM or Organizations write of the same transaction moves their generation, so an answer is only reused where
     * asking again would read the same policies at the same instant.
     */
    private final ThreadLocal<Answers> answers = ThreadLocal.withInitial(Answers::new);

    private static final class Answers {
        WeakReference<Tx> tx = new WeakReference<>(null);
        long iam;
        long organizations;
        final Map<List<Object>, Optional<String>> byQuestion = new HashMap<>();

        /** Starts afresh unless {@code now} is the transaction and the generations these answers were read at. */
        Map<List<Object>, Optional<String>> at(Tx now, long iamGeneration, long organizationsGeneration) {
            if (tx.get() != now || iam != iamGeneration || organizations != organizationsGeneration) {
                byQuestion.clear();
                tx = new WeakReference<>(now);
                iam = iamGeneration;
                organizations = organizationsGeneration;
            }
            return byQuestion;
        }
    }

    /** {@code region}: where the call goes (aws:RequestedRegion); null to take it from the resource's ARN. */
    Optional<String> refusal(Tx tx, String roleArn, String action, String resource, String region) {
        Map<List<Object>, Optional<String>> known = answers.get().at(tx, Generation.current(tx, Generation.IAM),
                Generation.current(tx, Generation.ORGANIZATIONS));
        List<Object> question = Arrays.asList(roleArn, action, resource, region, Instant.now(clock));
        Optional<String> answer = known.get(question);
        if (answer == null) {
            answer = evaluate(tx, roleArn, action, resource, region);
            known.put(question, answer);
        }
        return answer;
    }

    private Optional<String> evaluate(Tx tx, String roleArn, String action, String resource, String region) {
        Optional<IamRole> role = iam.roleByArn(tx, roleArn);
        if (role.isEmpty()) {
            return Optional.of("IAM Role " + roleArn + " does not exist.");
        }
        if (!authorizer.authorizeServiceAssumeRole(tx, SelectionService.BACKUP_SERVICE, role.get()).allowed()) {
            return Optional.of("Insufficient privileges to perform this action: AWS Backup cannot assume IAM Role "
                    + roleArn + ".");
        }
        Decision d = authorizer.authorize(tx, new AuthorizationRequest(session(role.get()), List.of(action),
                List.of(resource), region == null ? Map.of() : Map.of("aws:RequestedRegion", List.of(region))));
        return d.allowed() ? Optional.empty() : Optional.of("Access denied: " + d.message());
    }

    private Principal session(IamRole role) {
        return Principal.serviceRoleSession(role.accountId(), role.arn(), role.name(), role.roleId(), SESSION_NAME,
                Instant.now(clock));
    }
}
