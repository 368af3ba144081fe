package io.k8j.apiserver.table;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.k8j.apiserver.table.TestObjects.NOW;
import static io.k8j.apiserver.table.TestObjects.json;
import static org.assertj.core.api.Assertions.assertThat;

/** `kubectl get csr` rows, as kube prints them. */
class CertificatePrintersTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{metadata:{name:'a'},spec:{signerName:'kubernetes.io/kube-apiserver-client',username:'bob'}}                                          | <none> | Pending",
            "{metadata:{name:'a'},spec:{signerName:'kubernetes.io/kube-apiserver-client',username:'bob',expirationSeconds:600},status:{conditions:[{type:'Approved'}]}} | 10m | Approved",
            "{metadata:{name:'a'},spec:{signerName:'kubernetes.io/kube-apiserver-client',username:'bob'},status:{conditions:[{type:'Approved'}],certificate:'Zm9v'}} | <none> | Approved,Issued",
            "{metadata:{name:'a'},spec:{signerName:'kubernetes.io/kube-apiserver-client',username:'bob'},status:{conditions:[{type:'Denied'},{type:'Failed'}]}} | <none> | Denied,Failed",
    })
    void certificateSigningRequests(String csr, String duration, String condition) {
        assertThat(CertificatePrinters.certificateSigningRequests().cells(json(csr), NOW))
                .containsExactly("a", "<unknown>", "kubernetes.io/kube-apiserver-client", "bob", duration, condition);
    }
}
