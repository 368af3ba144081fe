package io.k8j.proxy;

/** One endpoint of one Service port, from an EndpointSlice, with the conditions kube-proxy reads. */
record EndpointInfo(String ip, int port, boolean ready, boolean serving, boolean terminating, String nodeName) {
    String address() {
        return ip + ":" + port;
    }
}
