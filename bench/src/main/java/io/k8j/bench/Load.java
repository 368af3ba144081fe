package io.k8j.bench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A closed-loop load generator: {@code concurrency} workers (virtual threads) take the next operation
 * index until {@code count} are done, so at most {@code concurrency} requests are in flight, as with a
 * fixed pool of busy clients. Each operation's latency is recorded at its index, and the CPU the client
 * and the servers used over the phase is read before and after.
 */
final class Load {
    /** One operation; throwing counts it as an error. */
    @FunctionalInterface
    interface Op {
        void run(int index) throws Exception;
    }

    /** Errors are printed up to this many per phase, so a failing run says why without flooding. */
    private static final int ERRORS_SHOWN = 5;

    private final String target;
    private final CpuMeter cpu;

    Load(String target, CpuMeter cpu) {
        this.target = target;
        this.cpu = cpu;
    }

    /** Runs unmeasured operations to warm both sides up; a failure here ends the benchmark. */
    void warmUp(String phase, int count, int concurrency, Op op) {
        PhaseResult r = run("warmup " + phase, count, concurrency, op);
        if (r.errors() > 0) {
            throw new IllegalStateException("warmup " + phase + ": " + r.errors() + " of " + count + " operations failed");
        }
    }

    PhaseResult run(String phase, int count, int concurrency, Op op) {
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        CpuMeter.Reading cpuBefore = cpu.read();
        long start = System.nanoTime();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < concurrency; w++) {
                workers.execute(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        try {
                            op.run(i);
                        } catch (Exception e) {
                            if (errors.incrementAndGet() <= ERRORS_SHOWN) {
                                System.err.printf("%s %s #%d failed: %s%n", target, phase, i, e);
                            }
                        }
                        latencies[i] = System.nanoTime() - t0;
                    }
                });
            }
        }
        long elapsed = System.nanoTime() - start;
        CpuMeter.Reading cpuAfter = cpu.read();
        long serverCpu = cpuBefore.serverNanos() < 0 || cpuAfter.serverNanos() < 0 ? -1
                : cpuAfter.serverNanos() - cpuBefore.serverNanos();
        return PhaseResult.of(target, phase, errors.get(), elapsed, latencies,
                cpuAfter.clientNanos() - cpuBefore.clientNanos(), serverCpu);
    }
}
