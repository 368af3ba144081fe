package io.k8j.kubelet.pod;

/**
 * A volume of the pod could not be set up (a missing ConfigMap, an unbound claim): the pod's containers are not
 * created until it can, and the message is the kubelet's FailedMount text.
 */
final class VolumeSetUpException extends IllegalStateException {
    VolumeSetUpException(String volume, Exception cause) {
        super("MountVolume.SetUp failed for volume \"" + volume + "\" : " + cause.getMessage(), cause);
    }
}
