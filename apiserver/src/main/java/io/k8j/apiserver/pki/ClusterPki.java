package io.k8j.apiserver.pki;

import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The cluster's certificates, kept in one directory: a CA, the API server's serving certificate and
 * the admin client certificate. The first start creates them; later starts only read them, and
 * re-issue a leaf (never the CA) when it is missing, expiring, signed by another CA, or, for the
 * serving certificate, lacks a name the server is now reached by.
 */
public final class ClusterPki {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterPki.class);
    static final Duration CA_VALIDITY = Duration.ofDays(3650);
    static final Duration LEAF_VALIDITY = Duration.ofDays(365);
    /** Like k3s, renew leaves at startup once they are within 90 days of expiry. */
    static final Duration RENEW_BEFORE = Duration.ofDays(90);
    /** The names in-cluster clients and kubectl on the host use for the API server. */
    static final List<String> DEFAULT_NAMES = List.of("localhost", "kubernetes", "kubernetes.default",
            "kubernetes.default.svc", "kubernetes.default.svc.cluster.local", "127.0.0.1");

    private final CertificateAuthority ca;
    private final KeyCertFiles caFiles;
    private final KeyCertFiles servingFiles;
    private final KeyCertFiles adminFiles;
    // Read once, so an instance keeps describing what it loaded even if a later start re-issues.
    private final String caCertPem;
    private final String adminCertPem;
    private final String adminKeyPem;

    private ClusterPki(CertificateAuthority ca, KeyCertFiles caFiles, KeyCertFiles servingFiles,
                       KeyCertFiles adminFiles) {
        this.ca = ca;
        this.caFiles = caFiles;
        this.servingFiles = servingFiles;
        this.adminFiles = adminFiles;
        this.caCertPem = caFiles.certPem();
        this.adminCertPem = adminFiles.certPem();
        // Kubeconfig readers differ: fabric8 reads EC client keys only in the SEC1 form.
        this.adminKeyPem = Pem.encodeTraditional(Pem.privateKey(adminFiles.keyPem()));
    }

    /** {@code dnsNames} and {@code ipAddresses} are added to the serving certificate's defaults. */
    public static ClusterPki loadOrCreate(Path pkiDir, List<String> dnsNames, List<String> ipAddresses) {
        return loadOrCreate(pkiDir, dnsNames, ipAddresses, Clock.systemUTC());
    }

    static ClusterPki loadOrCreate(Path pkiDir, List<String> dnsNames, List<String> ipAddresses, Clock clock) {
        SecureFiles.createPrivateDirectory(pkiDir);
        KeyCertFiles caFiles = KeyCertFiles.in(pkiDir, "ca");
        KeyCertFiles servingFiles = KeyCertFiles.in(pkiDir, "serving");
        KeyCertFiles adminFiles = KeyCertFiles.in(pkiDir, "admin");
        CertificateAuthority ca = loadOrCreateCa(caFiles, clock);
        Instant renewBy = clock.instant().plus(RENEW_BEFORE);
        GeneralNames sans = SubjectAltNames.of(
                Stream.of(DEFAULT_NAMES, dnsNames, ipAddresses).flatMap(List::stream).toList());
        ensure(servingFiles, ca, renewBy, sans, () -> ca.issue(CertificateAuthority.name("kube-apiserver", List.of()),
                LEAF_VALIDITY, KeyPurposeId.id_kp_serverAuth, sans));
        ensure(adminFiles, ca, renewBy, null,
                () -> clientCert(ca, "admin", List.of("system:masters"), LEAF_VALIDITY));
        return new ClusterPki(ca, caFiles, servingFiles, adminFiles);
    }

    /** Signs a client certificate: CN becomes the user name, each organization a group. */
    public IssuedCert issueClientCert(String commonName, List<String> organizations, Duration validity) {
        return clientCert(ca, commonName, organizations, validity);
    }

    /** Signs a serving certificate for {@code names} (DNS names and IP addresses), e.g. a kubelet's node server. */
    public IssuedCert issueServingCert(String commonName, List<String> names, Duration validity) {
        return ca.issue(CertificateAuthority.name(commonName, List.of()), validity, KeyPurposeId.id_kp_serverAuth,
                SubjectAltNames.of(names));
    }

    public Path caCertFile() {
        return caFiles.cert();
    }

    public Path caKeyFile() {
        return caFiles.key();
    }

    public Path servingCertFile() {
        return servingFiles.cert();
    }

    public Path servingKeyFile() {
        return servingFiles.key();
    }

    public Path adminCertFile() {
        return adminFiles.cert();
    }

    public Path adminKeyFile() {
        return adminFiles.key();
    }

    public String caCertPem() {
        return caCertPem;
    }

    public String adminCertPem() {
        return adminCertPem;
    }

    public String adminKeyPem() {
        return adminKeyPem;
    }

    private static CertificateAuthority loadOrCreateCa(KeyCertFiles files, Clock clock) {
        if (files.exists()) {
            return loadCa(files, clock);
        }
        LOG.info("creating cluster CA {}", files.cert());
        CertificateAuthority ca = CertificateAuthority.create("k8j-ca", CA_VALIDITY, clock);
        files.write(new IssuedCert(Pem.encode(ca.certificate()), Pem.encode(ca.privateKey())));
        return ca;
    }

    private static CertificateAuthority loadCa(KeyCertFiles files, Clock clock) {
        X509Certificate cert;
        try {
            cert = Pem.certificate(files.certPem());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new UnusableCaException(files.cert(), problem(e, "a PEM certificate"), e);
        }
        PrivateKey key;
        try {
            key = Pem.privateKey(files.keyPem());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new UnusableCaException(files.key(), problem(e, "a PEM private key"), e);
        }
        if (!CertificateAuthority.keyMatches(cert, key)) {
            throw new UnusableCaException(files.key(), "is not the key of " + files.cert(), null);
        }
        return new CertificateAuthority(cert, key, clock);
    }

    private static String problem(RuntimeException e, String expected) {
        return e instanceof UncheckedIOException ? "cannot be read (" + e.getCause().getClass().getSimpleName() + ")"
                : "is not " + expected;
    }

    private static IssuedCert clientCert(CertificateAuthority ca, String commonName, List<String> organizations,
                                         Duration validity) {
        return ca.issue(CertificateAuthority.name(commonName, organizations), validity, KeyPurposeId.id_kp_clientAuth,
                null);
    }

    private static void ensure(KeyCertFiles files, CertificateAuthority ca, Instant renewBy, GeneralNames sans,
                               Supplier<IssuedCert> issue) {
        String reason = staleReason(files, ca, renewBy, sans);
        if (reason != null) {
            LOG.info("issuing {}: {}", files.cert(), reason);
            files.write(issue.get());
        }
    }

    /** Why the leaf in {@code files} must be (re-)issued, or null when it is still good; {@code sans} may be null. */
    private static String staleReason(KeyCertFiles files, CertificateAuthority ca, Instant renewBy,
                                      GeneralNames sans) {
        if (!files.exists()) {
            return "missing";
        }
        X509Certificate cert;
        PrivateKey key;
        try {
            cert = Pem.certificate(files.certPem());
            key = Pem.privateKey(files.keyPem());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            return "unreadable (" + e.getMessage() + ")"; // leaves are cheap to replace, unlike the CA
        }
        if (!ca.signed(cert)) {
            return "not signed by the current CA";
        }
        if (!CertificateAuthority.keyMatches(cert, key)) {
            return "key does not match certificate";
        }
        if (cert.getNotAfter().toInstant().isBefore(renewBy)) {
            return "expires " + cert.getNotAfter().toInstant();
        }
        if (sans != null && !SubjectAltNames.covers(cert, sans)) {
            return "lacks a requested subject alternative name";
        }
        return null;
    }

    /** A certificate and key pair of files. The key is written first, so an existing cert implies a key. */
    private record KeyCertFiles(Path cert, Path key) {
        static KeyCertFiles in(Path dir, String stem) {
            return new KeyCertFiles(dir.resolve(stem + ".crt"), dir.resolve(stem + ".key"));
        }

        boolean exists() {
            return Files.exists(cert);
        }

        void write(IssuedCert issued) {
            SecureFiles.writeAtomically(key, issued.keyPem(), true);
            SecureFiles.writeAtomically(cert, issued.certPem(), false);
        }

        String certPem() {
            return read(cert);
        }

        String keyPem() {
            return read(key);
        }

        private static String read(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }
}
