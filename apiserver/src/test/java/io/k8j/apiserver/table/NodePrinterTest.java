package io.k8j.apiserver.table;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.k8j.apiserver.table.TestObjects.NOW;
import static io.k8j.apiserver.table.TestObjects.ago;
import static io.k8j.apiserver.table.TestObjects.json;
import static org.assertj.core.api.Assertions.assertThat;

class NodePrinterTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "{status:{conditions:[{type:'Ready',status:'True'}]}}                                    | Ready",
            "{status:{conditions:[{type:'Ready',status:'False'}]}}                                   | NotReady",
            "{status:{conditions:[{type:'Ready',status:'Unknown'}]}}                                 | NotReady",
            "{status:{conditions:[{type:'MemoryPressure',status:'False'}]}}                          | Unknown",
            "{spec:{unschedulable:true},status:{conditions:[{type:'Ready',status:'True'}]}}          | Ready,SchedulingDisabled",
            "{spec:{unschedulable:true}}                                                             | Unknown,SchedulingDisabled",
    })
    void status(String node, String expected) {
        assertThat(ClusterPrinters.nodeStatus(json(node))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "{}                                                                                        | <none>",
            "{'node-role.kubernetes.io/control-plane':'','node-role.kubernetes.io/master':''}           | control-plane,master",
            "{'kubernetes.io/role':'worker','node-role.kubernetes.io/':''}                              | worker",
            "{'kubernetes.io/role':'','kubernetes.io/hostname':'n1'}                                    | <none>",
    })
    void roles(String labels, String expected) {
        var node = json("{metadata:{labels:" + labels + "}}");

        assertThat(Fields.orNone(String.join(",", ClusterPrinters.roles(node)))).isEqualTo(expected);
    }

    @Test
    void fullRow() {
        var node = json("{metadata:{name:'n1',creationTimestamp:'" + ago("3h") + "',labels:{"
                + "'node-role.kubernetes.io/worker':''}},status:{conditions:[{type:'Ready',status:'True'}],"
                + "addresses:[{type:'Hostname',address:'n1'},{type:'InternalIP',address:'10.1.0.5'}],"
                + "nodeInfo:{kubeletVersion:'v1.32.0',osImage:'Debian 12',kernelVersion:'6.1.0'}}}");

        assertThat(ClusterPrinters.nodes().cells(node, NOW)).containsExactly("n1", "Ready", "worker", "3h",
                "v1.32.0", "10.1.0.5", "<none>", "Debian 12", "6.1.0", "<unknown>");
    }
}
