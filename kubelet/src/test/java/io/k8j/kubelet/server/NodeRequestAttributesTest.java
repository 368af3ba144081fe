package io.k8j.kubelet.server;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class NodeRequestAttributesTest {

    @Test
    void pathsMapToKubeletSubresourcesAndMethodsToVerbs() {
        assertThat(NodeRequestAttributes.of("GET", "/containerLogs/ns/p/c", false))
                .isEqualTo(new NodeRequestAttributes("get", "proxy"));
        assertThat(NodeRequestAttributes.of("POST", "/exec/ns/p/c", false))
                .isEqualTo(new NodeRequestAttributes("create", "proxy"));
        assertThat(NodeRequestAttributes.of("GET", "/stats/summary", false).subresource()).isEqualTo("stats");
        assertThat(NodeRequestAttributes.of("GET", "/metrics", false).subresource()).isEqualTo("metrics");
        assertThat(NodeRequestAttributes.of("GET", "/logs/", false).subresource()).isEqualTo("log");
        assertThat(NodeRequestAttributes.of("GET", "/spec", false).subresource()).isEqualTo("spec");
        assertThat(NodeRequestAttributes.of("GET", "/specimen", false).subresource()).isEqualTo("proxy");
        assertThat(NodeRequestAttributes.of("PUT", "/x", false).verb()).isEqualTo("update");
        assertThat(NodeRequestAttributes.of("PATCH", "/x", false).verb()).isEqualTo("patch");
        assertThat(NodeRequestAttributes.of("DELETE", "/x", false).verb()).isEqualTo("delete");
    }

    @Test
    void upgradesOfExecAttachAndPortForwardAreCreate() {
        assertThat(NodeRequestAttributes.of("GET", "/exec/ns/p/c", true))
                .isEqualTo(new NodeRequestAttributes("create", "proxy"));
        assertThat(NodeRequestAttributes.of("GET", "/portForward/ns/p", true).verb()).isEqualTo("create");
    }

    @Test
    void forbiddenTextIsKubeletS() {
        assertThat(new NodeRequestAttributes("create", "proxy").forbidden("bob"))
                .isEqualTo("Forbidden (user=bob, verb=create, resource=nodes, subresource(s)=[proxy])\n");
    }

    @Test
    void cacheKeepsPositiveAnswersLongerThanNegativeOnes() {
        Instant[] now = {Instant.parse("2026-01-01T00:00:00Z")};
        Clock clock = new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now[0]; }
        };
        ExpiringCache<String, Boolean> cache = new ExpiringCache<>(CallerAuthorizer.ALLOWED_TTL,
                CallerAuthorizer.DENIED_TTL, Boolean::booleanValue, clock);
        cache.put("allowed", true);
        cache.put("denied", false);
        now[0] = now[0].plus(Duration.ofSeconds(29));
        assertThat(cache.get("denied")).contains(false);
        now[0] = now[0].plus(Duration.ofSeconds(1));
        assertThat(cache.get("denied")).isEqualTo(Optional.empty());
        assertThat(cache.get("allowed")).contains(true);
        now[0] = now[0].plus(Duration.ofMinutes(5));
        assertThat(cache.get("allowed")).isEmpty();
    }
}
