package io.k8j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ResourceType;

/**
 * A validating admission step on create, after the object is defaulted and validated and before it is
 * stored (where kube runs validating admission plugins such as ResourceQuota). It rejects by throwing
 * an ApiException.
 */
@FunctionalInterface
public interface CreateAdmission {
    CreateAdmission NONE = (type, obj, dryRun) -> { };

    void admit(ResourceType type, ObjectNode obj, boolean dryRun);
}
