package io.k8j.api.quota;

import io.fabric8.kubernetes.api.model.Quantity;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;

/**
 * Quantities as quota usage shows them: in canonical form, binary suffixes when the hard limit is written
 * with one and the amount is a whole multiple (128Mi), decimal ones otherwise (500m, 2, 3k), as
 * kube-apiserver prints a sum.
 */
public final class QuotaQuantities {
    private static final List<String> BINARY = List.of("Ki", "Mi", "Gi", "Ti", "Pi", "Ei");
    private static final List<String> DECIMAL = List.of("n", "u", "m", "", "k", "M", "G", "T", "P", "E");
    private static final BigInteger THOUSAND = BigInteger.valueOf(1000);
    private static final BigInteger KIBI = BigInteger.valueOf(1024);

    private QuotaQuantities() {
    }

    public static BigDecimal amount(Quantity q) {
        return q == null ? BigDecimal.ZERO : Quantity.getAmountInBytes(q);
    }

    /** {@code value} formatted after the fashion of {@code like} (the hard limit). */
    public static String format(BigDecimal value, Quantity like) {
        if (value.signum() == 0) {
            return "0";
        }
        String format = like == null || like.getFormat() == null ? "" : like.getFormat();
        if (format.endsWith("i") && value.stripTrailingZeros().scale() <= 0) {
            BigInteger whole = value.toBigIntegerExact();
            String suffix = "";
            for (int i = 0; i < BINARY.size() && whole.mod(KIBI).signum() == 0 && whole.signum() != 0; i++) {
                whole = whole.divide(KIBI);
                suffix = BINARY.get(i);
            }
            if (!suffix.isEmpty()) {
                return whole + suffix;
            }
        }
        BigInteger nanos = value.movePointRight(9).setScale(0, RoundingMode.CEILING).toBigIntegerExact();
        int unit = 0;
        while (unit < DECIMAL.size() - 1 && nanos.mod(THOUSAND).signum() == 0) {
            nanos = nanos.divide(THOUSAND);
            unit++;
        }
        return nanos + DECIMAL.get(unit);
    }
}
