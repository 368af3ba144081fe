package io.k8j.e2e;

import io.k8j.e2e.support.ComponentProcess;
import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import io.k8j.e2e.support.SimulatedNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two controller managers and two schedulers, each its own process, against one API server that runs
 * neither: exactly one of each acts, and killing the leader hands over within the lease duration.
 */
class LeaderElectionE2ETest {
    private static final String STARTED_LEADING = "started leading";
    /** Short leases so that a handover takes seconds: 4 s lease, 3 s renew deadline, 1 s retry. */
    private static final List<String> LEASE = List.of("--leader-elect-lease-duration", "4s",
            "--leader-elect-renew-deadline", "3s", "--leader-elect-retry-period", "1s");
    private static final Duration HANDOVER = Duration.ofSeconds(30);

    private static K8jServer server;
    private static Kubectl kubectl;
    private final List<ComponentProcess> components = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = K8jServer.start(null, List.of(K8jServer.CONTROL_PLANE_ONLY, "--disable-scheduler",
                "--disable-controller-manager"));
        kubectl = new Kubectl(Kubectl.V133, server.kubeconfig());
    }

    @AfterAll
    static void stop() {
        kubectl.close();
        server.close();
    }

    @AfterEach
    void stopComponents() {
        components.forEach(ComponentProcess::close);
    }

    @Test
    void oneControllerManagerActsAndTheOtherTakesOverWhenItDies() throws Exception {
        List<ComponentProcess> managers = startTwo("controller-manager");
        ComponentProcess leader = awaitLeader(managers);
        kubectl.ok("create", "namespace", "cm");
        kubectl.ok("-n", "cm", "create", "deployment", "web", "--image=busybox", "--replicas=2");
        await().atMost(HANDOVER).until(() -> count("cm", "pods") == 2);
        assertThat(count("cm", "replicasets")).as("nothing created twice").isEqualTo(1);

        leader.kill();
        ComponentProcess follower = other(managers, leader);
        await().atMost(HANDOVER).until(() -> follower.log().contains(STARTED_LEADING));
        kubectl.ok("-n", "cm", "scale", "deployment", "web", "--replicas=3");
        await().atMost(HANDOVER).until(() -> count("cm", "pods") == 3);
        assertThat(count("cm", "replicasets")).isEqualTo(1);
        assertThat(holder("kube-controller-manager")).isNotEmpty();
    }

    @Test
    void oneSchedulerBindsAndTheOtherTakesOverWhenItDies() throws Exception {
        SimulatedNodes.add(kubectl, "node-a", "4");
        List<ComponentProcess> schedulers = startTwo("scheduler");
        ComponentProcess leader = awaitLeader(schedulers);
        kubectl.ok("create", "namespace", "sched");
        kubectl.ok("-n", "sched", "run", "first", "--image=busybox", "--restart=Never");
        await().atMost(HANDOVER).until(() -> nodeOf("first").equals("node-a"));

        leader.kill();
        ComponentProcess follower = other(schedulers, leader);
        await().atMost(HANDOVER).until(() -> follower.log().contains(STARTED_LEADING));
        kubectl.ok("-n", "sched", "run", "second", "--image=busybox", "--restart=Never");
        await().atMost(HANDOVER).until(() -> nodeOf("second").equals("node-a"));
        // Events are written after the binding, so the second one may trail the pod's nodeName.
        await().atMost(HANDOVER).until(() -> scheduledEvents() >= 2);
        assertThat(scheduledEvents()).as("each pod bound once").isEqualTo(2);
    }

    private long scheduledEvents() {
        return kubectl.ok("-n", "sched", "get", "events", "--field-selector", "reason=Scheduled", "-o", "name")
                .lines().count();
    }

    private List<ComponentProcess> startTwo(String command) {
        for (int i = 0; i < 2; i++) {
            List<String> args = new ArrayList<>(List.of(command, "--kubeconfig", server.kubeconfig().toString()));
            args.addAll(LEASE);
            components.add(ComponentProcess.start(args));
        }
        return List.copyOf(components.subList(components.size() - 2, components.size()));
    }

    /** Waits until one of {@code candidates} leads, then checks that the other does not. */
    private static ComponentProcess awaitLeader(List<ComponentProcess> candidates) {
        await().atMost(HANDOVER).until(() -> candidates.stream().anyMatch(c -> c.log().contains(STARTED_LEADING)));
        List<ComponentProcess> leaders = candidates.stream().filter(c -> c.log().contains(STARTED_LEADING)).toList();
        assertThat(leaders).as("exactly one leader").hasSize(1);
        return leaders.get(0);
    }

    private static ComponentProcess other(List<ComponentProcess> pair, ComponentProcess one) {
        return pair.get(0) == one ? pair.get(1) : pair.get(0);
    }

    private static long count(String namespace, String resource) {
        return kubectl.ok("-n", namespace, "get", resource, "-o", "name").lines().filter(l -> !l.isBlank()).count();
    }

    private static String nodeOf(String pod) {
        return kubectl.ok("-n", "sched", "get", "pod", pod, "-o", "jsonpath={.spec.nodeName}");
    }

    private static String holder(String lease) {
        return kubectl.ok("-n", "kube-system", "get", "lease", lease, "-o", "jsonpath={.spec.holderIdentity}");
    }
}
