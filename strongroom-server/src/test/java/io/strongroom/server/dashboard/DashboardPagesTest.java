package io.strongroom.server.dashboard;

import io.strongroom.engine.backup.ControlEvaluator;
import io.strongroom.engine.backup.FrameworkControl;
import io.strongroom.engine.backup.ProtectionOverview;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** How much the pages list at an organisation's size (D63): the least protected first, the rest counted. */
class DashboardPagesTest {
    static ProtectionOverview.ResourceStatus resource(int i, ProtectionOverview.Status status) {
        List<ProtectionOverview.Coverage> coverage = status == ProtectionOverview.Status.UNPROTECTED ? List.of()
                : List.of(new ProtectionOverview.Coverage("p", "daily", "tagged", Duration.ofDays(1)));
        return new ProtectionOverview.ResourceStatus(String.format("arn:aws:dynamodb:eu-west-1:111111111111:table/t-%03d",
                i), "t-" + i, "DynamoDB", Map.of(), coverage, Instant.parse("2027-02-01T02:00:00Z"),
                Duration.ofHours(22), status, List.of());
    }

    static List<String> rows(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<tr class=\"resource (\\w+)\" data-arn=\"[^\"]*table/(t-\\d+)\"").matcher(html);
        while (m.find()) {
            out.add(m.group(2) + " " + m.group(1));
        }
        return out;
    }

    static DashboardReadModel.AccountView account(String id, List<ProtectionOverview.ResourceStatus> resources) {
        return new DashboardReadModel.AccountView(id, "production", List.of("Production"),
                Map.of("eu-west-1", resources));
    }

    @Test
    void aLargeAccountListsItsLeastProtectedResourcesFirstAndCountsTheRest() {
        List<ProtectionOverview.ResourceStatus> resources = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            resources.add(resource(i, i == 120 ? ProtectionOverview.Status.UNPROTECTED
                    : i == 130 ? ProtectionOverview.Status.STALE : ProtectionOverview.Status.FRESH));
        }
        List<DashboardReadModel.AccountView> tree = List.of(account("111111111111", resources),
                account("222222222222", List.of()));
        String html = DashboardPages.overview("admin", tree);

        List<String> shown = rows(html);
        assertThat(shown).hasSize(DashboardPages.RESOURCES_SHOWN);
        assertThat(shown.subList(0, 3)).containsExactly("t-120 bad", "t-130 warn", "t-000 ok");
        assertThat(html).contains("50 more resources (50 fresh)")
                .contains("href=\"/_strongroom/dashboard/?account=111111111111\"")
                .contains("id=\"count-resources\">150<").as("the tiles count every resource");
        assertThat(rows(DashboardPages.overview("admin", tree.subList(0, 1)))).as("one account: every row")
                .hasSize(150);
    }

    @Test
    void aControlListsItsFirstFailingSubjectsAndCountsTheRest() {
        List<ControlEvaluator.SubjectResult> failing = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            failing.add(new ControlEvaluator.SubjectResult("AWS::DynamoDB::Table/t-" + i, "AWS::DynamoDB::Table",
                    "arn:t-" + i, ControlEvaluator.NON_COMPLIANT, "No selection of a backup plan selects it."));
        }
        ControlEvaluator.ControlResult result = new ControlEvaluator.ControlResult(
                "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN", Map.of(), new FrameworkControl.Scope(List.of(),
                List.of(), Map.of()), "Twenty_Four_Hours", ControlEvaluator.NON_COMPLIANT, 5, 130, failing);
        String html = DashboardPages.controls("admin", List.of(new DashboardReadModel.FrameworkView("111111111111",
                "eu-west-1", "seed_controls", List.of(result))));

        assertThat(html.split("class=\"failing\"", -1)).hasSize(DashboardPages.FAILING_SHOWN + 1);
        assertThat(html).contains("<td class=\"non-compliant\">130</td>")
                .contains("30 more: every one is in a RESOURCE_COMPLIANCE_REPORT");
    }

    @Test
    void aResourceWithANameTagIsShownByItWithItsIdBeside() {
        ProtectionOverview.ResourceStatus instance = new ProtectionOverview.ResourceStatus(
                "arn:aws:ec2:eu-west-1:111111111111:instance/i-0abc", "i-0abc", "EC2",
                Map.of("Name", "payments-api <web>", "Backup", "monthly-prod"), List.of(), null, null,
                ProtectionOverview.Status.UNPROTECTED, List.of());
        ProtectionOverview.ResourceStatus table = resource(7, ProtectionOverview.Status.FRESH);

        assertThat(DashboardPages.label(instance))
                .isEqualTo("<span class=\"name-tag\">payments-api &lt;web&gt;</span> <small>i-0abc</small>");
        assertThat(DashboardPages.label(table)).as("no Name tag: the name alone").isEqualTo("t-7");
        assertThat(DashboardPages.overview("admin", List.of(account("111111111111", List.of(instance, table)))))
                .contains("payments-api &lt;web&gt;</span> <small>i-0abc</small>");
    }
}
