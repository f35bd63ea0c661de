package io.gpushift.cli;

import io.gpushift.cli.backtest.Backtest;
import io.gpushift.cli.backtest.BacktestChart;
import io.gpushift.cli.backtest.BacktestReport;
import io.gpushift.cli.backtest.MarketSeries;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gpushift backtest}: the operator's engine stepped over a market history on a fleet, against always-mine,
 * always-AI, a naive greedy switcher and the perfect-foresight optimum. See docs/backtest.md.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = "Replay a market history (CSV) on a fleet with the operator's engine and compare policies.")
public final class BacktestCommand implements Callable<Integer> {
    public enum Output { table, json }

    @Option(names = {"-f", "--filename"}, required = true, split = ",",
            description = "YAML files with GPUNodePool, MiningPool, AIWorkload and Fleet documents (repeatable).")
    List<Path> files;

    @Option(names = "--fleet", description = "Fleet file, if not among -f.")
    Path fleet;

    @Option(names = "--market", required = true,
            description = "Market history CSV: 'time' then one column per feed value the manifests reference "
                    + "(<feed>.<field>); see data/README.md.")
    Path market;

    @Option(names = "--step", defaultValue = "1h", description = "Decision interval, e.g. 1h, 30m, 10m (default ${DEFAULT-VALUE}).")
    String step;

    @Option(names = "--from", description = "First step (ISO-8601 instant); default the first row.")
    Instant from;

    @Option(names = "--to", description = "End (exclusive, ISO-8601 instant); default the last row plus the gap before it (at least one step).")
    Instant to;

    @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table or json (default ${DEFAULT-VALUE}).")
    Output output;

    @Option(names = "--chart", description = "Write a chart: FILE.png or FILE.html.")
    Path chart;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Duration dt = duration(step);
            List<Path> all = new ArrayList<>(files);
            if (fleet != null) all.add(fleet);
            Manifests m = Manifests.read(all);
            if (m.fleets().isEmpty()) {
                err.println("backtest: no Fleet document: pass one with --fleet FILE or in -f");
                return 2;
            }
            MarketSeries series = MarketSeries.read(market);
            List<io.gpushift.engine.model.Node> nodes = m.idleNodes("backtest", err);
            Backtest.Result r = new Backtest(new Backtest.Setup(m.pools(), m.mining(), m.ai(), nodes, series), dt, from, to).run();
            BacktestReport report = BacktestReport.of(r, market.toString());
            if (output == Output.json) out.println(report.toJson());
            else out.print(report.toTable());
            out.flush();
            if (chart != null) {
                BacktestChart.write(r, report, chart);
                err.println("backtest: chart written to " + chart);
            }
            out.flush();
            err.flush();
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("backtest: " + e.getMessage());
            err.flush();
            return 2;
        }
    }

    static Duration duration(String text) {
        try {
            Duration d = io.fabric8.kubernetes.api.model.Duration.parse(text).getDuration();
            if (d.isZero() || d.isNegative()) throw new IllegalArgumentException("--step must be positive: " + text);
            return d;
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException("--step: not a duration: " + text + " (e.g. 1h, 30m)");
        }
    }
}
