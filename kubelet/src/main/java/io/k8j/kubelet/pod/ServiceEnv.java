package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Service environment variables of a container, as the kubelet's getServiceEnvVarMap and envvars.FromServices:
 * the {@code kubernetes} Service of the default namespace always, and every Service of the pod's namespace when
 * enableServiceLinks is on (a namespace's own Service wins over the master one of the same name); Services without
 * a cluster IP (headless, ExternalName) give none. Per Service: {@code NAME_SERVICE_HOST}, {@code NAME_SERVICE_PORT}
 * (the first port), {@code NAME_SERVICE_PORT_PORTNAME} per named port, and Docker's link variables
 * ({@code NAME_PORT}, {@code NAME_PORT_80_TCP} and its _PROTO, _PORT and _ADDR).
 */
final class ServiceEnv {
    private static final String MASTER_NAMESPACE = "default";
    private static final String MASTER_SERVICE = "kubernetes";

    private ServiceEnv() {
    }

    static Map<String, String> of(Collection<Service> services, String namespace, boolean enableServiceLinks) {
        Map<String, Service> byName = new TreeMap<>();
        for (Service s : services) {
            if (!hasClusterIp(s)) {
                continue;
            }
            String name = s.getMetadata().getName();
            if (s.getMetadata().getNamespace().equals(MASTER_NAMESPACE) && name.equals(MASTER_SERVICE)) {
                byName.putIfAbsent(name, s);
            } else if (s.getMetadata().getNamespace().equals(namespace) && enableServiceLinks) {
                byName.put(name, s);
            }
        }
        Map<String, String> env = new LinkedHashMap<>();
        byName.values().stream().sorted(Comparator.comparing(s -> s.getMetadata().getName())).forEach(s -> add(env, s));
        return env;
    }

    private static void add(Map<String, String> env, Service s) {
        String prefix = variableName(s.getMetadata().getName());
        String ip = s.getSpec().getClusterIP();
        List<ServicePort> ports = s.getSpec().getPorts();
        env.put(prefix + "_SERVICE_HOST", ip);
        env.put(prefix + "_SERVICE_PORT", Integer.toString(ports.getFirst().getPort()));
        for (ServicePort p : ports) {
            if (p.getName() != null && !p.getName().isEmpty()) {
                env.put(prefix + "_SERVICE_PORT_" + variableName(p.getName()), Integer.toString(p.getPort()));
            }
        }
        for (int i = 0; i < ports.size(); i++) {
            ServicePort p = ports.get(i);
            String protocol = p.getProtocol() == null || p.getProtocol().isEmpty() ? "TCP" : p.getProtocol();
            String url = protocol.toLowerCase(Locale.ROOT) + "://" + ip + ":" + p.getPort();
            if (i == 0) {
                env.put(prefix + "_PORT", url); // Docker special-cases the first port
            }
            String portPrefix = prefix + "_PORT_" + p.getPort() + "_" + protocol.toUpperCase(Locale.ROOT);
            env.put(portPrefix, url);
            env.put(portPrefix + "_PROTO", protocol.toLowerCase(Locale.ROOT));
            env.put(portPrefix + "_PORT", Integer.toString(p.getPort()));
            env.put(portPrefix + "_ADDR", ip);
        }
    }

    private static boolean hasClusterIp(Service s) {
        String ip = s.getSpec() == null ? null : s.getSpec().getClusterIP();
        return ip != null && !ip.isEmpty() && !ip.equals("None") && s.getSpec().getPorts() != null && !s.getSpec().getPorts().isEmpty();
    }

    private static String variableName(String name) {
        return name.replace('-', '_').toUpperCase(Locale.ROOT);
    }
}
