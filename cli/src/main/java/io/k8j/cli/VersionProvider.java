package io.k8j.cli;

import io.k8j.apiserver.http.HttpComponents;
import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[]{"k8j " + Main.class.getPackage().getImplementationVersion()
                + " (Kubernetes v1." + HttpComponents.KUBERNETES_MINOR + " API)"};
    }
}
