package io.k8j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;

import java.util.List;
import java.util.Map;

/**
 * What is particular to one resource in the generic store's fixed pipeline
 * (prepare -> validate -> common metadata rules -> persist). Objects are JSON trees in the wire form of
 * the resource's apiVersion. The store has already handled metadata bookkeeping (name, uid,
 * creationTimestamp, resourceVersion, generation) and the split between the main resource and its
 * status subresource before these hooks run, and validates {@code metadata} itself.
 */
public interface ResourceStrategy {

    /** Defaults and clears fields on create (as Kubernetes' PrepareForCreate + defaulting do). */
    default void prepareForCreate(ObjectNode obj, StrategyContext ctx) {
    }

    /** Defaults on update; {@code old} is the stored object and must not be modified. */
    default void prepareForUpdate(ObjectNode obj, ObjectNode old, StrategyContext ctx) {
    }

    /** Validation of a new object beyond metadata; an empty list means valid. */
    default List<FieldError> validate(ObjectNode obj) {
        return List.of();
    }

    /** Validation of an update, including immutable fields; defaults to {@link #validate}. */
    default List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
        return validate(obj);
    }

    /**
     * Defaults on a write through {@code subresource} (e.g. a pod's ephemeralcontainers), after the store kept
     * all of {@code old} but what the subresource may change.
     */
    default void prepareForSubresourceUpdate(String subresource, ObjectNode obj, ObjectNode old, StrategyContext ctx) {
    }

    /** Validation of a write through {@code subresource}; none by default (status, binding, finalize). */
    default List<FieldError> validateSubresourceUpdate(String subresource, ObjectNode obj, ObjectNode old) {
        return List.of();
    }

    /** Whether {@code metadata.generation} follows changes of everything but metadata and status. */
    default boolean tracksGeneration() {
        return false;
    }

    /**
     * Values of the fields a field selector may name beyond metadata.name and metadata.namespace,
     * e.g. {@code spec.nodeName} and {@code status.phase} for pods.
     */
    default Map<String, String> selectableFields(ObjectNode obj) {
        return Map.of();
    }

    /** Throws the ApiException kube gives when {@code obj} may not be deleted at all (system namespaces). */
    default void checkDelete(ObjectNode obj) {
    }

    /**
     * Finalizers kept outside metadata.finalizers that also hold back deletion (a namespace's
     * spec.finalizers, cleared by the namespace controller through {@code finalize}).
     */
    default List<String> deletionBlockers(ObjectNode obj) {
        return List.of();
    }

    /**
     * Finalizers the API server itself adds when an object is first deleted (a CRD's
     * customresourcecleanup, which holds it until its custom resources are gone).
     */
    default List<String> finalizersOnDelete(ObjectNode obj) {
        return List.of();
    }

    /** Marks an object whose deletion waits on finalizers (a namespace turns Terminating). */
    default void prepareForDeletion(ObjectNode obj) {
    }

    /** Releases anything allocated for {@code obj} (cluster IPs, node ports) once it is deleted. */
    default void afterDelete(ObjectNode obj, StrategyContext ctx) {
    }
}
