package io.k8j.controllers.csrapproving;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.k8j.controllers.csrsigning.ParsedRequest;
import io.k8j.controllers.csrsigning.SignerPolicy;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x509.GeneralName;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Kubelet serving certificate requests k8j approves by itself, as kubelet-csr-approver and k3s do (kube leaves them
 * to a person): the requester is the node named in CN=system:node:NAME, O=system:nodes, the usages are server
 * auth with digital signature (and key encipherment), and every requested name is one of the node's addresses in
 * its status: DNS names its Hostname, InternalDNS or ExternalDNS, IPs its InternalIP or ExternalIP.
 */
final class NodeServingApproval {
    static final String MESSAGE = "Auto approving kubelet serving certificate: the node asks for its own addresses.";
    private static final Set<String> DNS_TYPES = Set.of("Hostname", "InternalDNS", "ExternalDNS");
    private static final Set<String> IP_TYPES = Set.of("InternalIP", "ExternalIP");

    private NodeServingApproval() {
    }

    /** True for a kubelet-serving request that is valid for its signer and made by the node it names. */
    static boolean isNodeOwn(CertificateSigningRequest csr) {
        ParsedRequest request = request(csr);
        return request != null && request.commonName().equals(csr.getSpec().getUsername());
    }

    /** The node name a kubelet-serving request is for (its CN without system:node:), or null for other requests. */
    static String nodeName(CertificateSigningRequest csr) {
        ParsedRequest request = request(csr);
        return request == null ? null : request.commonName().substring("system:node:".length());
    }

    /** True when every name {@code csr} asks for is one of {@code node}'s addresses. */
    static boolean namesOnly(CertificateSigningRequest csr, Node node) {
        ParsedRequest request = request(csr);
        if (request == null || node.getStatus() == null || node.getStatus().getAddresses() == null) {
            return false;
        }
        Set<String> dnsNames = new HashSet<>();
        Set<InetAddress> ips = new HashSet<>();
        for (NodeAddress address : node.getStatus().getAddresses()) {
            if (DNS_TYPES.contains(address.getType())) {
                dnsNames.add(address.getAddress());
            } else if (IP_TYPES.contains(address.getType())) {
                InetAddress ip = literal(address.getAddress());
                if (ip != null) {
                    ips.add(ip);
                }
            }
        }
        for (GeneralName name : request.sans().getNames()) {
            boolean known = switch (name.getTagNo()) {
                case GeneralName.dNSName -> dnsNames.contains(((ASN1String) name.getName()).getString());
                case GeneralName.iPAddress -> ips.contains(address(ASN1OctetString.getInstance(name.getName()).getOctets()));
                default -> false;
            };
            if (!known) {
                return false;
            }
        }
        return true;
    }

    private static ParsedRequest request(CertificateSigningRequest csr) {
        if (!SignerPolicy.KUBELET_SERVING.signerName().equals(csr.getSpec().getSignerName())) {
            return null;
        }
        try {
            ParsedRequest request = ParsedRequest.parse(csr.getSpec().getRequest());
            List<String> usages = csr.getSpec().getUsages() == null ? List.of() : csr.getSpec().getUsages();
            return SignerPolicy.KUBELET_SERVING.refusal(request, usages) == null ? request : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** An IP address written as a literal, never looked up; null for anything else. */
    private static InetAddress literal(String text) {
        return text.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*") ? addressOf(text) : null;
    }

    private static InetAddress addressOf(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static InetAddress address(byte[] octets) {
        try {
            return InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
