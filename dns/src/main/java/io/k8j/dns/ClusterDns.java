package io.k8j.dns;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8j.client.SharedInformers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;

/**
 * Cluster DNS as {@code k8j server} runs it: Service and EndpointSlice informers, the zone over them, the server,
 * and the kube-dns Service pointing at it. The listen address may not exist yet (the containerd runtime's pod
 * bridge appears with the first pod): the server then binds it as soon as it does, checking once a second, and
 * the EndpointSlice already names it so that the first pod finds it.
 */
public final class ClusterDns implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterDns.class);
    private static final long BIND_RETRY_MILLIS = 1000;

    private final SharedInformers informers;
    private final Responder responder;
    private final InetSocketAddress listen;
    private volatile DnsServer server;
    private volatile boolean closed;

    private ClusterDns(SharedInformers informers, Responder responder, InetSocketAddress listen) {
        this.informers = informers;
        this.responder = responder;
        this.listen = listen;
    }

    public static ClusterDns start(KubernetesClient client, ClusterDnsConfig config) throws IOException {
        SharedInformers informers = new SharedInformers(client);
        ClusterZone zone = new ClusterZone(config.domain(), new InformerClusterState(informers));
        Forwarder forwarder = Forwarder.of(ResolvConf.read(config.resolvConf()), config.listen(), config.serviceIp(),
                config.forwardTimeout());
        ClusterDns dns = new ClusterDns(informers, new Responder(zone, forwarder), config.listen());
        try {
            informers.start(Service.class, EndpointSlice.class);
            if (!dns.tryBind() && config.listen().getPort() == 0) {
                throw new BindException(config.listen().getAddress().getHostAddress() + " is not an address of this node");
            }
            if (dns.server == null) {
                LOG.info("cluster DNS waits for {} to exist on this node", config.listen().getAddress().getHostAddress());
                Thread.ofPlatform().daemon().name("dns-bind").start(dns::bindWhenAddressExists);
            }
            KubeDnsService.publish(client, config.serviceIp(),
                    new InetSocketAddress(config.listen().getAddress(), dns.server == null ? config.listen().getPort() : dns.port()));
        } catch (IOException | RuntimeException e) {
            dns.close();
            throw e;
        }
        return dns;
    }

    /** The port it listens on, or the configured one while it waits for its address. */
    public int port() {
        DnsServer s = server;
        return s == null ? listen.getPort() : s.port();
    }

    /** False when the address is not (yet) the node's; a taken port is an IOException. */
    private synchronized boolean tryBind() throws IOException {
        if (closed) {
            return true;
        }
        try {
            server = DnsServer.start(listen, responder);
            return true;
        } catch (BindException e) {
            if (String.valueOf(e.getMessage()).contains("Cannot assign requested address")) {
                return false;
            }
            throw new BindException("cluster DNS cannot listen on " + listen.getAddress().getHostAddress() + ":"
                    + listen.getPort() + ": " + e.getMessage());
        }
    }

    private void bindWhenAddressExists() {
        try {
            while (!tryBind()) {
                Thread.sleep(BIND_RETRY_MILLIS);
            }
        } catch (IOException e) {
            LOG.error("{}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (server != null) {
            server.close();
        }
        informers.close();
    }
}
