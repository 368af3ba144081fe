package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Quantity;
import io.k8j.api.FieldError;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/** resource.Quantity values ("100m", "1Gi", 2) as numbers, for comparisons such as requests <= limits. */
final class Quantities {
    // kube's quantity grammar: a signed decimal, then a binary or decimal SI suffix or an exponent.
    private static final Pattern FORMAT = Pattern.compile(
            "[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?");

    private Quantities() {
    }

    /** The value of a quantity node, or null when it is not a valid quantity. */
    static BigDecimal parse(JsonNode node) {
        if (node == null || !(node.isTextual() || node.isNumber())) {
            return null;
        }
        String s = node.asText().trim();
        if (!FORMAT.matcher(s).matches()) {
            return null;
        }
        try {
            return new Quantity(s).getNumericalAmount();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Each value of a resource list (e.g. limits) must parse and may not be negative. */
    static void validateList(List<FieldError> errs, JsonNode list, String path) {
        if (list == null) {
            return;
        }
        list.properties().forEach(en -> {
            BigDecimal v = parse(en.getValue());
            String p = path + "[" + en.getKey() + "]";
            if (v == null) {
                errs.add(FieldError.invalid(p, en.getValue(), INVALID));
            } else if (v.signum() < 0) {
                errs.add(FieldError.invalid(p, en.getValue(), "must be greater than or equal to 0"));
            }
        });
    }

    /** What kube says when a quantity does not parse. */
    static final String INVALID =
            "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
}
