package io.gpushift.cli;

import io.gpushift.api.translate.EngineInputs;
import io.gpushift.api.translate.FeedLookup;
import io.gpushift.engine.Engine;
import io.gpushift.engine.Plan;
import io.gpushift.engine.Snapshot;
import io.gpushift.engine.model.Node;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gpushift quote}: prices every option on every GPU product of a fleet and plans it from scratch (all GPUs idle),
 * with the very engine the operator runs. Market values must be static here: a feed reference is reported, not fetched.
 */
@Command(name = "quote", mixinStandardHelpOptions = true,
        description = "Ledger (USD per GPU-hour of every option on every GPU product) and plan for a fleet, no cluster needed.")
public final class QuoteCommand implements Callable<Integer> {
    public enum Output { table, json }

    @Option(names = {"-f", "--filename"}, required = true, split = ",",
            description = "YAML files with GPUNodePool, MiningPool, AIWorkload and Fleet documents (repeatable).")
    List<Path> files;

    @Option(names = "--fleet", description = "Fleet file (same format as `gpushift cluster up --fleet`), if not among -f.")
    Path fleet;

    @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table or json (default ${DEFAULT-VALUE}).")
    Output output;

    @Option(names = "--at", description = "Decision time (ISO-8601, e.g. 2026-11-25T18:00:00Z) for time-of-use tariffs; default now.")
    Instant at;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<Path> all = new ArrayList<>(files);
        if (fleet != null) all.add(fleet);
        Manifests m = Manifests.read(all);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (m.fleets().isEmpty()) {
            err.println("quote: no Fleet document: pass one with --fleet FILE or in -f (see localcluster/fleets/default.yaml)");
            return 2;
        }
        Snapshot snapshot = snapshot(m, at == null ? Instant.now() : at, err);
        Plan plan = new Engine().decide(snapshot);
        QuoteReport report = QuoteReport.of(plan);
        if (output == Output.json) out.println(report.toJson());
        else out.print(report.toTable());
        out.flush();
        return plan.findings().stream().anyMatch(f -> f.severity() == io.gpushift.engine.validation.Finding.Severity.ERROR)
                ? 1 : 0;
    }

    static Snapshot snapshot(Manifests m, Instant now, PrintWriter err) {
        EngineInputs inputs = new EngineInputs(FeedLookup.NONE);
        List<Node> nodes = m.idleNodes("quote", err);
        return new Snapshot(now, nodes, m.pools().stream().map(inputs::pool).toList(),
                m.mining().stream().map(p -> inputs.mining(p).option()).toList(),
                m.ai().stream().map(w -> inputs.ai(w).option()).toList());
    }
}
