package io.k8j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;

/** The {@code k8j} command. */
@Command(name = "k8j", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "A Kubernetes-compatible container orchestrator.",
        subcommands = {ServerCommand.class, AgentCommand.class, SchedulerCommand.class, ControllerManagerCommand.class,
                HollowNodesCommand.class, ImagesCommand.class, KillallCommand.class, ProxyCommand.class,
                SecretsEncryptCommand.class, TokenCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).setParameterExceptionHandler(Main::onBadFlag)
                .setExecutionExceptionHandler(Main::onFailure).execute(args));
    }

    /** A bad flag is picocli's one line and a hint, not the whole usage; exit code 2 as picocli's. */
    private static int onBadFlag(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** Known start-up failures are one line and exit code 1; anything else is a bug and keeps its trace. */
    private static int onFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof StartupFailure failure) {
            fail(failure.getMessage());
            return 1;
        }
        throw e;
    }

    /** The one line a start-up failure gets on stderr. */
    static void fail(String message) {
        System.err.println("k8j: " + message);
    }
}
