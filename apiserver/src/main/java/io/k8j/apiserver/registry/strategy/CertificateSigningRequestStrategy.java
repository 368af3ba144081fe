package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;
import io.k8j.api.Json;
import io.k8j.apiserver.pki.CertificateRequests;
import io.k8j.apiserver.registry.ResourceStrategy;
import io.k8j.apiserver.registry.StrategyContext;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * certificates.k8s.io/v1 CertificateSigningRequests, as kube's strategies: an update of the object keeps spec and
 * status as stored (the requester is stamped on create, see CsrRequester); {@code approval} writes only the
 * conditions; {@code status} writes everything but the Approved and Denied conditions, and the certificate once.
 */
final class CertificateSigningRequestStrategy implements ResourceStrategy {
    static final List<String> USAGES = List.of("signing", "digital signature", "content commitment",
            "key encipherment", "key agreement", "data encipherment", "cert sign", "crl sign", "encipher only",
            "decipher only", "any", "server auth", "client auth", "code signing", "email protection", "s/mime",
            "ipsec end system", "ipsec tunnel", "ipsec user", "timestamping", "ocsp signing", "microsoft sgc",
            "netscape sgc");
    private static final Set<String> APPROVAL = Set.of("Approved", "Denied");
    private static final List<String> TRUE_ONLY = List.of("True");
    private static final int MIN_EXPIRATION_SECONDS = 600;
    /** kube prints the request's bytes; the message stays readable without them. */
    private static final Object REQUEST_BYTES = new Object() {
        @Override
        public String toString() {
            return "[]byte{...}";
        }
    };

    @Override
    public void prepareForUpdate(ObjectNode csr, ObjectNode old, StrategyContext ctx) {
        csr.set("spec", old.path("spec").deepCopy());
        if (old.has("status")) {
            csr.set("status", old.get("status").deepCopy());
        } else {
            csr.remove("status");
        }
    }

    @Override
    public void prepareForSubresourceUpdate(String subresource, ObjectNode csr, ObjectNode old, StrategyContext ctx) {
        if (subresource.equals("status")) {
            ArrayNode kept = Json.MAPPER.createArrayNode();
            csr.path("status").path("conditions").forEach(c -> {
                if (!APPROVAL.contains(c.path("type").asText())) {
                    kept.add(c);
                }
            });
            old.path("status").path("conditions").forEach(c -> {
                if (APPROVAL.contains(c.path("type").asText())) {
                    kept.add(c.deepCopy());
                }
            });
            Tree.obj(csr, "status").set("conditions", kept);
        }
        stampConditionTimes(csr, old);
    }

    /** New conditions get the times of the write; those carried over keep theirs, as kube's populateConditionTimestamps. */
    private static void stampConditionTimes(ObjectNode csr, ObjectNode old) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        for (JsonNode c : csr.path("status").path("conditions")) {
            ObjectNode condition = (ObjectNode) c;
            JsonNode previous = find(old.path("status").path("conditions"), condition.path("type").asText());
            Tree.defaultText(condition, "lastUpdateTime", now);
            if (Tree.text(condition, "lastTransitionTime").isEmpty()) {
                boolean same = previous != null && previous.path("status").asText().equals(condition.path("status").asText());
                condition.put("lastTransitionTime", same && !Tree.text(previous, "lastTransitionTime").isEmpty()
                        ? previous.path("lastTransitionTime").asText() : now);
            }
        }
    }

    @Override
    public List<FieldError> validate(ObjectNode csr) {
        List<FieldError> errs = new ArrayList<>();
        JsonNode spec = csr.path("spec");
        validateRequest(errs, spec);
        String signer = Tree.text(spec, "signerName");
        if (signer.isEmpty()) {
            errs.add(FieldError.required("spec.signerName", ""));
        } else if (!signer.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?\\.[a-z0-9.-]+/[^/]+")) {
            errs.add(FieldError.invalid("spec.signerName", signer,
                    "must be a fully qualified domain and path of the form 'example.com/signer-name'"));
        }
        if (Tree.isEmpty(spec, "usages")) {
            errs.add(FieldError.required("spec.usages", ""));
        }
        List<String> usages = Tree.texts(spec, "usages");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < usages.size(); i++) {
            if (!USAGES.contains(usages.get(i))) {
                errs.add(FieldError.notSupported("spec.usages[" + i + "]", usages.get(i), USAGES));
            } else if (!seen.add(usages.get(i))) {
                errs.add(FieldError.duplicate("spec.usages[" + i + "]", usages.get(i)));
            }
        }
        if (Tree.isSet(spec, "expirationSeconds") && spec.get("expirationSeconds").asLong() < MIN_EXPIRATION_SECONDS) {
            errs.add(FieldError.invalid("spec.expirationSeconds", spec.get("expirationSeconds").asLong(),
                    "may not specify a duration less than 600 seconds (10 minutes)"));
        }
        validateConditions(errs, csr.path("status").path("conditions"));
        return errs;
    }

    private static void validateRequest(List<FieldError> errs, JsonNode spec) {
        String encoded = Tree.text(spec, "request");
        if (encoded.isEmpty()) {
            errs.add(FieldError.required("spec.request", ""));
            return;
        }
        String problem;
        try {
            problem = CertificateRequests.problem(Base64.getDecoder().decode(encoded));
        } catch (IllegalArgumentException e) {
            problem = "illegal base64 data";
        }
        if (problem != null) {
            errs.add(FieldError.invalid("spec.request", REQUEST_BYTES, problem));
        }
    }

    /** Approved, Denied and Failed at most once each, only True, and never Approved with Denied. */
    private static void validateConditions(List<FieldError> errs, JsonNode conditions) {
        Set<String> types = new HashSet<>();
        for (int i = 0; i < conditions.size(); i++) {
            JsonNode c = conditions.get(i);
            String path = "status.conditions[" + i + "]";
            String type = Tree.text(c, "type");
            boolean known = APPROVAL.contains(type) || type.equals("Failed");
            if (type.isEmpty()) {
                errs.add(FieldError.required(path + ".type", ""));
            } else if (known && !types.add(type)) {
                errs.add(FieldError.duplicate(path + ".type", type));
            } else if (APPROVAL.contains(type) && types.containsAll(APPROVAL)) {
                errs.add(FieldError.invalid(path + ".type", type, "Approved and Denied conditions are mutually exclusive"));
            }
            if (known && !Tree.text(c, "status").equals("True")) {
                errs.add(FieldError.notSupported(path + ".status", Tree.text(c, "status"), TRUE_ONLY));
            }
        }
    }

    @Override
    public List<FieldError> validateSubresourceUpdate(String subresource, ObjectNode csr, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>(validate(csr));
        for (String type : APPROVAL) {
            if (find(old.path("status").path("conditions"), type) != null
                    && find(csr.path("status").path("conditions"), type) == null) {
                errs.add(FieldError.forbidden("status.conditions", "updates may not remove a condition of type \""
                        + type + "\""));
            }
        }
        String oldCert = Tree.text(old.path("status"), "certificate");
        if (!oldCert.isEmpty() && !oldCert.equals(Tree.text(csr.path("status"), "certificate"))) {
            errs.add(FieldError.forbidden("status.certificate", "updates may not modify existing certificate content"));
        }
        return errs;
    }

    private static JsonNode find(JsonNode conditions, String type) {
        for (JsonNode c : conditions) {
            if (c.path("type").asText().equals(type)) {
                return c;
            }
        }
        return null;
    }
}
