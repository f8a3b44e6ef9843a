package io.strongroom.server.dashboard;

import io.strongroom.engine.backup.ControlEvaluator;
import io.strongroom.engine.backup.ProtectionOverview;
import io.strongroom.engine.backup.SelectionService;
import io.strongroom.orgpolicy.Contribution;
import io.strongroom.orgpolicy.EffectivePolicy;
import io.strongroom.orgpolicy.IgnoredOperation;
import io.strongroom.orgpolicy.KeyExplanation;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Renders the dashboard's HTML from the read model's records; plain string building, no template engine. */
final class DashboardPages {
    static final String BASE = "/_strongroom/dashboard/";

    private DashboardPages() {
    }

    static String signIn(String error) {
        return page("Sign in", null, (error == null ? "" : "<p class=\"error\" id=\"signin-error\">" + esc(error)
                + "</p>") + """
                <form method="post" action="%ssignin" class="signin">
                <h2>Admin token</h2>
                <label>Token <input type="password" name="token" id="token"></label>
                <h2>or an access key</h2>
                <label>Access key id <input name="accessKeyId" id="accessKeyId"></label>
                <label>Secret access key <input type="password" name="secretAccessKey" id="secretAccessKey"></label>
                <button type="submit" id="signin">Sign in</button>
                </form>""".formatted(BASE));
    }

    // ---- organization tree

    /** Rows an account shows on the overview unless it is asked for alone; the failing rows a control lists. */
    static final int RESOURCES_SHOWN = 100;
    static final int FAILING_SHOWN = 100;

    static String overview(String viewer, List<DashboardReadModel.AccountView> accounts) {
        return overview(viewer, accounts, accounts.size() == 1 ? Integer.MAX_VALUE : RESOURCES_SHOWN);
    }

    /** The tree; each account lists at most {@code shown} resources, the least protected first (D63). */
    static String overview(String viewer, List<DashboardReadModel.AccountView> accounts, int shown) {
        List<ProtectionOverview.ResourceStatus> all = accounts.stream()
                .flatMap(a -> a.resources().stream()).toList();
        long protectedCount = all.stream().filter(r -> !r.coverage().isEmpty()).count();
        long stale = all.stream().filter(r -> r.status() == ProtectionOverview.Status.STALE).count();
        StringBuilder b = new StringBuilder();
        b.append("<div class=\"tiles\">")
                .append(tile("count-accounts", "accounts", accounts.size(), ""))
                .append(tile("count-resources", "resources", all.size(), ""))
                .append(tile("count-protected", "protected by a plan", protectedCount, "ok"))
                .append(tile("count-stale", "last point older than the plan's frequency", stale, "warn"))
                .append(tile("count-unprotected", "not protected", all.size() - protectedCount, "bad"))
                .append("</div>");
        Map<String, List<DashboardReadModel.AccountView>> byOu = new LinkedHashMap<>();
        accounts.stream().sorted(java.util.Comparator.comparing(a -> String.join("/", a.organizationalUnits())))
                .forEach(a -> byOu.computeIfAbsent(a.organizationalUnits().isEmpty() ? "Root"
                        : "Root / " + String.join(" / ", a.organizationalUnits()), k -> new java.util.ArrayList<>())
                        .add(a));
        byOu.forEach((ou, members) -> {
            b.append("<section class=\"ou\"><h2>").append(esc(ou)).append("</h2>");
            members.forEach(a -> account(b, a, shown));
            b.append("</section>");
        });
        return page("Organization", viewer, b.toString());
    }

