package io.k8j.cli;

import io.k8j.apiserver.authn.AuthenticationOptions;
import io.k8j.apiserver.pki.ServiceAccountKey;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** kube-apiserver's authentication and request-timeout flags, for {@code k8j server}. */
final class AuthenticationFlags {
    @Option(names = "--service-account-issuer", split = ",",
            description = "Issuer (iss) of service account tokens; the first signs new ones, all are accepted "
                    + "(default: " + AuthenticationOptions.DEFAULT_ISSUER + ").")
    List<String> issuers;

    @Option(names = "--api-audiences", split = ",",
            description = "Audiences of the API; tokens must name one (default: the first issuer).")
    List<String> apiAudiences;

    @Option(names = "--token-auth-file",
            description = "Static bearer tokens, kube's CSV: token,user,uid,\"group1,group2\".")
    Path tokenAuthFile;

    @Option(names = "--service-account-max-token-expiration", defaultValue = "0s", converter = StandaloneFlags.GoDuration.class,
            description = "Longest lifetime a TokenRequest may get; 0 for no maximum (default: ${DEFAULT-VALUE}).")
    Duration maxTokenExpiration;

    @Option(names = "--service-account-extend-token-expiration", defaultValue = "true", arity = "0..1",
            description = "Pod-bound tokens asked for 3607 s are valid for a year and warn after 3607 s (default: ${DEFAULT-VALUE}).")
    boolean extendTokenExpiration;

    @Option(names = "--min-request-timeout", defaultValue = "1800",
            description = "Seconds a watch without timeoutSeconds lasts at least; it ends at a random point up to twice "
                    + "that (default: ${DEFAULT-VALUE}).")
    long minRequestTimeout;

    AuthenticationOptions options(Path pkiDir) {
        return new AuthenticationOptions(ServiceAccountKey.loadOrCreate(pkiDir), issuers, apiAudiences, tokenAuthFile,
                maxTokenExpiration.toSeconds(), extendTokenExpiration);
    }
}
