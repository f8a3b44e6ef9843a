package io.strongroom.server.cli;

import io.strongroom.engine.iam.Totp;
import io.strongroom.server.demo.DemoFiles;
import picocli.CommandLine.Command;

import java.time.Instant;

/** {@code strongroom mfa-code}: the demo's break-glass MFA code at the server's (simulated) now. */
@Command(name = "mfa-code", description = "Print the current code of the demo's break-glass virtual MFA device.")
final class MfaCodeCommand extends ClockCommand.AdminCall {
    @Override
    public Integer call() throws Exception {
        var seed = new DemoFiles(data).mfaSeed();
        if (seed.isEmpty()) {
            System.err.println("no demo MFA seed in " + data + " (start the server with --demo first)");
            return 1;
        }
        Instant now = Instant.parse(json(get("clock")).get("now").asText());
        System.out.println(Totp.code(seed.get(), Totp.step(now.getEpochSecond())));
        return 0;
    }
}
