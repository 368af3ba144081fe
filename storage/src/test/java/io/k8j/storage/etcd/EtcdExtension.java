package io.k8j.storage.etcd;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One throwaway {@link EtcdProcess} for a test class: started before its first test (the class is
 * skipped when etcd is not installed, except on CI), stopped after its last, after the class's own
 * {@code @AfterAll} methods.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EtcdExtension ETCD = new EtcdExtension();
 * ... EtcdStorage.connect(ETCD.url()) ...
 * }</pre>
 */
public final class EtcdExtension implements BeforeAllCallback, AfterAllCallback {
    private final EtcdProcess etcd = new EtcdProcess();

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        EtcdProcess.assumeAvailable();
        etcd.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        etcd.close();
    }

    /** The client URL, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return etcd.clientUrl();
    }
}
