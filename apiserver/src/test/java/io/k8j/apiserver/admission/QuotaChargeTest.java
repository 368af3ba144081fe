package io.k8j.apiserver.admission;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class QuotaChargeTest {
    /** Quota fixture: "pods=2/2,requests.cpu=500m/1" is used/hard per resource. */
    private static ResourceQuota quota(String usedOverHard) {
        Map<String, Quantity> used = new LinkedHashMap<>();
        Map<String, Quantity> hard = new LinkedHashMap<>();
        for (String entry : usedOverHard.split(",")) {
            String[] kv = entry.split("=");
            String[] uh = kv[1].split("/");
            used.put(kv[0], new Quantity(uh[0]));
            hard.put(kv[0], new Quantity(uh[1]));
        }
        return new ResourceQuotaBuilder().withNewMetadata().withName("small").endMetadata()
                .withNewSpec().withHard(hard).endSpec().withNewStatus().withHard(hard).withUsed(used).endStatus().build();
    }

    private static Map<String, Quantity> request(String csv) {
        Map<String, Quantity> m = new LinkedHashMap<>();
        for (String entry : csv.split(",")) {
            m.put(entry.split("=")[0], new Quantity(entry.split("=")[1]));
        }
        return m;
    }

    @ParameterizedTest(name = "{0} + {1} -> exceeded [{2}]")
    @CsvSource(delimiter = '|', value = {
            "pods=1/2                        | pods=1                      | ''",
            "pods=2/2                        | pods=1                      | pods",
            "pods=0/2,requests.cpu=900m/1    | pods=1,requests.cpu=200m    | requests.cpu",
            "pods=0/2,requests.cpu=800m/1    | pods=1,requests.cpu=200m    | ''",
            "requests.memory=1Gi/1Gi,pods=5/5 | requests.memory=1,pods=1    | pods,requests.memory",
    })
    void exceeded(String quota, String requested, String exceeded) {
        assertThat(String.join(",", QuotaCharge.of(quota(quota), request(requested)).exceeded())).isEqualTo(exceeded);
    }

    @Test
    void saysWhatWasExceededAsKubeDoes() {
        QuotaCharge charge = QuotaCharge.of(quota("pods=2/2,requests.cpu=0/4"), request("pods=1,requests.cpu=100m"));
        assertThat(charge.describeExceeded()).isEqualTo("requested: pods=1, used: pods=2, limited: pods=2");
    }

    @Test
    void aQuotaWhoseStatusIsNotComputedYetIsUnknown() {
        ResourceQuota fresh = new ResourceQuotaBuilder(quota("pods=0/2")).withStatus(null).build();
        assertThat(QuotaCharge.of(fresh, request("pods=1")).unknown()).containsExactly("pods");
    }

    @Test
    void chargingAddsTheRequestToUsed() {
        QuotaCharge charge = QuotaCharge.of(quota("pods=1/3,requests.memory=64Mi/1Gi"), request("pods=1,requests.memory=64Mi"));
        assertThat(charge.statusAfter().getUsed()).hasToString("{pods=2, requests.memory=128Mi}");
    }
}
