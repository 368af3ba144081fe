package io.k8j.apiserver.admission.webhook;

/** A webhook could not be called or answered nonsense: kube's ErrCallingWebhook, subject to failurePolicy. */
final class WebhookCallException extends Exception {
    WebhookCallException(String reason) {
        super(reason);
    }
}
