package io.k8j.apiserver.http;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.security.auth.x500.X500Principal;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.naming.InvalidNameException;

/**
 * Authenticates requests by their verified TLS client certificate: the subject's CN is the user
 * name and each O a group, as in Kubernetes. Requests without one stay anonymous.
 */
final class ClientCertAuthenticator implements RequestFilter {

    @Override
    public void filter(ApiRequest request, RequestInfo info) {
        if (!request.raw().isSSL()) {
            return;
        }
        try {
            List<Certificate> chain = request.raw().connection().peerCertificates();
            if (!chain.isEmpty() && chain.get(0) instanceof X509Certificate cert) {
                request.authenticate(user(cert.getSubjectX500Principal()));
            }
        } catch (SSLPeerUnverifiedException e) {
            // no client certificate: anonymous
        }
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
            return UserInfo.ANONYMOUS;
        }
        groups.add("system:authenticated");
        return new UserInfo(name, groups);
    }
}
