package io.k8j.dns;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Address;
import org.xbill.DNS.Message;
import org.xbill.DNS.SimpleResolver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sends the questions outside the cluster zone to the node's resolvers, one after the other, each given
 * {@code timeout}: a name nobody answers costs at most (resolvers x timeout) before the client gets SERVFAIL,
 * where a client's own retries would take seconds each. Resolvers that are this server itself (its address, or
 * with a wildcard listener any local address, on its port; or the cluster DNS address) are left out, so that a
 * node whose resolv.conf names cluster DNS cannot make a query go round in a loop.
 */
final class Forwarder {
    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);
    /** resolv.conf(5): resolvers use at most three nameservers. */
    private static final int MAX_UPSTREAMS = 3;

    private final List<InetSocketAddress> upstreams;
    private final Duration timeout;

    Forwarder(List<InetSocketAddress> upstreams, Duration timeout) {
        this.upstreams = List.copyOf(upstreams);
        this.timeout = timeout;
    }

    /** The resolvers of {@code resolvConf} that are not {@code self} nor {@code clusterDns}. */
    static Forwarder of(ResolvConf resolvConf, InetSocketAddress self, String clusterDns, Duration timeout) {
        List<InetSocketAddress> upstreams = new ArrayList<>();
        for (String server : resolvConf.nameservers()) {
            InetSocketAddress upstream;
            try {
                upstream = new InetSocketAddress(Address.getByAddress(server), 53); // literals only: never a lookup
            } catch (UnknownHostException e) {
                LOG.warn("resolv.conf nameserver {} is not an address; ignored", server);
                continue;
            }
            if (isSelf(upstream, self) || upstream.getAddress().getHostAddress().equals(clusterDns)) {
                LOG.info("resolv.conf nameserver {} is cluster DNS itself; not forwarding to it", server);
            } else if (upstreams.size() < MAX_UPSTREAMS) {
                upstreams.add(upstream);
            }
        }
        if (upstreams.isEmpty()) {
            LOG.warn("no upstream resolvers: names outside the cluster domain get SERVFAIL");
        }
        return new Forwarder(upstreams, timeout);
    }

    List<InetSocketAddress> upstreams() {
        return upstreams;
    }

    /** The first resolver's answer, with the query's ID; empty when none answered in time. */
    Optional<Message> forward(Message query, boolean tcp) {
        for (InetSocketAddress upstream : upstreams) {
            SimpleResolver resolver = new SimpleResolver(upstream);
            resolver.setTimeout(timeout);
            resolver.setTCP(tcp);
            try {
                return Optional.of(resolver.send(query));
            } catch (IOException e) {
                LOG.debug("upstream {} did not answer {}: {}", upstream, query.getQuestion(), e.toString());
            }
        }
        return Optional.empty();
    }

    private static boolean isSelf(InetSocketAddress upstream, InetSocketAddress self) {
        if (upstream.getPort() != self.getPort()) {
            return false;
        }
        if (!self.getAddress().isAnyLocalAddress()) {
            return upstream.getAddress().equals(self.getAddress());
        }
        try {
            return upstream.getAddress().isLoopbackAddress() || NetworkInterface.getByInetAddress(upstream.getAddress()) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
