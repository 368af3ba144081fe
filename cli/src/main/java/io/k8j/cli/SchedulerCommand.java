package io.k8j.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8j.scheduler.Scheduler;
import io.k8j.scheduler.SchedulerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code k8j scheduler}: the scheduler alone, against any API server, with kube-scheduler's leader election flags. */
@Command(name = "scheduler", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        description = "Run the k8j scheduler against an API server.")
final class SchedulerCommand implements Callable<Integer> {
    @Mixin
    StandaloneFlags flags;

    @Override
    public Integer call() throws Exception {
        KubernetesClient client = StandaloneComponent.client(flags.kubeconfig);
        Reelecting scheduler = Reelecting.start("scheduler",
                () -> Scheduler.start(client, SchedulerOptions.defaults().withLease(flags.timings())));
        StandaloneComponent.runUntilTerminated(() -> {
            scheduler.close();
            client.close();
        });
        return 0;
    }
}
