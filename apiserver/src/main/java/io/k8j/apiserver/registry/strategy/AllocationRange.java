package io.k8j.apiserver.registry.strategy;

import java.util.BitSet;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

/**
 * A range of {@code size} slots (offsets 0..size-1), some taken. Dynamic picks prefer the upper part of the
 * range and fall back to the lower "static band" only when it is full, so that values users choose by hand
 * (like 10.43.0.10 for DNS) rarely collide with generated ones (kube's KEP-3070/3668 split). Not thread-safe:
 * {@link ServiceAllocator} guards it.
 */
final class AllocationRange {
    private final int size;
    private final int staticBand;
    private final int firstDynamic;
    private final BitSet taken;

    /**
     * @param staticBand   how many low offsets dynamic picks avoid until the rest is full
     * @param firstDynamic offsets below this are never picked dynamically, only taken explicitly
     */
    AllocationRange(int size, int staticBand, int firstDynamic) {
        this.size = size;
        this.staticBand = Math.min(Math.max(staticBand, firstDynamic), size);
        this.firstDynamic = firstDynamic;
        this.taken = new BitSet(size);
    }

    /** kube's band size: a sixteenth (IPs) or a thirty-second (ports) of the range, within [16, cap]. */
    static int band(int size, int divisor, int cap) {
        return Math.min(Math.max(16, size / divisor), cap);
    }

    boolean contains(int offset) {
        return offset >= 0 && offset < size;
    }

    boolean isTaken(int offset) {
        return taken.get(offset);
    }

    /** Takes a specific offset; false when it is taken already. */
    boolean take(int offset) {
        if (taken.get(offset)) {
            return false;
        }
        taken.set(offset);
        return true;
    }

    /** Takes a free offset, starting from a random point within the preferred band. */
    OptionalInt takeNext(RandomGenerator random) {
        OptionalInt found = scan(staticBand, size, random);
        if (found.isEmpty()) {
            found = scan(firstDynamic, staticBand, random);
        }
        found.ifPresent(taken::set);
        return found;
    }

    void release(int offset) {
        if (contains(offset)) {
            taken.clear(offset);
        }
    }

    void clear() {
        taken.clear();
    }

    private OptionalInt scan(int from, int to, RandomGenerator random) {
        int span = to - from;
        if (span <= 0) {
            return OptionalInt.empty();
        }
        int start = from + random.nextInt(span);
        int free = taken.nextClearBit(start);
        if (free >= to) {
            free = taken.nextClearBit(from);
        }
        return free < to ? OptionalInt.of(free) : OptionalInt.empty();
    }
}
