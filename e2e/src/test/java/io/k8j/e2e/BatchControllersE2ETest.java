package io.k8j.e2e;

import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Jobs, CronJobs and ResourceQuotas with real kubectl 1.33 against a k8j server whose own kubelet runs
 * the pods as host processes (busybox's sh). The CronJob is made first, so that its first minute
 * passes while the Job tests run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BatchControllersE2ETest {
    private static Path dataDir;
    private static K8jServer server;
    private static Kubectl kubectl;

    @BeforeAll
    static void start() throws IOException {
        dataDir = Files.createTempDirectory("k8j-batch-e2e-");
        server = K8jServer.start(dataDir, List.of("--node-name", "batch-node", "--kubelet-port", "0",
                "--pod-loopback-block", "78"));
        kubectl = new Kubectl(Kubectl.V133, server.kubeconfig());
        kubectl.ok("create", "namespace", "cron");
        kubectl.ok("-n", "cron", "create", "cronjob", "every-minute", "--image=busybox", "--schedule=* * * * *",
                "--", "sh", "-c", "exit 0");
    }

    @AfterAll
    static void stop() throws IOException {
        kubectl.close();
        server.close();
        // The server's log outlives its data dir, for a failure to be read.
        Files.copy(dataDir.resolve("server.log"), Path.of("target", "BatchControllersE2ETest-server.log"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        K8jServer.deleteTree(dataDir);
    }

    @Test
    void aJobCompletes() {
        kubectl.ok("create", "job", "pi", "--image=busybox", "--", "sh", "-c", "exit 0");
        kubectl.ok("wait", "--for=condition=complete", "job/pi", "--timeout=60s");
        assertThat(kubectl.ok("get", "jobs", "pi")).containsPattern("pi\\s+Complete\\s+1/1\\s+");
        assertThat(kubectl.ok("get", "job", "pi", "-o",
                "jsonpath={.status.succeeded} {.status.conditions[*].type} {.spec.selector.matchLabels}"))
                .startsWith("1 SuccessCriteriaMet Complete").contains("batch.kubernetes.io/controller-uid");
        assertThat(kubectl.ok("get", "pods", "-l", "batch.kubernetes.io/job-name=pi", "-o",
                "jsonpath={.items[*].status.phase} {.items[*].metadata.finalizers}")).isEqualTo("Succeeded ");
        assertThat(kubectl.ok("describe", "job", "pi")).contains("SuccessfulCreate").contains("Completed");
    }

    @Test
    void aParallelJobRunsAllItsCompletions() {
        kubectl.okWithInput("""
                {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"par"},"spec":{"completions":3,"parallelism":2,
                 "template":{"spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"busybox",
                 "command":["sh","-c","sleep 1"]}]}}}}
                """, "create", "-f", "-");
        kubectl.ok("wait", "--for=condition=complete", "job/par", "--timeout=60s");
        assertThat(kubectl.ok("get", "jobs", "par")).containsPattern("par\\s+Complete\\s+3/3\\s+");
        assertThat(kubectl.ok("get", "pods", "-l", "job-name=par", "-o", "name").lines()).hasSize(3);
    }

    @Test
    void aJobPastItsBackoffLimitFails() {
        kubectl.okWithInput("""
                {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"bad"},"spec":{"backoffLimit":1,
                 "template":{"spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"busybox",
                 "command":["sh","-c","exit 1"]}]}}}}
                """, "create", "-f", "-");
        kubectl.ok("wait", "--for=condition=failed", "job/bad", "--timeout=60s");
        assertThat(kubectl.ok("get", "job", "bad", "-o",
                "jsonpath={.status.failed} {.status.conditions[?(@.type==\"Failed\")].reason}"))
                .isEqualTo("2 BackoffLimitExceeded");
        assertThat(kubectl.ok("get", "jobs", "bad")).containsPattern("bad\\s+Failed\\s+0/1\\s+");
        assertThat(kubectl.ok("describe", "job", "bad")).contains("BackoffLimitExceeded");
    }

    /** Last, so that the CronJob's first minute passes while the other tests run. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aCronJobStartsAJobEveryMinuteAndCanBeRunByHand() {
        kubectl.ok("-n", "cron", "create", "job", "by-hand", "--from=cronjob/every-minute");
        kubectl.ok("-n", "cron", "wait", "--for=condition=complete", "job/by-hand", "--timeout=60s");

        await().atMost(Duration.ofSeconds(75)).pollInterval(Duration.ofSeconds(1)).until(() ->
                kubectl.ok("-n", "cron", "get", "jobs", "-o", "name").lines().anyMatch(l -> l.matches("job.batch/every-minute-\\d+")));
        String job = kubectl.ok("-n", "cron", "get", "jobs", "-o", "name").lines()
                .filter(l -> l.startsWith("job.batch/every-minute-")).findFirst().orElseThrow();
        assertThat(kubectl.ok("-n", "cron", "get", job, "-o",
                "jsonpath={.metadata.annotations.batch\\.kubernetes\\.io/cronjob-scheduled-timestamp} {.metadata.ownerReferences[0].kind}"))
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:00Z CronJob");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                !kubectl.ok("-n", "cron", "get", "cronjob", "every-minute", "-o", "jsonpath={.status.lastScheduleTime}").isEmpty());
        assertThat(kubectl.ok("-n", "cron", "describe", "cronjob", "every-minute")).contains("SuccessfulCreate");
    }

    @Test
    void aQuotaShowsWhatIsUsedAndRefusesWhatWouldExceedIt() {
        kubectl.ok("create", "namespace", "quota");
        kubectl.ok("-n", "quota", "create", "quota", "small", "--hard=pods=2,requests.cpu=1,configmaps=5");
        // As in kube, a quota whose status the controller has not computed yet refuses what it limits.
        awaitQuota("pods\\s+0\\s+2");
        kubectl.okWithInput(pod("sleeper"), "-n", "quota", "create", "-f", "-");
        awaitQuota("pods\\s+1\\s+2");
        String described = kubectl.ok("-n", "quota", "describe", "quota", "small");
        assertThat(described).containsPattern("requests.cpu\\s+250m\\s+1").containsPattern("configmaps\\s+\\d+\\s+5");

        kubectl.okWithInput(pod("second"), "-n", "quota", "create", "-f", "-");
        Kubectl.Result third = kubectl.runWithInput(pod("third"), "-n", "quota", "create", "-f", "-");
        assertThat(third.code()).isNotZero();
        assertThat(third.err()).contains("(Forbidden)").contains("pods \"third\" is forbidden: exceeded quota: small, "
                + "requested: pods=1, used: pods=2, limited: pods=2");
    }

    /** Waits for {@code kubectl describe quota small} to show {@code row}; a timeout shows what it showed. */
    private static void awaitQuota(String row) {
        String[] last = {""};
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
                    (last[0] = kubectl.ok("-n", "quota", "describe", "quota", "small")).matches("(?s).*" + row + ".*"));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("quota never showed " + row + ":\n" + last[0]
                    + kubectl.ok("-n", "quota", "get", "quota,pods", "-o", "yaml"), e);
        }
    }

    private static String pod(String name) {
        return """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},"spec":{"restartPolicy":"Never",
                 "containers":[{"name":"c","image":"busybox","command":["sh","-c","sleep 30"],
                 "resources":{"requests":{"cpu":"250m"}}}]}}
                """.formatted(name);
    }
}
