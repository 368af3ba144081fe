package io.k8j.controllers.deployment;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RollingStepTest {
    /** "replicas/available" per ReplicaSet: new first, then olds oldest first; expected "name=size" changes. */
    @ParameterizedTest(name = "{0} replicas, surge {1}, unavailable {2}: new {3}, olds {4} -> {5}")
    @CsvSource(delimiter = '|', value = {
            "3 | 1 | 0 | 0/0 | 3/3     | new=1",            // first step: surge one new pod
            "3 | 1 | 0 | 1/0 | 3/3     | ''",               // new pod not available yet: nothing may go
            "3 | 1 | 0 | 1/1 | 3/3     | old0=2",           // new pod available: one old goes
            "3 | 1 | 0 | 1/1 | 2/2     | new=2",            // then the new grows again
            "3 | 1 | 0 | 3/3 | 1/1     | old0=0",
            "3 | 1 | 0 | 3/3 | 0/0     | ''",               // done
            "4 | 1 | 1 | 0/0 | 4/4     | new=1",
            "4 | 1 | 1 | 1/0 | 4/4     | old0=3",           // one may be unavailable
            "4 | 1 | 1 | 1/1 | 4/2     | old0=2",           // unhealthy old pods go first, costing no availability
            "4 | 1 | 1 | 0/0 | 2/2;3/3 | old0=0",           // at max surge; the oldest set shrinks first
            "5 | 2 | 1 | 3/3 | 0/0     | new=5",            // a scale-up of a settled deployment
            "3 | 1 | 0 | 5/5 | 0/0     | new=3"})           // and a scale-down
    void step(int desired, int surge, int unavailable, String newRs, String olds, String expected) {
        List<RollingStep.Size> oldSizes = new ArrayList<>();
        String[] parts = olds.split(";");
        for (int i = 0; i < parts.length; i++) {
            oldSizes.add(size("old" + i, parts[i]));
        }
        Map<String, Integer> want = new LinkedHashMap<>();
        for (String e : expected.isBlank() ? new String[0] : expected.split(";")) {
            String[] kv = e.split("=");
            want.put(kv[0], Integer.parseInt(kv[1]));
        }
        Map<String, Integer> plan = RollingStep.plan(desired, new Fenceposts(surge, unavailable), size("new", newRs), oldSizes);
        assertThat(plan).isEqualTo(want);
    }

    private static RollingStep.Size size(String name, String spec) {
        String[] p = spec.trim().split("/");
        return new RollingStep.Size(name, Integer.parseInt(p[0]), Integer.parseInt(p[1]));
    }
}
