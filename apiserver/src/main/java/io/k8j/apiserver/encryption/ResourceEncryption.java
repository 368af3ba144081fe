package io.k8j.apiserver.encryption;

import io.k8j.storage.transform.ValueTransformer;

import java.util.ArrayList;
import java.util.List;

/**
 * An {@link EncryptionConfig} applied to storage keys ({@code /registry/GROUP/RESOURCE/...}, GROUP "core" for the
 * core group): the first rule naming a key's resource decides, as in kube; keys of resources no rule names are
 * stored as they are.
 */
final class ResourceEncryption implements ValueTransformer {
    private record Rule(List<String> resources, ProviderChain chain) {
    }

    private final List<Rule> rules;

    private ResourceEncryption(List<Rule> rules) {
        this.rules = rules;
    }

    /** Throws IllegalArgumentException for a rule whose providers cannot be used. */
    static ResourceEncryption of(EncryptionConfig config) {
        List<Rule> rules = new ArrayList<>();
        for (EncryptionConfig.Rule r : config.rules()) {
            rules.add(new Rule(r.resources(), ProviderChain.of(r.providers())));
        }
        return new ResourceEncryption(rules);
    }

    @Override
    public byte[] toStorage(String key, byte[] value) {
        ProviderChain chain = chain(key);
        return chain == null ? value : chain.seal(key, value);
    }

    @Override
    public Read fromStorage(String key, byte[] stored) {
        ProviderChain chain = chain(key);
        return chain == null ? new Read(stored, "") : chain.open(key, stored);
    }

    @Override
    public String writePrefix(String key) {
        ProviderChain chain = chain(key);
        return chain == null ? "" : chain.writePrefix();
    }

    private ProviderChain chain(String key) {
        String[] parts = key.split("/", 5);
        if (parts.length < 4 || !parts[1].equals("registry")) {
            return null;
        }
        String group = parts[2].equals("core") ? "" : parts[2];
        String resource = parts[3];
        for (Rule rule : rules) {
            for (String name : rule.resources()) {
                if (matches(name, group, resource)) {
                    return rule.chain();
                }
            }
        }
        return null;
    }

    /** kube's forms: "secrets", "deployments.apps", "*.apps", "*." for the core group, "*.*" for all. */
    static boolean matches(String name, String group, String resource) {
        int dot = name.indexOf('.');
        String nameResource = dot < 0 ? name : name.substring(0, dot);
        String nameGroup = dot < 0 ? "" : name.substring(dot + 1);
        return (nameResource.equals("*") || nameResource.equals(resource))
                && (nameGroup.equals("*") || nameGroup.equals(group));
    }
}
