package io.strongroom.server.cli;

import io.strongroom.server.Strongroom;
import io.strongroom.server.demo.DemoFiles;

import java.io.PrintStream;

/**
 * What {@code serve --demo} tells the user: where the demo's credentials are, the MFA seed, the accounts and the
 * databases' endpoints.
 */
final class DemoBanner {
    private DemoBanner() {
    }

    static void print(Strongroom server, PrintStream out) {
        DemoFiles files = server.demo().files();
        out.println(server.demo().built()
                ? "Demo organisation built in " + server.demo().took().toMillis() + " ms (the seed's rollout):"
                : "Demo organisation already present (built on an earlier start):");
        out.println("  profiles (management and one per account: its root; payments-admin; oncall):");
        out.println("    export AWS_SHARED_CREDENTIALS_FILE=" + files.credentials() + " AWS_CONFIG_FILE="
                + files.config());
        out.println("  break-glass MFA seed (base32, for an authenticator app): " + files.mfaSeed().orElse("?"));
        out.println("  current code: ./strongroom mfa-code --data " + server.dataDir().root());
        files.summary().lines().forEach(line -> out.println("  " + line));
        out.println("  walkthrough: docs/walkthrough.md");
    }
}