    private static void account(StringBuilder b, DashboardReadModel.AccountView a, int shown) {
        List<ProtectionOverview.ResourceStatus> resources = a.resources();
        String colour = resources.stream().anyMatch(r -> r.status() == ProtectionOverview.Status.UNPROTECTED) ? "bad"
                : resources.stream().anyMatch(r -> r.status() == ProtectionOverview.Status.STALE) ? "warn" : "ok";
        b.append("<details open class=\"account ").append(colour).append("\" data-account=\"").append(a.accountId())
                .append("\"><summary>").append(esc(a.name())).append(" <code>").append(a.accountId())
                .append("</code> &middot; ").append(resources.size()).append(" resources &middot; <a href=\"")
                .append(BASE).append("policy?account=").append(a.accountId())
                .append("\">effective backup policy</a></summary>");
        if (resources.isEmpty()) {
            b.append("<p class=\"muted\">No protectable resources.</p></details>");
            return;
        }
        b.append("<table><tr><th>resource</th><th>type</th><th>status</th><th>plans</th>"
                + "<th>last recovery point</th><th>age / frequency</th><th>vaults</th><th></th></tr>");
        // The least protected first when not every row is shown (UNPROTECTED, STALE, FRESH), in ARN order within.
        List<Map.Entry<String, ProtectionOverview.ResourceStatus>> rows = new java.util.ArrayList<>();
        a.resourcesByRegion().forEach((region, list) -> list.forEach(r -> rows.add(Map.entry(region, r))));
        if (rows.size() > shown) {
            rows.sort(java.util.Comparator.comparing(e -> 2 - e.getValue().status().ordinal()));
        }
        rows.stream().limit(shown).forEach(e -> {
            String region = e.getKey();
            ProtectionOverview.ResourceStatus r = e.getValue();
            b.append("<tr class=\"resource ").append(statusClass(r.status())).append("\" data-arn=\"")
                    .append(esc(r.arn())).append("\"><td>").append(label(r)).append("<br><small>")
                    .append(region).append("</small></td><td>").append(esc(r.resourceType())).append("</td><td>")
                    .append(r.status()).append("</td><td>")
                    .append(esc(r.coverage().stream().map(c -> c.planName() + " / " + c.selectionName())
                            .distinct().collect(Collectors.joining(", "))))
                    .append("</td><td>").append(r.lastRecoveryPoint() == null ? "none"
                            : r.lastRecoveryPoint().atOffset(ZoneOffset.UTC).toString())
                    .append("</td><td>").append(age(r)).append("</td><td>");
            r.vaults().forEach(h -> b.append(vault(h, a.accountId(), region)).append("<br>"));
            b.append("</td><td><a href=\"").append(BASE).append("why?arn=").append(url(r.arn()))
                    .append("\">why</a></td></tr>");
        });
        b.append("</table>");
        if (rows.size() > shown) {
            long fresh = rows.stream().skip(shown)
                    .filter(e -> e.getValue().status() == ProtectionOverview.Status.FRESH).count();
            b.append("<p class=\"more\">").append(rows.size() - shown).append(" more resources (").append(fresh)
                    .append(" fresh): <a href=\"").append(BASE).append("?account=").append(a.accountId())
                    .append("\">every resource of this account</a></p>");
        }
        b.append("</details>");
    }

    private static String vault(ProtectionOverview.Holding h, String account, String region) {
        String where = !h.region().equals(region) ? "other Region " + h.region()
                : h.accountId().equals(account) ? "local" : "central (" + h.accountId() + ")";
        String lock = h.lockMode() == null ? "<span class=\"bad\">unlocked</span>"
                : "<span class=\"ok\">" + h.lockMode().toLowerCase() + " lock</span>"
                + (h.coolingOffLeft() == null ? "" : ", cooling-off " + duration(h.coolingOffLeft()) + " left");
        return "<span class=\"vault\">" + esc(h.vaultName()) + " &middot; " + where + " &middot; " + lock + " &middot; "
                + h.points() + " point" + (h.points() == 1 ? "" : "s") + "</span>";
    }

    /**
     * The resource's name, led by its Name tag when it has one of its own: an instance or volume is named by its id,
     * which says nothing to a reader, while the console and the team call it by the tag.
     */
    static String label(ProtectionOverview.ResourceStatus r) {
        String tag = r.tags() == null ? null : r.tags().get("Name");
        if (tag == null || tag.isBlank() || tag.equals(r.name())) {
            return esc(r.name());
        }
        return "<span class=\"name-tag\">" + esc(tag) + "</span> <small>" + esc(r.name()) + "</small>";
    }

