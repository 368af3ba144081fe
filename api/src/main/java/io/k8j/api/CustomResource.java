package io.k8j.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one version of a CustomResourceDefinition says beyond names: the parts of the CRD the generic store,
 * Table printing and the scale subresource read for a custom resource.
 *
 * @param crdName the CRD's name, {@code plural.group}
 * @param listKind the kind of lists ({@code spec.names.listKind})
 * @param schema the version's {@code schema.openAPIV3Schema}, or null when it has none
 * @param printerColumns the version's {@code additionalPrinterColumns} (an array, possibly empty)
 * @param scale the version's {@code subresources.scale}, or null when scale is not served
 */
public record CustomResource(String crdName, String listKind, JsonNode schema, JsonNode printerColumns,
                             JsonNode scale) {
}
