package io.k8j.apiserver.authn;

import java.util.List;

/**
 * One kind of bearer token (kube's authenticator.Token): a static token file, bootstrap tokens, service
 * account JWTs.
 */
public interface TokenAuthenticator {
    /**
     * @param audiences the audiences the caller asks for (a TokenReview's spec.audiences); empty means the API
     *                  server's own
     * @return who the token stands for, or null when the token is not of this kind (another may take it)
     * @throws InvalidTokenException when the token is of this kind but must be refused
     */
    Authenticated authenticate(String token, List<String> audiences);
}
