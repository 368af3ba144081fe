package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Validation of one container of a PodSpec (kube's validateContainerCommon and friends, the common subset). */
final class ContainerValidation {
    static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
    private static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
    private static final List<String> MESSAGE_POLICIES = List.of("FallbackToLogsOnError", "File");
    private static final List<String> HANDLERS = List.of("exec", "httpGet", "tcpSocket", "grpc");

    private ContainerValidation() {
    }

    /** Which list of a PodSpec the container is in: the rules differ per list. */
    enum Kind { APP, INIT, EPHEMERAL }

    static void validate(List<FieldError> errs, ObjectNode c, String path, Set<String> volumes, Kind kind,
                         boolean hostNetwork) {
        String name = Tree.text(c, "name");
        if (name.isEmpty()) {
            errs.add(FieldError.required(path + ".name", ""));
        } else {
            errs.addAll(Names.check(path + ".name", name, Names::dns1123Label));
        }
        if (Tree.text(c, "image").isEmpty()) {
            errs.add(FieldError.required(path + ".image", ""));
        }
        Checks.supported(errs, c, "imagePullPolicy", path + ".imagePullPolicy", PULL_POLICIES);
        Checks.supported(errs, c, "terminationMessagePolicy", path + ".terminationMessagePolicy", MESSAGE_POLICIES);
        ports(errs, c, path, hostNetwork);
        List<ObjectNode> env = Tree.objects(c, "env");
        for (int i = 0; i < env.size(); i++) {
            Checks.required(errs, env.get(i), "name", path + ".env[" + i + "].name");
        }
        mounts(errs, c, path, volumes);
        if (kind == Kind.EPHEMERAL) {
            EphemeralContainerRules.fields(errs, c, path);
        } else {
            lifecycleAndProbes(errs, c, path, kind == Kind.INIT);
        }
        resources(errs, Tree.objOrNull(c, "resources"), path + ".resources");
    }

    /** What app containers and sidecars may have and plain init containers may not. */
    private static void lifecycleAndProbes(List<FieldError> errs, ObjectNode c, String path, boolean init) {
        boolean sidecar = init && "Always".equals(Tree.text(c, "restartPolicy"));
        restartPolicy(errs, c, path, init);
        if (init && !sidecar && Tree.isSet(c, "lifecycle")) {
            errs.add(FieldError.forbidden(path + ".lifecycle", "may not be set for init containers without restartPolicy=Always"));
        }
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            ObjectNode p = Tree.objOrNull(c, probe);
            if (p == null) {
                continue;
            }
            if (init && !sidecar) {
                errs.add(FieldError.forbidden(path + "." + probe, "may not be set for init containers without restartPolicy=Always"));
            } else if (HANDLERS.stream().filter(h -> Tree.isSet(p, h)).count() != 1) {
                errs.add(FieldError.required(path + "." + probe, "must specify a handler type"));
            }
            if (!probe.equals("readinessProbe") && Tree.isSet(p, "successThreshold") && p.get("successThreshold").asLong() != 1) {
                errs.add(FieldError.invalid(path + "." + probe + ".successThreshold", p.get("successThreshold").asLong(), "must be 1"));
            }
        }
    }

    /** Only an init container may set its own restartPolicy, and only to Always (which makes it a sidecar). */
    private static void restartPolicy(List<FieldError> errs, ObjectNode c, String path, boolean init) {
        if (!Tree.isSet(c, "restartPolicy")) {
            return;
        }
        if (!init) {
            errs.add(FieldError.forbidden(path + ".restartPolicy", "may not be set for non-init containers"));
        } else if (!"Always".equals(Tree.text(c, "restartPolicy"))) {
            errs.add(FieldError.notSupported(path + ".restartPolicy", Tree.text(c, "restartPolicy"), List.of("Always")));
        }
    }

    private static void ports(List<FieldError> errs, ObjectNode c, String path, boolean hostNetwork) {
        Set<String> names = new HashSet<>();
        List<ObjectNode> ports = Tree.objects(c, "ports");
        for (int i = 0; i < ports.size(); i++) {
            ObjectNode p = ports.get(i);
            String pp = path + ".ports[" + i + "]";
            String portName = Tree.text(p, "name");
            if (!portName.isEmpty()) {
                errs.addAll(Names.check(pp + ".name", portName, Names::portName));
                if (!names.add(portName)) {
                    errs.add(FieldError.duplicate(pp + ".name", portName));
                }
            }
            long port = p.path("containerPort").asLong(0);
            if (port == 0) {
                errs.add(FieldError.required(pp + ".containerPort", ""));
            } else if (!Checks.validPort(port)) {
                errs.add(Checks.badPort(pp + ".containerPort", port));
            }
            long hostPort = p.path("hostPort").asLong(0);
            if (hostPort != 0 && !Checks.validPort(hostPort)) {
                errs.add(Checks.badPort(pp + ".hostPort", hostPort));
            } else if (hostNetwork && hostPort != 0 && hostPort != port) { // 0 only survives in templates
                errs.add(FieldError.invalid(pp + ".hostPort", hostPort, "must match `containerPort` when `hostNetwork` is true"));
            }
            Checks.required(errs, p, "protocol", pp + ".protocol");
            Checks.supported(errs, p, "protocol", pp + ".protocol", PROTOCOLS);
        }
    }

    private static void mounts(List<FieldError> errs, ObjectNode c, String path, Set<String> volumes) {
        Set<String> paths = new HashSet<>();
        List<ObjectNode> mounts = Tree.objects(c, "volumeMounts");
        for (int i = 0; i < mounts.size(); i++) {
            ObjectNode m = mounts.get(i);
            String mp = path + ".volumeMounts[" + i + "]";
            String name = Tree.text(m, "name");
            if (name.isEmpty()) {
                errs.add(FieldError.required(mp + ".name", ""));
            } else if (!volumes.contains(name)) {
                errs.add(FieldError.notFound(mp + ".name", name));
            }
            String mountPath = Tree.text(m, "mountPath");
            if (mountPath.isEmpty()) {
                errs.add(FieldError.required(mp + ".mountPath", ""));
            } else if (!paths.add(mountPath)) {
                errs.add(FieldError.invalid(mp + ".mountPath", mountPath, "must be unique"));
            }
        }
    }

    /** Quantities must parse, and a request may not exceed the limit of the same resource. */
    static void resources(List<FieldError> errs, ObjectNode resources, String path) {
        ObjectNode limits = Tree.objOrNull(resources, "limits");
        ObjectNode requests = Tree.objOrNull(resources, "requests");
        Quantities.validateList(errs, limits, path + ".limits");
        Quantities.validateList(errs, requests, path + ".requests");
        if (limits == null || requests == null) {
            return;
        }
        requests.properties().forEach(en -> {
            JsonNode limit = limits.get(en.getKey());
            BigDecimal req = Quantities.parse(en.getValue());
            BigDecimal lim = Quantities.parse(limit);
            if (req != null && lim != null && req.compareTo(lim) > 0) {
                errs.add(FieldError.invalid(path + ".requests", en.getValue().asText(),
                        "must be less than or equal to " + en.getKey() + " limit of " + limit.asText()));
            }
        });
    }
}
