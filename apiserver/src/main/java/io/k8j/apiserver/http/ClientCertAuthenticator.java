package io.k8j.apiserver.http;

import io.vertx.core.http.HttpServerRequest;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.security.auth.x500.X500Principal;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The user of a request's TLS client certificate, which the handshake already verified against the client
 * CA: the subject's CN is the user name and each O a group, as kube's x509 authenticator reads it.
 */
final class ClientCertAuthenticator {
    private ClientCertAuthenticator() {
    }

    /** Null without a client certificate or when its subject has no CN (kube: not authenticated by x509). */
    static UserInfo user(HttpServerRequest request) {
        if (!request.isSSL()) {
            return null;
        }
        try {
            List<Certificate> chain = request.connection().peerCertificates();
            if (!chain.isEmpty() && chain.get(0) instanceof X509Certificate cert) {
                return user(cert.getSubjectX500Principal());
            }
        } catch (SSLPeerUnverifiedException e) {
            // no client certificate
        }
        return null;
    }

    static UserInfo user(X500Principal subject) {
        String name = "";
        List<String> groups = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(subject.getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    name = rdn.getValue().toString();
                } else if (rdn.getType().equalsIgnoreCase("O")) {
                    groups.add(rdn.getValue().toString());
                }
            }
        } catch (InvalidNameException e) {
            return null;
        }
        return name.isEmpty() ? null : new UserInfo(name, groups);
    }
}
