package io.gpushift.engine.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpushift.engine.Engine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The LP library must not write to stdout: the CLI's results (quote --output json, backtest) are printed there. */
class QuietLpTest {

    /** Run in a fresh JVM, where ojAlgo is loaded for the first time (its notice comes only then). */
    public static void main(String[] args) {
        var plan = new Engine().decide(RandomFleet.large(1, 1_000, 10, 200));
        System.out.print("decided " + plan.nodes().size());
    }

    @Test
    void aDecisionThatSolvesTheLpPrintsNothing() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                QuietLpTest.class.getName()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(out).matches("decided \\d+");
    }
}
