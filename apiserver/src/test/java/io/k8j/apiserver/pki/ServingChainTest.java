package io.k8j.apiserver.pki;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a joining node sees of the server's chain: the CA whose hash `k8j token create` printed. */
class ServingChainTest {
    @Test
    void theChainEndsWithTheCaAndItsHashIsTheHashOfCaCrt(@TempDir Path dir) throws Exception {
        ClusterPki pki = ClusterPki.loadOrCreate(dir, List.of(), List.of());
        String caPem = Files.readString(pki.caCertFile());
        List<X509Certificate> chain = parse(ServingChain.of(pki.servingCertFile(), pki.caCertFile()));

        assertThat(chain).hasSize(2);
        assertThat(CaHash.findCa(chain, CaHash.of(caPem))).isEqualTo(caPem);
        assertThat(CaHash.findCa(chain, "0".repeat(64))).isNull();
        assertThat(CaHash.findCa(chain.subList(0, 1), CaHash.of(caPem))).isNull();
    }

    @Test
    void aCaThatDidNotSignTheServingCertificateIsLeftOut(@TempDir Path dir) throws Exception {
        ClusterPki pki = ClusterPki.loadOrCreate(dir.resolve("a"), List.of(), List.of());
        ClusterPki other = ClusterPki.loadOrCreate(dir.resolve("b"), List.of(), List.of());
        assertThat(parse(ServingChain.of(pki.servingCertFile(), other.caCertFile()))).hasSize(1);
    }

    private static List<X509Certificate> parse(String pem) throws Exception {
        return CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).stream()
                .map(X509Certificate.class::cast).toList();
    }
}
