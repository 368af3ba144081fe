package io.k8j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code k8j} command. */
@Command(name = "k8j", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "A Kubernetes-compatible container orchestrator.",
        subcommands = {ServerCommand.class, AgentCommand.class, SchedulerCommand.class, ControllerManagerCommand.class,
                HollowNodesCommand.class, KillallCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