    private static String age(ProtectionOverview.ResourceStatus r) {
        Duration frequency = r.coverage().stream().map(ProtectionOverview.Coverage::frequency)
                .filter(java.util.Objects::nonNull).max(java.util.Comparator.naturalOrder()).orElse(null);
        return (r.age() == null ? "&ndash;" : duration(r.age())) + " / "
                + (frequency == null ? "&ndash;" : "every " + duration(frequency));
    }

    // ---- controls

    static String controls(String viewer, List<DashboardReadModel.FrameworkView> frameworks) {
        StringBuilder b = new StringBuilder();
        if (frameworks.isEmpty()) {
            b.append("<p class=\"muted\">No Backup Audit Manager framework exists in these accounts.</p>");
        }
        for (DashboardReadModel.FrameworkView f : frameworks) {
            b.append("<section class=\"framework\" data-framework=\"").append(esc(f.name())).append("\"><h2>")
                    .append(esc(f.name())).append(" <small>").append(f.accountId()).append(" ").append(f.region())
                    .append("</small></h2><table><tr><th>control</th><th>status</th><th>compliant</th>"
                            + "<th>non-compliant</th><th>failing and why</th></tr>");
            for (ControlEvaluator.ControlResult c : f.controls()) {
                b.append("<tr data-control=\"").append(c.controlName()).append("\" class=\"")
                        .append(ControlEvaluator.COMPLIANT.equals(c.status()) ? "ok" : "bad").append("\"><td>")
                        .append(c.controlName()).append("</td><td>").append(c.status())
                        .append("</td><td class=\"compliant\">").append(c.compliant())
                        .append("</td><td class=\"non-compliant\">").append(c.nonCompliant()).append("</td><td><ul>");
                List<ControlEvaluator.SubjectResult> failing = c.subjects().stream()
                        .filter(s -> ControlEvaluator.NON_COMPLIANT.equals(s.status())).toList();
                failing.stream().limit(FAILING_SHOWN).forEach(s -> b.append("<li class=\"failing\" data-arn=\"").append(esc(s.arn()))
                                .append("\"><code>").append(esc(s.resourceId())).append("</code>: ")
                                .append(esc(s.reason())).append("</li>"));
                if (failing.size() > FAILING_SHOWN) {
                    b.append("<li class=\"more\">").append(failing.size() - FAILING_SHOWN)
                            .append(" more: every one is in a RESOURCE_COMPLIANCE_REPORT</li>");
                }
                b.append("</ul></td></tr>");
            }
            b.append("</table></section>");
        }
        return page("Controls", viewer, b.toString());
    }

    // ---- jobs

    static String jobs(String viewer, List<ProtectionOverview.DailyJobs> days) {
        int[] total = new int[4];
        StringBuilder rows = new StringBuilder();
        StringBuilder x = new StringBuilder();
        StringBuilder[] series = {new StringBuilder(), new StringBuilder(), new StringBuilder(), new StringBuilder()};
        for (ProtectionOverview.DailyJobs d : days) {
            int[] n = {d.backups(), d.copies(), d.restores(), d.failures()};
            rows.append("<tr><td>").append(d.day()).append("</td>");
            x.append(x.isEmpty() ? "" : ",").append(d.day().atStartOfDay(ZoneOffset.UTC).toEpochSecond());
            for (int i = 0; i < 4; i++) {
                total[i] += n[i];
                rows.append("<td>").append(n[i]).append("</td>");
                series[i].append(series[i].isEmpty() ? "" : ",").append(n[i]);
            }
            rows.append("</tr>");
        }
        String body = "<div id=\"jobs-chart\"></div>"
                + "<table id=\"jobs-table\"><tr><th>day</th><th>backups</th><th>copies</th><th>restores</th>"
                + "<th>failures</th></tr>" + rows
                + "<tr class=\"total\"><th>total</th><td id=\"total-backups\">" + total[0]
                + "</td><td id=\"total-copies\">" + total[1] + "</td><td id=\"total-restores\">" + total[2]
                + "</td><td id=\"total-failures\">" + total[3] + "</td></tr></table>"
                + "<script src=\"" + BASE + "static/uPlot.iife.min.js\"></script><script>\n"
                + "const data=[[" + x + "],[" + series[0] + "],[" + series[1] + "],[" + series[2] + "],["
                + series[3] + "]];\n" + """
                const bars = uPlot.paths.bars({size: [0.6, 40]});
                new uPlot({width: Math.min(1100, window.innerWidth - 60), height: 300, title: "Jobs per day",
                  series: [{}, {label: "backups", stroke: "#2f6fb0", fill: "rgba(47,111,176,0.25)"},
                    {label: "copies", stroke: "#7b4fb0"}, {label: "restores", stroke: "#2e9e5b"},
                    {label: "failures", stroke: "#c0392b", fill: "rgba(192,57,43,0.25)", paths: bars}],
                  axes: [{}, {label: "jobs"}]}, data, document.getElementById("jobs-chart"));
                </script>""";
        return page("Jobs", viewer, body);
    }

