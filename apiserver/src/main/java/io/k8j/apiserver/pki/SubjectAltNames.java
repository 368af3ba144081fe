package io.k8j.apiserver.pki;

import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.util.IPAddress;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Subject alternative names as ASN.1 values. Comparing encoded names rather than strings makes
 * "::1" and "0:0:0:0:0:0:0:1" the same address, so spelling never forces a re-issue.
 */
final class SubjectAltNames {
    private SubjectAltNames() {
    }

    /** Classifies each entry: IP literals become iPAddress names, everything else a dNSName. */
    static GeneralNames of(Collection<String> names) {
        Set<GeneralName> unique = new LinkedHashSet<>();
        for (String name : names) {
            String trimmed = name.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            unique.add(IPAddress.isValid(trimmed)
                    ? new GeneralName(GeneralName.iPAddress, trimmed)
                    : new GeneralName(GeneralName.dNSName, trimmed.toLowerCase(Locale.ROOT)));
        }
        return new GeneralNames(unique.toArray(GeneralName[]::new));
    }

    /** True when {@code cert} carries every name in {@code required}. */
    static boolean covers(X509Certificate cert, GeneralNames required) {
        byte[] der = cert.getExtensionValue(Extension.subjectAlternativeName.getId());
        if (der == null) {
            return required.getNames().length == 0;
        }
        try {
            GeneralNames present = GeneralNames.getInstance(JcaX509ExtensionUtils.parseExtensionValue(der));
            return Arrays.asList(present.getNames()).containsAll(Arrays.asList(required.getNames()));
        } catch (IOException e) {
            return false; // an unparsable SAN list covers nothing; re-issuing repairs it
        }
    }
}
