package io.k8j.apiserver.encryption;

/** An encryption configuration that cannot be used: the message names the file and the fault. */
public class InvalidEncryptionConfigException extends RuntimeException {
    public InvalidEncryptionConfigException(String message) {
        super(message);
    }
}