    // ---- why

    static String why(String viewer, String arn, Optional<DashboardReadModel.Why> answer,
                      List<DashboardReadModel.DeniedCall> denied) {
        StringBuilder b = new StringBuilder();
        b.append("<h2>Why is a resource (not) protected?</h2><form method=\"get\" action=\"").append(BASE)
                .append("why\"><input name=\"arn\" id=\"arn\" size=\"90\" value=\"").append(esc(arn == null ? "" : arn))
                .append("\"><button type=\"submit\">explain</button></form>");
        if (arn != null && answer.isEmpty()) {
            b.append("<p class=\"error\" id=\"why-verdict\">No resource ").append(esc(arn))
                    .append(" in the accounts you may see.</p>");
        }
        answer.ifPresent(w -> {
            b.append("<p id=\"why-verdict\" class=\"").append(w.protectedNow() ? "ok" : "bad").append("\">")
                    .append(w.protectedNow() ? "PROTECTED" : "NOT PROTECTED").append("</p>");
            b.append("<table id=\"why-selections\"><tr><th>plan</th><th>selection</th><th>selects it?</th>"
                    + "<th>why</th></tr>");
            for (SelectionService.Explanation e : w.selections()) {
                b.append("<tr class=\"").append(e.selected() ? "ok" : "bad").append("\" data-plan=\"")
                        .append(esc(e.planName())).append("\"><td>").append(esc(e.planName())).append("</td><td>")
                        .append(esc(e.selectionName())).append("</td><td>").append(e.selected() ? "yes" : "no")
                        .append("</td><td class=\"reason\">").append(esc(e.reason())).append("</td></tr>");
            }
            if (w.selections().isEmpty()) {
                b.append("<tr><td colspan=\"4\">No backup plan in ").append(w.accountId()).append(" ")
                        .append(w.region()).append(" has a selection.</td></tr>");
            }
            b.append("</table>");
            w.backupPolicy().ifPresent(p -> b.append("<p>The account's effective backup policy: <a href=\"")
                    .append(BASE).append("policy?account=").append(w.accountId()).append("\">plans and levels</a>")
                    .append("</p><pre>").append(esc(p.content() == null ? "(none)" : p.content())).append("</pre>"));
        });
        b.append("<h2>Denied calls</h2><table id=\"denied-calls\"><tr><th>time</th><th>account</th><th>caller</th>"
                + "<th>call</th><th>error</th><th>denied by</th></tr>");
        for (DashboardReadModel.DeniedCall d : denied) {
            b.append("<tr class=\"denied\" data-event=\"").append(d.event().eventId()).append("\"><td>")
                    .append(d.event().eventTime()).append("</td><td>").append(d.event().recipientAccountId())
                    .append("</td><td>").append(esc(d.event().principal() == null ? "" : d.event().principal().arn()))
                    .append("</td><td>").append(esc(d.event().eventSource() + " " + d.event().eventName()))
                    .append("</td><td>").append(esc(d.event().errorMessage()))
                    .append("</td><td class=\"explanation\">")
                    .append(esc(d.explanation() == null ? "(not recorded)" : d.explanation())).append("</td></tr>");
        }
        b.append("</table>");
        return page("Why", viewer, b.toString());
    }

