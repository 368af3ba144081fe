"""kubernetes.stream exec (WebSocket v4.channel.k8s.io) against k8j: output, stderr, the exit code, and stdin
(which this client sends as text messages)."""
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

# head -c gives back exactly the bytes stdin brought (UTF-8 text, control characters too), then exits 0.
data = "line one\nh\u00e9llo \u2603 \x01\x7f\n" + "0123456789abcdef" * 1024
resp = stream(core.connect_get_namespaced_pod_exec, pod, ns, command=["head", "-c", str(len(data.encode("utf-8")))],
              stderr=True, stdin=True, stdout=True, tty=False, _preload_content=False)
resp.write_stdin(data)
resp.run_forever(timeout=30)
echoed = resp.read_stdout()
print("stdin echoed:", len(echoed), "of", len(data), "characters; returncode:", resp.returncode)
assert echoed == data, repr(echoed[:80])
assert resp.returncode == 0, resp.returncode
print("python exec: ok")
