package io.k8j.apiserver.authn;

import io.k8j.apiserver.registry.Registry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The API server's token machinery: the chain that authenticates bearer tokens (static file, bootstrap tokens,
 * service account JWTs, in kube's order) and the issuer of service account tokens, with the options that
 * TokenRequest honours.
 */
public record Authentication(TokenAuthenticators tokens, ServiceAccountTokenIssuer issuer, AuthenticationOptions options) {

    public static Authentication create(AuthenticationOptions options, Registry registry, Clock clock) {
        RegistryObjects objects = new RegistryObjects(registry);
        List<TokenAuthenticator> chain = new ArrayList<>();
        if (options.tokenAuthFile() != null) {
            chain.add(TokenAuthenticators.audienceAgnostic(options.apiAudiences(), StaticTokenFile.read(options.tokenAuthFile())));
        }
        chain.add(TokenAuthenticators.audienceAgnostic(options.apiAudiences(),
                new BootstrapTokenAuthenticator(objects::kubeSystemSecret, clock)));
        var key = options.serviceAccountKey();
        chain.add(new ServiceAccountTokenAuthenticator(options.issuers(), List.of(key.publicKey()), options.apiAudiences(),
                objects, clock));
        return new Authentication(new TokenAuthenticators(chain),
                new ServiceAccountTokenIssuer(options.issuers().get(0), key.privateKey(), key.publicKey()), options);
    }
}
