package io.k8j.apiserver.http;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The text of kube-apiserver's health endpoints, check by check. */
class HealthChecksTest {
    private static HealthChecks.Check check(String name, String failure) {
        return new HealthChecks.Check() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String failure() {
                return failure;
            }
        };
    }

    private final HealthChecks healthy = new HealthChecks(List.of(HealthChecks.PING, check("etcd", null)));
    private final HealthChecks failing = new HealthChecks(List.of(HealthChecks.PING,
            check("etcd", "etcd did not answer within 2s")));

    @Test
    void passingIsOkOrVerboseLines() {
        assertThat(healthy.answer("/readyz", List.of(), false)).isEqualTo(new HealthChecks.Answer(200, "ok"));
        assertThat(healthy.answer("/livez", List.of(), true)).isEqualTo(new HealthChecks.Answer(200,
                "[+]ping ok\n[+]etcd ok\nlivez check passed\n"));
    }

    @Test
    void failingMarksTheCheckAndWithholdsTheReason() {
        HealthChecks.Answer a = failing.answer("/readyz", List.of(), false);
        assertThat(a).isEqualTo(new HealthChecks.Answer(500, "[+]ping ok\n[-]etcd failed: reason withheld\nreadyz check failed\n"));
        assertThat(failing.answer("/healthz", List.of(), true).body()).endsWith("healthz check failed\n");
    }

    @Test
    void excludingSkipsACheckAndWarnsOfUnknownNames() {
        assertThat(failing.answer("/readyz", List.of("etcd", "nope", "also"), true)).isEqualTo(new HealthChecks.Answer(200,
                "[+]ping ok\n[+]etcd excluded: ok\nwarn: some health checks cannot be excluded: no matches for \"also\",\"nope\"\n"
                        + "readyz check passed\n"));
    }

    @Test
    void aSingleCheckHasItsOwnPathThatGivesTheReason() {
        assertThat(failing.serves("/readyz/etcd")).isTrue();
        assertThat(failing.serves("/livez/ping")).isTrue();
        assertThat(failing.serves("/readyz/sqlite")).isFalse();
        assertThat(failing.answer("/livez/ping", List.of(), false)).isEqualTo(new HealthChecks.Answer(200, "ok"));
        assertThat(failing.answer("/readyz/etcd", List.of(), false)).isEqualTo(new HealthChecks.Answer(500,
                "internal server error: etcd did not answer within 2s\n"));
    }
}
