package io.blockhouse.it.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class ResourceBoundsTest {

    private static final ResourceBounds BOUNDS = ResourceBounds.defaults();

    /**
     * A run of {@code runSamples} samples, {@code step} logins between samples, where each figure comes from the functions
     * (given the total logins at that sample); the end sample has no sessions.
     */
    private static List<Sample> run(int runSamples, int step, IntFunction<Integer> threads, IntFunction<Integer> fds,
                                    IntFunction<Long> heap) {
        List<Sample> samples = new ArrayList<>();
        samples.add(new Sample(-1, "start", 0, 0, 0, threads.apply(0), 40, 100_000, heap.apply(0)));
        int logins = 64;
        for (int i = 0; i < 3; i++, logins += step) {
            samples.add(new Sample(5 * i, "warmup", 64, logins, 0, threads.apply(logins), fds.apply(logins) + 64,
                    200_000, heap.apply(logins)));
        }
        for (int i = 0; i < runSamples; i++, logins += step) {
            samples.add(new Sample(15 + 5 * i, "run", 63, logins, 0, threads.apply(logins), fds.apply(logins) + 63,
                    200_000, heap.apply(logins)));
        }
        samples.add(new Sample(99, "end", 0, logins, 0, threads.apply(logins), fds.apply(logins), 200_000,
                heap.apply(logins)));
        return samples;
    }

    @Test
    void flatRunPasses() {
        List<Sample> flat = run(10, 20, l -> 30, l -> 40, l -> 80_000L);
        assertEquals(List.of(), BOUNDS.violations(flat));
    }

    @Test
    void oneFileDescriptorPerLoginIsCaught() {
        List<String> problems = BOUNDS.violations(run(10, 20, l -> 30, l -> 40 + l, l -> 80_000L));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("file descriptors grew")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("file descriptors not released")),
                problems::toString);
    }

    @Test
    void oneThreadPerLoginIsCaught() {
        List<String> problems = BOUNDS.violations(run(10, 20, l -> 30 + l, l -> 40, l -> 80_000L));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("threads grew")), problems::toString);
    }

    @Test
    void heapKeptPerSessionIsCaught() {
        // 200 KiB kept per login: about 40 MiB over the run, on an 80 MiB warm-up heap.
        List<String> problems = BOUNDS.violations(run(10, 20, l -> 30, l -> 40, l -> 80_000L + 200L * l));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("heap after GC grew")), problems::toString);
    }

    @Test
    void runTooShortToSeeALeakIsAViolation() {
        List<String> problems = BOUNDS.violations(run(1, 5, l -> 30, l -> 40, l -> 80_000L));
        assertTrue(problems.stream().anyMatch(p -> p.contains("logins after warm-up")), problems::toString);
    }
}
