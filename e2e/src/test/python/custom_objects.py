"""A CRD and its custom objects through Debian's python3-kubernetes (ApiextensionsV1Api, CustomObjectsApi).

Run by CustomResourcesE2ETest with KUBECONFIG and NAMESPACE set; any failed assertion exits non-zero.
"""
import os
import time

from kubernetes import client, config, watch
from kubernetes.client.rest import ApiException

config.load_kube_config(config_file=os.environ["KUBECONFIG"])
ns = os.environ["NAMESPACE"]
group, plural = "py.example.com", "gadgets"
core = client.CoreV1Api()
ext = client.ApiextensionsV1Api()
objs = client.CustomObjectsApi()

core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=ns)))
ext.create_custom_resource_definition({
    "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
    "metadata": {"name": plural + "." + group},
    "spec": {"group": group, "scope": "Namespaced",
             "names": {"plural": plural, "singular": "gadget", "kind": "Gadget"},
             "versions": [{"name": "v1", "served": True, "storage": True,
                           "subresources": {"status": {}, "scale": {"specReplicasPath": ".spec.replicas",
                                                                     "statusReplicasPath": ".status.replicas"}},
                           "schema": {"openAPIV3Schema": {"type": "object", "properties": {
                               "spec": {"type": "object", "properties": {
                                   "replicas": {"type": "integer", "minimum": 0},
                                   "mode": {"type": "string", "default": "auto"}}},
                               "status": {"type": "object", "properties": {"replicas": {"type": "integer"}}}}}}}]}})

established = False
for _ in range(100):
    crd = ext.read_custom_resource_definition(plural + "." + group)
    conditions = (crd.status.conditions or []) if crd.status else []
    if any(c.type == "Established" and c.status == "True" for c in conditions):
        established = True
        break
    time.sleep(0.1)
assert established, "the CRD never became Established"
assert crd.status.accepted_names.kind == "Gadget"

start_rv = objs.list_namespaced_custom_object(group, "v1", ns, plural)["metadata"]["resourceVersion"]
body = {"apiVersion": group + "/v1", "kind": "Gadget", "metadata": {"name": "g1"}, "spec": {"replicas": 1}}
created = objs.create_namespaced_custom_object(group, "v1", ns, plural, body)
assert created["spec"] == {"replicas": 1, "mode": "auto"}, created

patched = objs.patch_namespaced_custom_object(group, "v1", ns, plural, "g1", {"metadata": {"labels": {"a": "b"}}})
assert patched["metadata"]["labels"] == {"a": "b"}
status = objs.patch_namespaced_custom_object_status(group, "v1", ns, plural, "g1", {"status": {"replicas": 1}})
assert status["status"] == {"replicas": 1}
scale = objs.patch_namespaced_custom_object_scale(group, "v1", ns, plural, "g1", {"spec": {"replicas": 3}})
assert scale["spec"]["replicas"] == 3
assert objs.get_namespaced_custom_object(group, "v1", ns, plural, "g1")["spec"]["replicas"] == 3
listed = objs.list_namespaced_custom_object(group, "v1", ns, plural, label_selector="a=b")
assert [o["metadata"]["name"] for o in listed["items"]] == ["g1"]

try:
    objs.create_namespaced_custom_object(group, "v1", ns, plural, {
        "apiVersion": group + "/v1", "kind": "Gadget", "metadata": {"name": "bad"}, "spec": {"replicas": -1}})
    raise AssertionError("a negative replica count was accepted")
except ApiException as e:
    assert e.status == 422, e
    assert "spec.replicas in body should be greater than or equal to 0" in e.body, e.body

events = []
w = watch.Watch()
for event in w.stream(objs.list_namespaced_custom_object, group, "v1", ns, plural,
                      resource_version=start_rv, timeout_seconds=10):
    events.append(event["type"])
    if len(events) == 4:
        w.stop()
assert events == ["ADDED", "MODIFIED", "MODIFIED", "MODIFIED"], events

objs.delete_namespaced_custom_object(group, "v1", ns, plural, "g1")
ext.delete_custom_resource_definition(plural + "." + group)
gone = False
for _ in range(100):
    try:
        ext.read_custom_resource_definition(plural + "." + group)
        time.sleep(0.1)
    except ApiException as e:
        assert e.status == 404, e
        gone = True
        break
assert gone, "the CRD was not deleted"
core.delete_namespace(ns)
print("python custom objects: ok")
