package io.k8j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.k8j.apiserver.registry.StoreFixture.DRY_RUN;
import static io.k8j.apiserver.registry.StoreFixture.WRITE;
import static io.k8j.apiserver.registry.StoreFixture.apiError;
import static io.k8j.apiserver.registry.StoreFixture.yaml;
import static org.assertj.core.api.Assertions.assertThat;

/** ResourceQuota admission in the create path, over real storage. */
class QuotaAdmissionTest {
    @RegisterExtension
    final StoreFixture f = new StoreFixture("ns", "free");

    private GenericStore quotas() {
        return f.store("", "resourcequotas");
    }

    /** A quota on config maps whose status the controller has computed (used 0). */
    private void quota() {
        ObjectNode q = quotas().create("ns", yaml("{metadata: {name: small}, spec: {hard: {configmaps: '1'}}}"), WRITE);
        q.set("status", yaml("{hard: {configmaps: '1'}, used: {configmaps: '0'}}"));
        quotas().update("ns", "small", q, WRITE, "status");
    }

    private String used() {
        return quotas().get("ns", "small").path("status").path("used").path("configmaps").asText();
    }

    @Test
    void chargesTheQuotaThenRefusesWhatWouldExceedIt() {
        quota();
        f.configMap("ns", "a", "app: x");
        assertThat(used()).isEqualTo("1");

        ApiException e = apiError(() -> f.configMap("ns", "b", "app: x"));
        assertThat(e.code()).isEqualTo(403);
        assertThat(e.getMessage()).isEqualTo("configmaps \"b\" is forbidden: exceeded quota: small, "
                + "requested: configmaps=1, used: configmaps=1, limited: configmaps=1");
        assertThat(used()).isEqualTo("1");
    }

    @Test
    void aDryRunIsCheckedButNotCharged() {
        quota();
        f.configMaps().create("ns", yaml("{metadata: {name: a}}"), DRY_RUN);
        assertThat(used()).isEqualTo("0");
    }

    @Test
    void aQuotaWithoutStatusRefusesWhatItLimits() {
        quotas().create("ns", yaml("{metadata: {name: small}, spec: {hard: {configmaps: '1'}}}"), WRITE);
        ApiException e = apiError(() -> f.configMap("ns", "a", "app: x"));
        assertThat(e.getMessage()).endsWith("status unknown for quota: small, resources: configmaps");
    }

    @Test
    void otherNamespacesAndResourcesAreNotLimited() {
        quota();
        f.configMap("free", "a", "app: x");
        f.configMap("free", "b", "app: x");
        f.store("", "secrets").create("ns", yaml("{metadata: {name: s}}"), WRITE);
        assertThat(used()).isEqualTo("0");
    }
}
