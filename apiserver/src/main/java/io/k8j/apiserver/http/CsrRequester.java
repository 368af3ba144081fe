package io.k8j.apiserver.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ResourceType;

/**
 * Who asks for a certificate is who created the CertificateSigningRequest: spec.username, uid, groups and extra
 * come from the request's authenticated user, whatever the client sent (kube's csrStrategy.PrepareForCreate), so
 * the approver can trust them.
 */
final class CsrRequester {
    private CsrRequester() {
    }

    static void stamp(ResourceType type, ObjectNode obj, UserInfo user) {
        if (!type.group().equals("certificates.k8s.io") || !type.plural().equals("certificatesigningrequests")) {
            return;
        }
        ObjectNode spec = obj.with("spec");
        spec.put("username", user.name());
        if (user.uid().isEmpty()) {
            spec.remove("uid");
        } else {
            spec.put("uid", user.uid());
        }
        ArrayNode groups = spec.putArray("groups");
        user.groups().forEach(groups::add);
        spec.remove("extra");
        if (!user.extra().isEmpty()) {
            ObjectNode extra = spec.putObject("extra");
            user.extra().forEach((key, values) -> values.forEach(extra.withArray(key)::add));
        }
    }
}
