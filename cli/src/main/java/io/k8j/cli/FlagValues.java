package io.k8j.cli;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import org.bouncycastle.util.IPAddress;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;

/**
 * Converters that refuse a bad flag value while the command line is parsed, before anything starts:
 * picocli then prints "Invalid value for option '--flag': ..." and the usage hint, and exits 2.
 */
final class FlagValues {
    private FlagValues() {
    }

    /** A TCP port, 0 to 65535 (0: any free port). */
    static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw new TypeConversionException("'" + value + "' is not a port number (0-65535)");
        }
    }

    /** An IPv4 or IPv6 address literal (never a host name: no DNS lookup at parse time). */
    static final class IpAddress implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!IPAddress.isValid(value)) {
                throw new TypeConversionException("'" + value + "' is not an IP address");
            }
            return value;
        }
    }

    /** A node's own address: an IP literal, but not 0.0.0.0 or ::, which name no node. */
    static final class NodeIp implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String ip = new IpAddress().convert(value);
            try {
                if (!InetAddress.getByName(ip).isAnyLocalAddress()) { // a literal: no lookup
                    return ip;
                }
            } catch (UnknownHostException e) {
                // refused below
            }
            throw new TypeConversionException("'" + value + "' is not the address of a node");
        }
    }

    /** key=value:Effect or key:Effect, as kubectl taint and k3s's --node-taint take them. */
    static final class TaintSpec implements ITypeConverter<Taint> {
        private static final Set<String> EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");

        @Override
        public Taint convert(String spec) {
            int colon = spec.lastIndexOf(':');
            String kv = colon < 0 ? "" : spec.substring(0, colon);
            int eq = kv.indexOf('=');
            String key = eq < 0 ? kv : kv.substring(0, eq);
            String effect = spec.substring(colon + 1);
            if (key.isEmpty() || !EFFECTS.contains(effect)) {
                throw new TypeConversionException("'" + spec + "' is not KEY[=VALUE]:EFFECT with EFFECT "
                        + "NoSchedule, PreferNoSchedule or NoExecute");
            }
            return new TaintBuilder().withKey(key).withValue(eq < 0 ? null : kv.substring(eq + 1)).withEffect(effect).build();
        }
    }
}
