package io.strongroom.server.demo;

import java.util.List;

/**
 * The seed's organisation: four OUs and, with the management account, twenty accounts. The four production accounts
 * carry the seed's names; the two accounts "with no backup strategy" (in PreProduction) hold untagged resources.
 */
record DemoEstate(List<Ou> ous) {
    record Ou(String name, List<String> accounts) {
    }

    static final String PRODUCTION = "Production";
    static final String BACKUP_ACCOUNT = "backup";
    static final String AUDIT_ACCOUNT = "audit";
    static final List<String> NO_BACKUP_STRATEGY = List.of("legacy-batch", "analytics-staging");

    static DemoEstate seed() {
        return new DemoEstate(List.of(
                new Ou(PRODUCTION, List.of("payments", "ledger", "customer-api", "reports")),
                new Ou("PreProduction", List.of("payments-staging", "ledger-staging", "customer-api-staging",
                        "legacy-batch", "analytics-staging")),
                new Ou("Sandbox", List.of("sandbox-platform", "sandbox-data", "sandbox-web", "sandbox-mobile",
                        "sandbox-ml", "sandbox-security")),
                new Ou("Shared", List.of(BACKUP_ACCOUNT, AUDIT_ACCOUNT, "network", "logging"))));
    }
}
