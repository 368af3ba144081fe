package io.k8j.cli;

import io.k8j.apiserver.http.HttpComponents;
import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * {@code k8j --version}, shaped like k3s's: the version and the commit it was built from (written into
 * version.properties by the build), then the Kubernetes API it serves and the Java it runs on.
 */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties build = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                build.load(in);
            }
        }
        return new String[]{
                "k8j version v" + build.getProperty("version", "unknown") + " (" + build.getProperty("commit", "unknown") + ")",
                "kubernetes API v1." + HttpComponents.KUBERNETES_MINOR,
                "java version " + Runtime.version()};
    }
}
