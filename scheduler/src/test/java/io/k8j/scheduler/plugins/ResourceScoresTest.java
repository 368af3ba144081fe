package io.k8j.scheduler.plugins;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ResourceScoresTest {
    @ParameterizedTest
    @CsvSource({
            "0,4000,0,8000, 100",
            "1000,4000,2000,8000, 75",
            "4000,4000,8000,8000, 0",
            "5000,4000,0,8000, 50",
            "2000,4000,0,0, 25"})
    void leastAllocated(long cpu, long cpuCap, long mem, long memCap, long score) {
        assertThat(NodeResourcesLeastAllocated.score(cpu, cpuCap, mem, memCap)).isEqualTo(score);
    }

    @ParameterizedTest
    @CsvSource({
            "1000,4000,2000,8000, 100",
            "4000,4000,0,8000, 50",
            "2000,4000,0,8000, 75"})
    void balancedAllocation(long cpu, long cpuCap, long mem, long memCap, long score) {
        assertThat(NodeResourcesBalancedAllocation.score(cpu, cpuCap, mem, memCap)).isEqualTo(score);
    }

    @ParameterizedTest
    @CsvSource({"false, 0;5;10, 0;50;100", "true, 0;5;10, 100;50;0", "true, 0;0, 100;100", "false, 0;0, 0;0"})
    void defaultNormalize(boolean reverse, String raw, String normalized) {
        long[] scores = java.util.Arrays.stream(raw.split(";")).mapToLong(Long::parseLong).toArray();
        Scores.normalize(scores, reverse);
        assertThat(scores).containsExactly(java.util.Arrays.stream(normalized.split(";")).mapToLong(Long::parseLong).toArray());
    }
}
