package io.k8j.api.quota;

import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class QuotaQuantitiesTest {
    @ParameterizedTest(name = "{0} like {1} -> {2}")
    @CsvSource({
            "0, 1Gi, 0",
            "0.25, 2, 250m",
            "1.5, 2, 1500m",
            "2, 4, 2",
            "3000, 10, 3k",
            "134217728, 1Gi, 128Mi",
            "1073741824, 4Gi, 1Gi",
            "1000, 1Gi, 1k",           // not a multiple of 1024: decimal
            "1536, 1Gi, 1536",
            "134217728, 1G, 134217728",
            "0.0000001, 1, 100n",
    })
    void formats(String amount, String like, String expected) {
        assertThat(QuotaQuantities.format(new BigDecimal(amount), new Quantity(like))).isEqualTo(expected);
    }
}
