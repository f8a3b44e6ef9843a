package io.strongroom.engine.backup;

import io.strongroom.engine.testing.TempStore;
import io.strongroom.resource.ProtectedResource;
import io.strongroom.storage.Generations;
import io.strongroom.storage.Tx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the dashboard and the controls keep between requests (D71): which plans' selections pick each resource, and
 * the generation of the records that decide it, which every write of a plan, version, selection or Region setting of
 * the account and Region moves (and a vault does not), on a real SQLite store.
 */
class SelectionCoverageTest {
    static final String A = "111111111111";
    static final String R = "eu-west-1";
    static final Instant NOW = Instant.parse("2027-02-01T00:00:00Z");
    static final String CENTRAL = "arn:aws:backup:eu-west-1:222222222222:backup-vault:central";

    @RegisterExtension
    final TempStore store = new TempStore();
    final BackupStore backups = new BackupStore();

    void write(Consumer<Tx> work) {
        store.write(tx -> {
            work.accept(tx);
            return null;
        });
    }

    long generation() {
        return store.read(tx -> backups.plansGenerationNow(tx, A, R));
    }

    static ProtectedResource resource(String arn, String type, Map<String, String> tags) {
        return new ProtectedResource(arn, type, A, R, arn.substring(arn.lastIndexOf('/') + 1), tags, NOW, 0);
    }

    static BackupRule rule(String name, String cron, List<CopyAction> copies) {
        return new BackupRule(name, name + "-id", "local", null, cron, "Etc/UTC", 60L, 240L, null, Map.of(), copies,
                false);
    }

    static BackupPlan plan(String id, String name) {
        return new BackupPlan(A, R, id, name, null, NOW, id + "-v1", null, null, Map.of());
    }

    static BackupSelection selection(String planId, String name, List<String> arns, List<TagCondition> tags) {
        return new BackupSelection(A, R, planId, planId + "-" + name, name, "arn:aws:iam::" + A + ":role/R", arns,
                List.of(), tags, SelectionConditions.NONE, NOW, null);
    }

    void save(BackupPlan plan, BackupRule... rules) {
        write(tx -> {
            backups.putVersion(tx, plan, new PlanVersion(plan.versionId(), new BackupPlanDocument(plan.name(),
                    List.of(rules), List.of()), NOW, null));
            backups.putPlan(tx, plan);
        });
    }

    SelectionCoverage match(List<ProtectedResource> resources) {
        return store.read(tx -> SelectionCoverage.match(tx, backups, resources,
                backups.settings(tx, A, R).orElse(RegionSettings.DEFAULT), A, R));
    }

    @Test
    void eachResourceHasTheSelectionsThatPickItWithTheirPlansFrequencyAndCopies() {
        save(plan("p1", "daily"), rule("daily", "cron(0 5 ? * * *)", List.of(new CopyAction(CENTRAL, null))),
                rule("weekly", "cron(0 5 ? * 1 *)", List.of()));
        save(plan("p2", "hourly"), rule("hourly", "cron(0 * ? * * *)", List.of()));
        save(new BackupPlan(A, R, "p3", "gone", null, NOW, "p3-v1", NOW, null, Map.of()),
                rule("gone", "cron(0 5 ? * * *)", List.of()));
        write(tx -> {
            backups.putSelection(tx, selection("p1", "tagged", List.of(), List.of(new TagCondition("STRINGEQUALS",
                    "backup", "daily"))));
            backups.putSelection(tx, selection("p2", "tables", List.of("arn:aws:dynamodb:*:*:table/*"), List.of()));
            backups.putSelection(tx, selection("p3", "everything", List.of("*"), List.of()));
        });
        ProtectedResource orders = resource("arn:aws:dynamodb:eu-west-1:" + A + ":table/orders", "DynamoDB",
                Map.of("backup", "daily"));
        ProtectedResource volume = resource("arn:aws:ec2:eu-west-1:" + A + ":volume/vol-1", "EBS",
                Map.of("backup", "daily"));
        ProtectedResource bucket = resource("arn:aws:s3:::exports", "S3", Map.of("backup", "daily"));
        ProtectedResource scratch = resource("arn:aws:ec2:eu-west-1:" + A + ":volume/vol-2", "EBS", Map.of());

        SelectionCoverage coverage = match(List.of(orders, volume, bucket, scratch));

        assertThat(coverage.plans()).extracting(v -> v.plan().name()).containsExactly("daily", "hourly");
        assertThat(coverage.resources()).extracting(SelectionCoverage.Covered::resource)
                .containsExactly(orders, volume, bucket, scratch);
        List<SelectionCoverage.Covering> ordersCover = coverage.resources().get(0).coverings();
        assertThat(ordersCover).extracting(c -> c.plan().name() + "/" + c.selection().name())
                .containsExactly("daily/tagged", "hourly/tables");
        assertThat(ordersCover.get(0).frequency()).as("the most frequent rule").isEqualTo(Duration.ofDays(1));
        assertThat(ordersCover.get(0).copyDestinations()).containsExactly(CENTRAL);
        assertThat(ordersCover.get(1).frequency()).isEqualTo(Duration.ofHours(1));
        assertThat(coverage.resources().get(1).coverings()).extracting(c -> c.selection().name())
                .containsExactly("tagged");
        assertThat(coverage.resources().get(2).coverings()).as("S3 is not opted in by default").isEmpty();
        assertThat(coverage.resources().get(3).coverings()).isEmpty();

        write(tx -> backups.putSettings(tx, A, R, new RegionSettings(Map.of("S3", true), Map.of())));
        assertThat(match(List.of(bucket)).resources().get(0).coverings()).extracting(c -> c.selection().name())
                .containsExactly("tagged");
    }

    @Test
    void everyWriteThatDecidesCoverageMovesTheAccountsPlansGenerationAndAVaultDoesNot() {
        long start = generation();
        BackupPlan plan = plan("p1", "daily");
        save(plan, rule("daily", "cron(0 5 ? * * *)", List.of()));
        long saved = generation();
        assertThat(saved).isGreaterThan(start);
        BackupSelection s = selection("p1", "all", List.of("*"), List.of());
        write(tx -> backups.putSelection(tx, s));
        long selected = generation();
        assertThat(selected).isGreaterThan(saved);
        write(tx -> backups.deleteSelection(tx, s));
        long deselected = generation();
        assertThat(deselected).isGreaterThan(selected);
        write(tx -> backups.putSettings(tx, A, R, new RegionSettings(Map.of("S3", true), Map.of())));
        long optedIn = generation();
        assertThat(optedIn).isGreaterThan(deselected);
        write(tx -> backups.putPlan(tx, plan.executedAt(NOW)));
        assertThat(generation()).isGreaterThan(optedIn);

        long before = generation();
        write(tx -> backups.putVault(tx, new BackupVault(A, R, "local", BackupVault.STANDARD, null, null, NOW, null,
                Map.of(), null, null, null), true));
        assertThat(generation()).as("a vault is read fresh, not kept").isEqualTo(before);
        long other = store.read(tx -> Generations.current(tx, BackupStore.plansGeneration("999999999999", R)));
        assertThat(other).as("another account's").isZero();
    }
}
