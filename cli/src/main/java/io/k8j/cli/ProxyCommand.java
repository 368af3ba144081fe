package io.k8j.cli;

import io.k8j.proxy.ServiceProxy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * {@code k8j proxy --cleanup}: removes the service proxy's iptables chains and jumps, as {@code kube-proxy --cleanup},
 * for a node that stopped without removing them (a SIGKILL). The proxy itself runs inside server and agent.
 */
@Command(name = "proxy", mixinStandardHelpOptions = true,
        description = "Service proxy maintenance (the proxy runs inside k8j server and k8j agent).")
final class ProxyCommand implements Callable<Integer> {
    @Option(names = "--cleanup", required = true, description = "Remove every iptables chain and jump of the service proxy and restore route_localnet, then exit.")
    boolean cleanup;

    @Override
    public Integer call() throws IOException {
        ServiceProxy.unavailable().ifPresent(why -> {
            throw new StartupFailure("cannot clean up the service proxy's rules: " + why);
        });
        ServiceProxy.cleanup();
        System.out.println("k8j proxy: removed the service proxy's iptables rules");
        return 0;
    }
}
