"""kubernetes.stream exec (WebSocket v4.channel.k8s.io) against k8j: output, stderr and the exit code."""
import os

from kubernetes import client, config
from kubernetes.stream import stream

config.load_kube_config()
core = client.CoreV1Api()
ns, pod = os.environ["NAMESPACE"], os.environ["POD"]

out = stream(core.connect_get_namespaced_pod_exec, pod, ns, command=["sh", "-c", "echo from-python"],
             stderr=True, stdin=False, stdout=True, tty=False)
print("output:", repr(out))
assert out == "from-python\n", out

resp = stream(core.connect_get_namespaced_pod_exec, pod, ns, command=["sh", "-c", "echo oops >&2; exit 3"],
              stderr=True, stdin=False, stdout=True, tty=False, _preload_content=False)
resp.run_forever(timeout=30)
err = resp.read_stderr()
print("stderr:", repr(err), "returncode:", resp.returncode)
assert err == "oops\n", err
assert resp.returncode == 3, resp.returncode
print("python exec: ok")
