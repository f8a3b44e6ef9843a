package io.strongroom.engine.backup;

import io.strongroom.resource.ProtectedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spec 4.2 as a table: each row a selection, and exactly the resources of a fixed estate it must pick
 * (Resources OR ListOfTags, AND Conditions, minus NotResources; StringNotEquals holds on untagged resources; the
 * Region's opt-in for tag and service-level selection).
 */
class SelectionMatcherTest {
    static final String ACCOUNT = "111111111111";
    static final List<ProtectedResource> ESTATE = List.of(
            resource("arn:aws:dynamodb:eu-west-1:" + ACCOUNT + ":table/orders", "DynamoDB", "orders",
                    Map.of("Backup", "daily-prod", "stage", "prod")),
            resource("arn:aws:dynamodb:eu-west-1:" + ACCOUNT + ":table/scratch", "DynamoDB", "scratch",
                    Map.of("Backup", "daily-prod", "stage", "test")),
            resource("arn:aws:dynamodb:eu-west-1:" + ACCOUNT + ":table/untagged", "DynamoDB", "untagged", Map.of()),
            resource("arn:aws:ec2:eu-west-1:" + ACCOUNT + ":volume/vol-1", "EBS", "vol-1",
                    Map.of("Backup", "daily-prod")),
            resource("arn:aws:s3:::logs", "S3", "logs", Map.of("Backup", "daily-prod")),
            resource("arn:aws:rds:eu-west-1:" + ACCOUNT + ":cluster:ledger", "Aurora", "ledger", Map.of()));
    /** The defaults: S3 is not opted in, the other types of the estate are. */
    static final Predicate<String> DEFAULT_OPT_IN = type -> RegionSettings.DEFAULT.optedIn(type);

    static ProtectedResource resource(String arn, String type, String name, Map<String, String> tags) {
        return new ProtectedResource(arn, type, ACCOUNT, "eu-west-1", name, tags, Instant.EPOCH, 0);
    }

    static BackupSelection selection(List<String> resources, List<String> notResources, List<TagCondition> tags,
                                     SelectionConditions conditions) {
        return new BackupSelection(ACCOUNT, "eu-west-1", "plan", "sel", "sel", "arn:aws:iam::" + ACCOUNT
                + ":role/r", resources, notResources, tags, conditions, Instant.EPOCH, null);
    }

    static TagCondition tag(String key, String value) {
        return new TagCondition("STRINGEQUALS", key, value);
    }

    static ConditionParameter on(String key, String value) {
        return new ConditionParameter("aws:ResourceTag/" + key, value);
    }

    static SelectionConditions stringEquals(ConditionParameter... c) {
        return new SelectionConditions(List.of(c), null, null, null);
    }

    static SelectionConditions notEquals(ConditionParameter... c) {
        return new SelectionConditions(null, List.of(c), null, null);
    }

    static Arguments row(String name, BackupSelection selection, String... selected) {
        return Arguments.of(name, selection, Set.of(selected));
    }

    static Stream<Arguments> table() {
        List<String> all = List.of("*");
        return Stream.of(
                row("tag only: tagged resources of opted-in types",
                        selection(null, null, List.of(tag("Backup", "daily-prod")), null), "orders", "scratch", "vol-1"),
                row("* with StringNotEquals keeps untagged resources",
                        selection(all, null, null, notEquals(on("stage", "test"))),
                        "orders", "untagged", "vol-1", "ledger"),
                row("* with StringEquals needs the tag",
                        selection(all, null, null, stringEquals(on("stage", "prod"))), "orders"),
                row("resource-type pattern", selection(List.of("arn:aws:ec2:*:*:volume/*"), null, null, null),
                        "vol-1"),
                row("a resource-type ARN backs up a type that is not opted in",
                        selection(List.of("arn:aws:s3:::logs"), null, null, null), "logs"),
                row("a service-level pattern obeys the opt-in", selection(List.of("arn:aws:s3:*"), null, null, null)),
                row("the documented example: ARNs OR tags, AND conditions",
                        selection(List.of("arn:aws:rds:*:*:cluster:ledger"), null,
                                List.of(tag("Backup", "daily-prod")), notEquals(on("stage", "test"))),
                        "ledger", "orders", "vol-1"),
                row("NotResources entries are OR-ed exclusions",
                        selection(all, List.of("arn:aws:dynamodb:*:*:table/scratch",
                                "arn:aws:dynamodb:*:*:table/untagged"), null, null), "orders", "vol-1", "ledger"),
                row("StringLike with a wildcard", selection(all, null, null, new SelectionConditions(null, null,
                        List.of(on("Backup", "daily*")), null)), "orders", "scratch", "vol-1"),
                row("StringNotLike holds on untagged resources", selection(all, null, null,
                        new SelectionConditions(null, null, null, List.of(on("stage", "*es*")))),
                        "orders", "untagged", "vol-1", "ledger"),
                row("conditions alone select nothing", selection(null, null, null, stringEquals(on("stage", "prod")))),
                row("ListOfTags AND Conditions", selection(null, null, List.of(tag("Backup", "daily-prod")),
                        stringEquals(on("stage", "prod"))), "orders"),
                row("several Conditions are AND-ed", selection(all, null, null, new SelectionConditions(
                        List.of(on("Backup", "daily-prod")), List.of(on("stage", "test")), null, null)),
                        "orders", "vol-1"),
                row("tag keys are case sensitive", selection(null, null, List.of(tag("backup", "daily-prod")), null)),
                row("tag values are case sensitive", selection(null, null, List.of(tag("Backup", "Daily-Prod")), null)),
                row("ListOfTags entries are OR-ed", selection(null, null, List.of(tag("stage", "test"),
                        tag("stage", "prod")), null), "orders", "scratch"),
                row("a prefix pattern", selection(List.of("arn:aws:dynamodb:eu-west-1:" + ACCOUNT + ":table/o*"), null,
                        null, null), "orders"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void selects(String name, BackupSelection selection, Set<String> expected) {
        Set<String> picked = ESTATE.stream().filter(r -> SelectionMatcher.selects(selection, r, DEFAULT_OPT_IN))
                .map(ProtectedResource::name).collect(Collectors.toSet());
        assertThat(picked).isEqualTo(expected);
    }

    @Test
    void auroraAlwaysNeedsTheOptInEvenByResourceType() {
        BackupSelection clusters = selection(List.of("arn:aws:rds:*:*:cluster:*"), null, null, null);
        ProtectedResource ledger = ESTATE.get(5);
        assertThat(SelectionMatcher.selects(clusters, ledger, type -> !type.equals("Aurora"))).isFalse();
        assertThat(SelectionMatcher.selects(clusters, ledger, type -> true)).isTrue();
        BackupSelection volumes = selection(List.of("arn:aws:ec2:*:*:volume/*"), null, null, null);
        assertThat(SelectionMatcher.selects(volumes, ESTATE.get(3), type -> false)).isTrue();
    }

    @Test
    void theVerdictExplainsWhy() {
        BackupSelection s = selection(List.of("*"), null, null, notEquals(on("stage", "test")));
        assertThat(SelectionMatcher.evaluate(s, ESTATE.get(1), DEFAULT_OPT_IN).reason())
                .isEqualTo("matches Resources pattern *, but condition StringNotEquals aws:ResourceTag/stage=test "
                        + "does not hold");
        assertThat(SelectionMatcher.evaluate(s, ESTATE.get(4), DEFAULT_OPT_IN).reason())
                .isEqualTo("resource type S3 is not opted in for this Region");
        assertThat(SelectionMatcher.evaluate(s, ESTATE.get(0), DEFAULT_OPT_IN).selected()).isTrue();
    }
}
