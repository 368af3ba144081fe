package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * kube's validateSysctls of a pod's securityContext: each name present, well formed (dots or slashes between
 * segments), not repeated, and not of a namespace the pod shares with the node (net with hostNetwork, ipc with
 * hostIPC). Which sysctls a node allows is the kubelet's call (it rejects the pod with SysctlForbidden).
 */
final class SysctlValidation {
    private static final int MAX_LENGTH = 253;
    private static final String SEGMENT = "[a-z0-9]([-_a-z0-9]*[a-z0-9])?";
    private static final String REGEX = "^(" + SEGMENT + "[\\./])*" + SEGMENT + "$";
    private static final Pattern NAME = Pattern.compile(REGEX);
    private static final List<String> IPC_PREFIXES = List.of("kernel.shm", "kernel.msg", "fs.mqueue.");

    private SysctlValidation() {
    }

    static void validate(List<FieldError> errs, JsonNode spec, String path) {
        ObjectNode securityContext = Tree.objOrNull(spec, "securityContext");
        List<ObjectNode> sysctls = Tree.objects(securityContext, "sysctls");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < sysctls.size(); i++) {
            String field = path + ".securityContext.sysctls[" + i + "].name";
            String name = Tree.text(sysctls.get(i), "name");
            if (name.isEmpty()) {
                errs.add(FieldError.required(field, ""));
            } else if (name.length() > MAX_LENGTH || !NAME.matcher(name).matches()) {
                errs.add(FieldError.invalid(field, name, "must have at most " + MAX_LENGTH + " characters and match regex " + REGEX));
            } else if (!seen.add(name)) {
                errs.add(FieldError.duplicate(field, name));
            }
            String normalized = normalize(name);
            if (Tree.isTrue(spec, "hostNetwork") && normalized.startsWith("net.")) {
                errs.add(FieldError.invalid(field, name, "may not be specified when 'hostNetwork' is true"));
            } else if (Tree.isTrue(spec, "hostIPC") && (normalized.equals("kernel.sem")
                    || IPC_PREFIXES.stream().anyMatch(normalized::startsWith))) {
                errs.add(FieldError.invalid(field, name, "may not be specified when 'hostIPC' is true"));
            }
        }
    }

    /** kube's NormalizeName: with "/" as the first separator, "/" and "." swap ("net/ipv4/conf/eth0.100/x"). */
    private static String normalize(String name) {
        int slash = name.indexOf('/');
        int dot = name.indexOf('.');
        if (slash < 0 || dot >= 0 && dot < slash) {
            return name;
        }
        StringBuilder b = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            b.append(c == '/' ? '.' : c == '.' ? '/' : c);
        }
        return b.toString();
    }
}
