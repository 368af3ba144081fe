"""CRUD, watch and patch through Debian's python3-kubernetes against a k8j server.

Run by PythonClientE2ETest with KUBECONFIG and NAMESPACE set; any failed assertion exits non-zero.
"""
import os
import threading

from kubernetes import client, config, watch
from kubernetes.client.rest import ApiException

config.load_kube_config(config_file=os.environ["KUBECONFIG"])
ns = os.environ["NAMESPACE"]
core = client.CoreV1Api()
apps = client.AppsV1Api()

core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=ns)))
assert ns in [n.metadata.name for n in core.list_namespace().items]

# Start a watch before writing, from the current list revision.
start_rv = core.list_namespaced_config_map(ns).metadata.resource_version
seen = []
def watch_config_maps():
    w = watch.Watch()
    for event in w.stream(core.list_namespaced_config_map, ns, resource_version=start_rv, timeout_seconds=20):
        seen.append((event["type"], event["object"].metadata.name))
        if event["type"] == "DELETED":
            w.stop()
watcher = threading.Thread(target=watch_config_maps)
watcher.start()

cm = client.V1ConfigMap(metadata=client.V1ObjectMeta(name="settings", labels={"app": "py"}), data={"a": "1"})
created = core.create_namespaced_config_map(ns, cm)
assert created.metadata.uid and created.metadata.resource_version

got = core.read_namespaced_config_map("settings", ns)
assert got.data == {"a": "1"}

got.data["b"] = "2"
replaced = core.replace_namespaced_config_map("settings", ns, got)
assert replaced.data == {"a": "1", "b": "2"}

# A stale resourceVersion is a 409 Conflict.
got.data["c"] = "3"
try:
    core.replace_namespaced_config_map("settings", ns, got)
    raise AssertionError("stale update accepted")
except ApiException as e:
    assert e.status == 409, e.status

patched = core.patch_namespaced_config_map("settings", ns, {"data": {"a": "changed"}})
assert patched.data["a"] == "changed"

selected = core.list_namespaced_config_map(ns, label_selector="app=py").items
assert [c.metadata.name for c in selected] == ["settings"]
assert core.list_namespaced_config_map(ns, label_selector="app=other").items == []

try:
    core.read_namespaced_config_map("missing", ns)
    raise AssertionError("missing object found")
except ApiException as e:
    assert e.status == 404, e.status

deployment = client.V1Deployment(
    metadata=client.V1ObjectMeta(name="web"),
    spec=client.V1DeploymentSpec(
        replicas=1,
        selector=client.V1LabelSelector(match_labels={"app": "web"}),
        template=client.V1PodTemplateSpec(
            metadata=client.V1ObjectMeta(labels={"app": "web"}),
            spec=client.V1PodSpec(containers=[client.V1Container(name="app", image="busybox")]))))
apps.create_namespaced_deployment(ns, deployment)
# Strategic merge patch: the container list merges by name.
apps.patch_namespaced_deployment("web", ns, {"spec": {"template": {"spec": {"containers": [{"name": "app", "image": "busybox:1.36"}]}}}})
d = apps.read_namespaced_deployment("web", ns)
assert d.spec.template.spec.containers[0].image == "busybox:1.36"
assert d.spec.template.spec.containers[0].name == "app"
assert d.metadata.generation == 2, d.metadata.generation
apps.patch_namespaced_deployment_scale("web", ns, {"spec": {"replicas": 3}})
assert apps.read_namespaced_deployment_scale("web", ns).spec.replicas == 3

core.delete_namespaced_config_map("settings", ns)
watcher.join(30)
assert not watcher.is_alive(), "watch did not end"
types = [t for t, name in seen if name == "settings"]
assert types == ["ADDED", "MODIFIED", "MODIFIED", "DELETED"], seen
print("python client: ok")