    // ---- effective backup policy

    static String policy(String viewer, String account, List<String> accounts, Optional<EffectivePolicy> policy) {
        StringBuilder b = new StringBuilder("<form method=\"get\" action=\"" + BASE + "policy\"><select name=\"account\">");
        accounts.forEach(a -> b.append("<option").append(a.equals(account) ? " selected" : "").append(">").append(a)
                .append("</option>"));
        b.append("</select><button type=\"submit\">show</button></form>");
        if (policy.isEmpty()) {
            b.append("<p class=\"muted\" id=\"policy-none\">Account ").append(esc(account))
                    .append(" has no effective backup policy.</p>");
            return page("Effective backup policy", viewer, b.toString());
        }
        EffectivePolicy p = policy.get();
        b.append("<h2>Effective backup policy of ").append(esc(account)).append("</h2><pre id=\"policy-content\">")
                .append(esc(p.content() == null ? "(none attached)" : p.content())).append("</pre>");
        if (!p.errors().isEmpty()) {
            b.append("<p class=\"bad\">Not valid: ").append(esc(p.errors().toString())).append("</p>");
        }
        b.append("<h2>Each key and the levels that made it</h2><table id=\"policy-keys\"><tr><th>key</th>"
                + "<th>introduced by</th><th>operations in merge order</th></tr>");
        for (KeyExplanation k : p.explanation().keys()) {
            b.append("<tr data-key=\"").append(esc(k.path())).append("\"><td><code>").append(esc(k.path()))
                    .append("</code></td><td>").append(esc(String.valueOf(k.createdBy()))).append("</td><td><ol>");
            for (Contribution c : k.operations()) {
                b.append("<li>").append(esc(c.toString())).append(" <small>level ").append(c.source().level())
                        .append("</small></li>");
            }
            b.append("</ol></td></tr>");
        }
        b.append("</table>");
        if (!p.explanation().ignored().isEmpty()) {
            b.append("<h2>Ignored operations</h2><ul id=\"policy-ignored\">");
            for (IgnoredOperation i : p.explanation().ignored()) {
                b.append("<li>").append(esc(i.toString())).append("</li>");
            }
            b.append("</ul>");
        }
        return page("Effective backup policy", viewer, b.toString());
    }

    // ---- layout

    private static String page(String title, String viewer, String body) {
        String nav = viewer == null ? "" : "<nav><a href=\"" + BASE + "\">Organization</a><a href=\"" + BASE
                + "controls\">Controls</a><a href=\"" + BASE + "jobs\">Jobs</a><a href=\"" + BASE
                + "why\">Why</a><a href=\"" + BASE + "policy\">Backup policy</a><span class=\"viewer\">signed in as "
                + esc(viewer) + " &middot; <a href=\"" + BASE + "signout\">sign out</a></span></nav>";
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Strongroom &middot; "
                + esc(title) + "</title><link rel=\"stylesheet\" href=\"" + BASE + "static/uPlot.min.css\">"
                + "<link rel=\"stylesheet\" href=\"" + BASE + "static/dashboard.css\"></head><body><header>"
                + "<h1>Strongroom &middot; " + esc(title) + "</h1>" + nav + "</header><main>" + body
                + "</main></body></html>";
    }

    private static String tile(String id, String label, long value, String colour) {
        return "<div class=\"tile " + colour + "\"><span class=\"number\" id=\"" + id + "\">" + value
                + "</span><span class=\"label\">" + esc(label) + "</span></div>";
    }

    private static String statusClass(ProtectionOverview.Status status) {
        return switch (status) {
            case FRESH -> "ok";
            case STALE -> "warn";
            case UNPROTECTED -> "bad";
        };
    }

    static String duration(Duration d) {
        long hours = d.toHours();
        return hours >= 48 ? hours / 24 + "d" + (hours % 24 == 0 ? "" : " " + hours % 24 + "h")
                : hours >= 1 ? hours + "h" : d.toMinutes() + "m";
    }

    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String url(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
