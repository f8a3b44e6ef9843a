package io.strongroom.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code strongroom serve | clock ...}: the launcher's entry point. */
@Command(name = "strongroom", mixinStandardHelpOptions = true,
        description = "An AWS-compatible control plane for organisation-wide backup.",
        subcommands = {ServeCommand.class, ClockCommand.class, MfaCodeCommand.class})
public final class Main implements Runnable {
    public static void main(String[] args) {
        int code = new CommandLine(new Main()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
