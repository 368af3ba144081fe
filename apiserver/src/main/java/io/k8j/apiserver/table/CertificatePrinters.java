package io.k8j.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;

import static io.k8j.apiserver.table.Fields.at;
import static io.k8j.apiserver.table.Fields.text;

/** CertificateSigningRequests, with kube's columns. */
final class CertificatePrinters {
    private CertificatePrinters() {
    }

    static RowPrinter certificateSigningRequests() {
        return RowPrinter.of(List.of(Column.NAME, Column.AGE,
                Column.string("SignerName", "signerName indicates the requested signer, and is a qualified name."),
                Column.string("Requestor", "request contains an x509 certificate signing request encoded in a \"CERTIFICATE REQUEST\" PEM block."),
                Column.string("RequestedDuration", "expirationSeconds is the requested duration of validity of the issued certificate."),
                Column.string("Condition", "conditions applied to the request. Known conditions are \"Approved\", \"Denied\", and \"Failed\".")),
                (csr, now) -> {
                    JsonNode seconds = at(csr, "spec", "expirationSeconds");
                    return List.of(text(csr, "metadata", "name"), Fields.age(csr, now), text(csr, "spec", "signerName"),
                            text(csr, "spec", "username"),
                            seconds.isNumber() ? HumanDuration.format(Duration.ofSeconds(seconds.asLong())) : Fields.NONE,
                            condition(csr));
                });
    }

    /** "Approved", "Denied" or "Pending", then ",Failed" and ",Issued" when they apply, as kube's extractCSRStatus. */
    static String condition(JsonNode csr) {
        boolean approved = false;
        boolean denied = false;
        boolean failed = false;
        for (JsonNode c : at(csr, "status", "conditions")) {
            switch (text(c, "type")) {
                case "Approved" -> approved = true;
                case "Denied" -> denied = true;
                case "Failed" -> failed = true;
                default -> {
                }
            }
        }
        String status = denied ? "Denied" : approved ? "Approved" : "Pending";
        if (failed) {
            status += ",Failed";
        }
        return text(csr, "status", "certificate").isEmpty() ? status : status + ",Issued";
    }
}
