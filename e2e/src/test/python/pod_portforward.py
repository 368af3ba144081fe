"""kubernetes.stream.portforward (WebSocket v4.channel.k8s.io) against k8j: an HTTP request to the pod's port."""
import os

from kubernetes import client, config
from kubernetes.stream import portforward

config.load_kube_config()
core = client.CoreV1Api()
ns, pod, port = os.environ["NAMESPACE"], os.environ["POD"], int(os.environ["PORT"])

pf = portforward(core.connect_get_namespaced_pod_portforward, pod, ns, ports=str(port))
sock = pf.socket(port)
sock.setblocking(True)
sock.sendall(b"GET /index.html HTTP/1.0\r\n\r\n")
data = b""
while True:
    chunk = sock.recv(4096)
    if not chunk:
        break
    data += chunk
sock.close()
print("response:", repr(data))
assert b"200 OK" in data, data
assert b"hello-from-httpd" in data, data
assert pf.error(port) is None, pf.error(port)
print("python portforward: ok")
