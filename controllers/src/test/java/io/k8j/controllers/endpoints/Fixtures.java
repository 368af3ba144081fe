package io.k8j.controllers.endpoints;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;

import java.util.Map;

/** Services selecting app=web in namespace ns, and pods with a name, IP, readiness and named container ports. */
public final class Fixtures {
    private Fixtures() {
    }

    /** One port per (name, target) pair: a target that parses as a number is one, otherwise it is a port name. */
    public static Service service(String... nameTargetPairs) {
        ServiceBuilder b = new ServiceBuilder().withNewMetadata().withName("web").withNamespace("ns").withUid("svc-uid")
                .endMetadata().withNewSpec().withSelector(Map.of("app", "web")).endSpec();
        for (int i = 0; i < nameTargetPairs.length; i += 2) {
            String target = nameTargetPairs[i + 1];
            b.editSpec().addToPorts(new ServicePortBuilder().withName(nameTargetPairs[i]).withPort(80 + i).withProtocol("TCP")
                    .withTargetPort(target.matches("\\d+") ? new IntOrString(Integer.parseInt(target)) : new IntOrString(target))
                    .build()).endSpec();
        }
        return b.build();
    }

    /** A running pod on node n1; {@code ip} null for none yet; {@code namedPorts} as name, number pairs. */
    public static Pod pod(String name, String ip, boolean ready, Object... namedPorts) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withNamespace("ns").withUid(name + "-uid")
                .withLabels(Map.of("app", "web")).endMetadata()
                .withNewSpec().withNodeName("n1").withRestartPolicy("Always").addNewContainer().withName("c").endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP(ip)
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition().endStatus();
        for (int i = 0; i < namedPorts.length; i += 2) {
            b.editSpec().editFirstContainer().addNewPort().withName((String) namedPorts[i]).withContainerPort((Integer) namedPorts[i + 1])
                    .withProtocol("TCP").endPort().endContainer().endSpec();
        }
        return b.build();
    }
}
