package io.k8j.apiserver.table;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.k8j.apiserver.table.TestObjects.NOW;
import static io.k8j.apiserver.table.TestObjects.ago;
import static io.k8j.apiserver.table.TestObjects.json;
import static org.assertj.core.api.Assertions.assertThat;

class NetworkPrintersTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "[{port:80,protocol:'TCP'}]                                      | 80/TCP",
            "[{port:80,protocol:'TCP',nodePort:30080}]                       | 80:30080/TCP",
            "[{port:53,protocol:'UDP'},{port:53,protocol:'TCP'},{port:9153}] | 53/UDP,53/TCP,9153/TCP",
            "[{port:443,protocol:'SCTP',nodePort:0}]                         | 443/SCTP",
    })
    void ports(String ports, String expected) {
        assertThat(NetworkPrinters.ports(json("{p:" + ports + "}").get("p"))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "{spec:{type:'ClusterIP'}}                                                       | <none>",
            "{spec:{}}                                                                       | <none>",
            "{spec:{type:'NodePort',externalIPs:['1.2.3.4','5.6.7.8']}}                      | 1.2.3.4,5.6.7.8",
            "{spec:{type:'LoadBalancer'}}                                                    | <pending>",
            "{spec:{type:'LoadBalancer'},status:{loadBalancer:{ingress:[{hostname:'lb.example'},{ip:'9.9.9.9'}]}}} | 9.9.9.9,lb.example",
            "{spec:{type:'LoadBalancer',externalIPs:['1.1.1.1']},status:{loadBalancer:{ingress:[{ip:'9.9.9.9'}]}}} | 9.9.9.9,1.1.1.1",
            "{spec:{type:'ExternalName',externalName:'db.example.com'}}                      | db.example.com",
            "{spec:{type:'Weird'}}                                                           | <unknown>",
    })
    void externalIp(String service, String expected) {
        assertThat(NetworkPrinters.externalIp(json(service))).isEqualTo(expected);
    }

    @Test
    void serviceRowFallsBackToClusterIpAndNone() {
        var svc = json("{metadata:{name:'web',creationTimestamp:'" + ago("10m") + "'},"
                + "spec:{clusterIP:'10.96.0.10',ports:[{port:80,protocol:'TCP'}],selector:{app:'web',tier:'fe'}}}");
        var headless = json("{metadata:{name:'h'},spec:{type:'ClusterIP',clusterIPs:['None']}}");

        assertThat(NetworkPrinters.services().cells(svc, NOW))
                .containsExactly("web", "ClusterIP", "10.96.0.10", "<none>", "80/TCP", "10m", "app=web,tier=fe");
        assertThat(NetworkPrinters.services().cells(headless, NOW))
                .containsExactly("h", "ClusterIP", "None", "<none>", "<none>", "<unknown>", "<none>");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "[]                                                                                       | <none>",
            "[{addresses:[{ip:'10.0.0.1'}],ports:[{port:80}]}]                                         | 10.0.0.1:80",
            "[{addresses:[{ip:'10.0.0.1'},{ip:'10.0.0.2'}]}]                                           | 10.0.0.1,10.0.0.2",
            "[{addresses:[{ip:'fd00::1'}],ports:[{port:53}]}]                                          | [fd00::1]:53",
            "[{addresses:[{ip:'10.0.0.1'},{ip:'10.0.0.2'},{ip:'10.0.0.3'}],ports:[{port:80},{port:443}]}] | 10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 3 more...",
    })
    void endpoints(String subsets, String expected) {
        assertThat(NetworkPrinters.endpointsCell(json("{subsets:" + subsets + "}"))).isEqualTo(expected);
    }

    @Test
    void endpointSliceRow() {
        var slice = json("{metadata:{name:'web-abc'},addressType:'IPv4',ports:[{port:80},{name:'metrics'},{}],"
                + "endpoints:[{addresses:['10.0.0.1']},{addresses:['10.0.0.2','10.0.0.3','10.0.0.4']}]}");
        var empty = json("{metadata:{name:'e'},addressType:'IPv4'}");

        assertThat(NetworkPrinters.endpointSlices().cells(slice, NOW)).containsExactly("web-abc", "IPv4",
                "80,metrics,*", "10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...", "<unknown>");
        assertThat(NetworkPrinters.endpointSlices().cells(empty, NOW)).containsExactly("e", "IPv4",
                "<unset>", "<unset>", "<unknown>");
    }
}
