package io.k8j.apiserver.pki;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterPkiTest {
    @TempDir
    Path dir;

    @Test
    void reloadKeepsEverythingAndRegeneratesNothing() throws Exception {
        long start = System.nanoTime();
        ClusterPki created = ClusterPki.loadOrCreate(dir, List.of("node-1"), List.of("10.43.0.1"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        String serving = Files.readString(created.servingCertFile());

        ClusterPki loaded = ClusterPki.loadOrCreate(dir, List.of("node-1"), List.of("10.43.0.1"));

        assertThat(loaded.caCertPem()).isEqualTo(created.caCertPem());
        assertThat(Files.readString(loaded.servingCertFile())).isEqualTo(serving);
        assertThat(loaded.adminCertPem()).isEqualTo(created.adminCertPem());
        assertThat(loaded.adminKeyPem()).isEqualTo(created.adminKeyPem());
    }

    @Test
    void caIsAnEcP256AuthorityValidForTenYears() throws Exception {
        X509Certificate ca = parse(ClusterPki.loadOrCreate(dir, List.of(), List.of()).caCertPem());

        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=k8j-ca");
        assertThat(ca.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(ca.getKeyUsage()[6]).as("cRLSign").isTrue();
        assertThat(ca.getNotAfter().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(3649)));
    }

    @Test
    void servingCertCarriesDefaultAndRequestedNames() throws Exception {
        ClusterPki pki = ClusterPki.loadOrCreate(dir, List.of("Node-1.example"), List.of("192.168.1.5", "10.43.0.1"));
        X509Certificate serving = parse(Files.readString(pki.servingCertFile()));

        assertThat(sans(serving)).containsExactlyInAnyOrder("localhost", "kubernetes", "kubernetes.default",
                "kubernetes.default.svc", "kubernetes.default.svc.cluster.local", "node-1.example",
                "127.0.0.1", "192.168.1.5", "10.43.0.1");
        assertThat(serving.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(serving.getBasicConstraints()).isEqualTo(-1);
    }

    @Test
    void adminIsInSystemMastersAndEveryLeafChainsToTheCa() throws Exception {
        ClusterPki pki = ClusterPki.loadOrCreate(dir, List.of(), List.of());
        X509Certificate ca = parse(pki.caCertPem());
        X509Certificate admin = parse(pki.adminCertPem());

        assertThat(admin.getSubjectX500Principal().getName()).isEqualTo("CN=admin,O=system:masters");
        assertThat(admin.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertChainsTo(ca, admin);
        assertChainsTo(ca, parse(Files.readString(pki.servingCertFile())));
    }

    @Test
    void issuedClientCertsAreSignedByTheSameCa() throws Exception {
        ClusterPki pki = ClusterPki.loadOrCreate(dir, List.of(), List.of());
        IssuedCert kubelet = pki.issueClientCert("system:node:n1", List.of("system:nodes"), Duration.ofDays(30));
        X509Certificate cert = parse(kubelet.certPem());

        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=system:node:n1,O=system:nodes");
        assertThat(CertificateAuthority.keyMatches(cert, Pem.privateKey(kubelet.keyPem()))).isTrue();
        assertThat(kubelet.toString()).doesNotContain("PRIVATE");
        assertChainsTo(parse(pki.caCertPem()), cert);
    }

    @Test
    void newSanReissuesServingCertWithTheSameCa() throws Exception {
        ClusterPki first = ClusterPki.loadOrCreate(dir, List.of("node-1"), List.of("10.43.0.1"));
        String firstServing = Files.readString(first.servingCertFile());

        ClusterPki second = ClusterPki.loadOrCreate(dir, List.of("node-1"), List.of("10.43.0.1", "192.168.7.7"));
        X509Certificate serving = parse(Files.readString(second.servingCertFile()));

        assertThat(Files.readString(second.servingCertFile())).isNotEqualTo(firstServing);
        assertThat(second.caCertPem()).isEqualTo(first.caCertPem());
        assertThat(second.adminCertPem()).isEqualTo(first.adminCertPem());
        assertThat(sans(serving)).contains("192.168.7.7", "node-1", "10.43.0.1");
        assertChainsTo(parse(second.caCertPem()), serving);
    }

    @Test
    void ipv6SpellingsAreTheSameSan() throws Exception {
        ClusterPki.loadOrCreate(dir, List.of(), List.of("::1"));
        String serving = Files.readString(dir.resolve("serving.crt"));

        ClusterPki.loadOrCreate(dir, List.of(), List.of("0:0:0:0:0:0:0:1"));

        assertThat(Files.readString(dir.resolve("serving.crt"))).isEqualTo(serving);
    }

    @Test
    void leavesNearExpiryAreRenewedButTheCaIsKept() throws Exception {
        ClusterPki first = ClusterPki.loadOrCreate(dir, List.of(), List.of());
        Clock tenMonthsLater = Clock.fixed(Instant.now().plus(Duration.ofDays(300)), ZoneOffset.UTC);

        ClusterPki later = ClusterPki.loadOrCreate(dir, List.of(), List.of(), tenMonthsLater);

        assertThat(later.caCertPem()).isEqualTo(first.caCertPem());
        assertThat(later.adminCertPem()).isNotEqualTo(first.adminCertPem());
        assertThat(parse(later.adminCertPem()).getNotAfter().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(600)));
    }

    @Test
    void leafWhoseKeyWasReplacedIsReissued() throws Exception {
        ClusterPki first = ClusterPki.loadOrCreate(dir, List.of(), List.of());
        Files.copy(first.servingKeyFile(), first.adminKeyFile(), StandardCopyOption.REPLACE_EXISTING);

        ClusterPki reloaded = ClusterPki.loadOrCreate(dir, List.of(), List.of());

        assertThat(CertificateAuthority.keyMatches(parse(reloaded.adminCertPem()),
                Pem.privateKey(reloaded.adminKeyPem()))).isTrue();
    }

    @Test
    void unreadableLeafIsReissued() throws Exception {
        ClusterPki first = ClusterPki.loadOrCreate(dir, List.of(), List.of());
        Files.writeString(first.servingCertFile(), "-----BEGIN CERTIFICATE-----\ntruncat");
        Files.delete(first.adminKeyFile());

        ClusterPki reloaded = ClusterPki.loadOrCreate(dir, List.of(), List.of());

        assertChainsTo(parse(reloaded.caCertPem()), parse(Files.readString(reloaded.servingCertFile())));
        assertThat(Files.exists(reloaded.adminKeyFile())).isTrue();
        assertThat(reloaded.caCertPem()).isEqualTo(first.caCertPem());
    }

    @Test
    void mismatchedCaKeyFailsRatherThanReplacingTheCa() throws Exception {
        ClusterPki pki = ClusterPki.loadOrCreate(dir, List.of(), List.of());
        Files.copy(pki.adminKeyFile(), dir.resolve("ca.key"), StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> ClusterPki.loadOrCreate(dir, List.of(), List.of()))
                .isInstanceOf(UnusableCaException.class).hasMessage(dir.resolve("ca.key") + ": is not the key of " + dir.resolve("ca.crt"));
    }

    @Test
    void damagedCaCertificateNamesTheFile() throws Exception {
        ClusterPki.loadOrCreate(dir, List.of(), List.of());
        Files.writeString(dir.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\ntruncat");

        assertThatThrownBy(() -> ClusterPki.loadOrCreate(dir, List.of(), List.of()))
                .isInstanceOf(UnusableCaException.class).hasMessage(dir.resolve("ca.crt") + ": is not a PEM certificate");
    }

    @Test
    void keysAndDirectoryLeftReadableByOthersAreTightenedAtStart() throws Exception {
        Path pkiDir = dir.resolve("pki");
        ClusterPki.loadOrCreate(pkiDir, List.of(), List.of());
        Files.setPosixFilePermissions(pkiDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(pkiDir.resolve("ca.key"), PosixFilePermissions.fromString("rw-r--r--"));

        ClusterPki.loadOrCreate(pkiDir, List.of(), List.of());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pkiDir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pkiDir.resolve("ca.key")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pkiDir.resolve("ca.crt")))).isEqualTo("rw-r--r--");
    }

    @Test
    void keysArePrivateAndCertsReadable() throws Exception {
        ClusterPki pki = ClusterPki.loadOrCreate(dir.resolve("pki"), List.of(), List.of());

        for (Path key : List.of(pki.servingKeyFile(), pki.adminKeyFile(), dir.resolve("pki/ca.key"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
            assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pki.caCertFile()))).isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("pki")))).isEqualTo("rwx------");
        try (var files = Files.list(dir.resolve("pki"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(
                    "ca.crt", "ca.key", "serving.crt", "serving.key", "admin.crt", "admin.key");
        }
    }

    static X509Certificate parse(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private static List<String> sans(X509Certificate cert) throws Exception {
        return cert.getSubjectAlternativeNames().stream().map(entry -> (String) entry.get(1)).toList();
    }

    private static void assertChainsTo(X509Certificate ca, X509Certificate leaf) throws Exception {
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), params);
    }
}
