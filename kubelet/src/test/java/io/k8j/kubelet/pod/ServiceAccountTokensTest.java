package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccountTokenProjection;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceAccountTokensTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private Instant now = START;
    private final List<TokenRequest> requests = new ArrayList<>();
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    /** Issues "token-N" valid for the requested seconds from now, and records each request. */
    private final ConfigSource api = new ConfigSource() {
        @Override
        public ConfigMap configMap(String namespace, String name) {
            return null;
        }

        @Override
        public Secret secret(String namespace, String name) {
            return null;
        }

        @Override
        public TokenRequest serviceAccountToken(String namespace, String serviceAccount, TokenRequest request) {
            requests.add(request);
            return new TokenRequestBuilder(request).withNewStatus().withToken("token-" + requests.size())
                    .withExpirationTimestamp(now.plusSeconds(request.getSpec().getExpirationSeconds()).toString())
                    .endStatus().build();
        }
    };

    private final Pod pod = new PodBuilder().withNewMetadata().withName("web").withNamespace("ns").withUid("u1")
            .endMetadata().withNewSpec().withServiceAccountName("robot").endSpec().build();

    private static ServiceAccountTokenProjection source(String audience, long seconds) {
        return new ServiceAccountTokenProjection(audience, seconds, "token");
    }

    @Test
    void requestsATokenBoundToThePod() throws Exception {
        assertThat(new ServiceAccountTokens(api, clock).token(pod, source(null, 3607))).isEqualTo("token-1");
        var spec = requests.get(0).getSpec();
        assertThat(spec.getAudiences()).isEmpty();
        assertThat(spec.getExpirationSeconds()).isEqualTo(3607);
        assertThat(spec.getBoundObjectRef().getKind()).isEqualTo("Pod");
        assertThat(spec.getBoundObjectRef().getName()).isEqualTo("web");
        assertThat(spec.getBoundObjectRef().getUid()).isEqualTo("u1");
    }

    @Test
    void refreshesAtEightyPercentOfTheLifetimeNotBefore() throws Exception {
        ServiceAccountTokens tokens = new ServiceAccountTokens(api, clock);
        tokens.token(pod, source("vault", 3600));
        now = START.plus(Duration.ofMinutes(40));
        tokens.token(pod, source("vault", 3600));
        assertThat(requests).hasSize(1);

        now = START.plus(Duration.ofMinutes(48)).plusSeconds(1); // 80% of an hour, past any jitter
        assertThat(tokens.token(pod, source("vault", 3600))).isEqualTo("token-2");
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).getSpec().getAudiences()).containsExactly("vault");
    }

    @Test
    void longLivedTokenIsRefreshedAfterADay() throws Exception {
        ServiceAccountTokens tokens = new ServiceAccountTokens(api, clock);
        tokens.token(pod, source(null, 7 * 24 * 3600));
        now = START.plus(Duration.ofHours(23));
        tokens.token(pod, source(null, 7 * 24 * 3600));
        assertThat(requests).hasSize(1);
        now = START.plus(Duration.ofHours(24)).plusSeconds(1);
        tokens.token(pod, source(null, 7 * 24 * 3600));
        assertThat(requests).hasSize(2);
    }

    @Test
    void aRefusedRequestFailsTheMount() {
        ConfigSource refusing = new ConfigSource() {
            @Override
            public ConfigMap configMap(String namespace, String name) {
                return null;
            }

            @Override
            public Secret secret(String namespace, String name) {
                return null;
            }

            @Override
            public TokenRequest serviceAccountToken(String namespace, String serviceAccount, TokenRequest request) {
                throw new IllegalStateException("serviceaccounts \"robot\" not found");
            }
        };
        assertThatThrownBy(() -> new ServiceAccountTokens(refusing, clock).token(pod, source(null, 3607)))
                .hasMessage("failed to fetch token: serviceaccounts \"robot\" not found");
    }
}
