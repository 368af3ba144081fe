"""Run inside a process-runtime pod: the Python client authenticates with the pod's own service account
token, read from the files the kubelet mounted, and reports who the API server says it is."""
import os

from kubernetes import client
from kubernetes.config.incluster_config import InClusterConfigLoader

# The process runtime cannot put the volume at /var/run/secrets/...: it is at the same path under $HOME.
base = os.path.join(os.environ["HOME"], "var/run/secrets/kubernetes.io/serviceaccount")
InClusterConfigLoader(token_filename=os.path.join(base, "token"),
                      cert_filename=os.path.join(base, "ca.crt")).load_and_set()
review = client.ApiClient().call_api(
    "/apis/authentication.k8s.io/v1/selfsubjectreviews", "POST",
    body={"apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview"},
    response_type="object", auth_settings=["BearerToken"], _return_http_data_only=True)
user = review["status"]["userInfo"]
with open(os.path.join(base, "namespace")) as f:
    namespace = f.read()
print("whoami", user["username"], user["extra"]["authentication.kubernetes.io/pod-name"][0], namespace, flush=True)

# What the token may do is exactly its account's role: read configmaps in its own namespace, nothing else.
core = client.CoreV1Api()
for what, call in [("configmaps", lambda: core.list_namespaced_config_map(namespace)),
                   ("secrets", lambda: core.list_namespaced_secret(namespace)),
                   ("configmaps-in-default", lambda: core.list_namespaced_config_map("default"))]:
    try:
        call()
        print("can", what, 200, flush=True)
    except client.exceptions.ApiException as e:
        print("can", what, e.status, flush=True)
