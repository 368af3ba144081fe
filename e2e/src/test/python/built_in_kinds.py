"""Debian's python3-kubernetes creates, reads and lists built-in kinds on a k8j server.

The client deserializes strictly: a status or spec without a field Go always writes (a DaemonSet's numberReady,
a ReplicaSet's replicas, a Node's nodeInfo) raises ValueError. Run by PythonClientE2ETest with KUBECONFIG and
NAMESPACE set; any failure exits non-zero.
"""
import os

from kubernetes import client, config

config.load_kube_config(config_file=os.environ["KUBECONFIG"])
ns = os.environ["NAMESPACE"]
core = client.CoreV1Api()
apps = client.AppsV1Api()
batch = client.BatchV1Api()
discovery = client.DiscoveryV1Api()
scheduling = client.SchedulingV1Api()
events = client.EventsV1Api()

core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=ns)))
labels = {"app": "py"}
meta = lambda name: client.V1ObjectMeta(name=name, labels=labels)
template = client.V1PodTemplateSpec(metadata=client.V1ObjectMeta(labels=labels),
                                    spec=client.V1PodSpec(containers=[client.V1Container(name="c", image="busybox")]))
selector = client.V1LabelSelector(match_labels=labels)

ds = apps.create_namespaced_daemon_set(ns, client.V1DaemonSet(metadata=meta("ds"),
        spec=client.V1DaemonSetSpec(selector=selector, template=template)))
assert ds.status.number_ready == 0 and ds.status.desired_number_scheduled == 0, ds.status
assert apps.read_namespaced_daemon_set_status("ds", ns).status.number_misscheduled == 0

rs = apps.create_namespaced_replica_set(ns, client.V1ReplicaSet(metadata=meta("rs"),
        spec=client.V1ReplicaSetSpec(replicas=0, selector=selector, template=template)))
assert rs.status.replicas == 0, rs.status

sts = apps.create_namespaced_stateful_set(ns, client.V1StatefulSet(metadata=meta("sts"),
        spec=client.V1StatefulSetSpec(replicas=0, service_name="sts", selector=selector, template=template)))
assert sts.status.replicas == 0, sts.status

deploy = apps.create_namespaced_deployment(ns, client.V1Deployment(metadata=meta("deploy"),
        spec=client.V1DeploymentSpec(replicas=0, selector=selector, template=template)))
assert deploy.spec.template.spec.containers[0].name == "c"

job = batch.create_namespaced_job(ns, client.V1Job(metadata=client.V1ObjectMeta(name="job"),
        spec=client.V1JobSpec(suspend=True, template=client.V1PodTemplateSpec(
            spec=client.V1PodSpec(restart_policy="Never", containers=[client.V1Container(name="c", image="busybox")])))))
assert job.spec.suspend

svc = core.create_namespaced_service(ns, client.V1Service(metadata=meta("svc"),
        spec=client.V1ServiceSpec(selector=labels, ports=[client.V1ServicePort(port=80)])))
assert svc.status.load_balancer is not None

pvc = core.create_namespaced_persistent_volume_claim(ns, client.V1PersistentVolumeClaim(metadata=meta("pvc"),
        spec=client.V1PersistentVolumeClaimSpec(access_modes=["ReadWriteOnce"],
            resources=client.V1ResourceRequirements(requests={"storage": "1Gi"}))))
assert pvc.spec.resources.requests["storage"] == "1Gi"

node_name = "py-node-" + ns
node = core.create_node(client.V1Node(metadata=client.V1ObjectMeta(name=node_name)))
assert node.status.node_info.kubelet_version == "", node.status.node_info
assert node.status.daemon_endpoints.kubelet_endpoint.port == 0

slice_ = discovery.create_namespaced_endpoint_slice(ns, client.V1EndpointSlice(metadata=meta("empty"), address_type="IPv4",
        endpoints=[]))
assert slice_.endpoints == []

core.create_namespaced_limit_range(ns, client.V1LimitRange(metadata=meta("limits"), spec=client.V1LimitRangeSpec(limits=[
    client.V1LimitRangeItem(type="Container", default={"cpu": "100m"})])))

pc = scheduling.create_priority_class(client.V1PriorityClass(metadata=client.V1ObjectMeta(name="py-" + ns), value=0))
assert pc.value == 0

ev = core.create_namespaced_event(ns, client.CoreV1Event(metadata=client.V1ObjectMeta(name="ev"),
        involved_object=client.V1ObjectReference(kind="Pod", name="p", namespace=ns), reason="Test", message="m"))
assert ev.reporting_component == "" and ev.source is not None

# Every list deserializes, including objects made by the server's own controllers and bootstrap.
apps.list_namespaced_daemon_set(ns)
apps.list_namespaced_replica_set(ns)
apps.list_namespaced_stateful_set(ns)
apps.list_namespaced_deployment(ns)
apps.list_namespaced_controller_revision(ns)
batch.list_namespaced_job(ns)
core.list_namespaced_service(ns)
core.list_namespaced_persistent_volume_claim(ns)
core.list_namespaced_event(ns)
core.list_namespaced_limit_range(ns)
core.list_node()
core.list_service_for_all_namespaces()
core.list_endpoints_for_all_namespaces()
discovery.list_endpoint_slice_for_all_namespaces()
scheduling.list_priority_class()
events.list_namespaced_event(ns)

core.delete_node(node_name)
scheduling.delete_priority_class("py-" + ns)
core.delete_namespace(ns)
print("python built-in kinds: ok")
