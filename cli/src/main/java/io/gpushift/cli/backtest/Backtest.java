package io.gpushift.cli.backtest;

import io.gpushift.api.translate.EngineInputs;
import io.gpushift.api.translate.FeedLookup;
import io.gpushift.api.v1alpha1.AIWorkload;
import io.gpushift.api.v1alpha1.GPUNodePool;
import io.gpushift.api.v1alpha1.MiningPool;
import io.gpushift.engine.Engine;
import io.gpushift.engine.Plan;
import io.gpushift.engine.Snapshot;
import io.gpushift.engine.economics.Ledger;
import io.gpushift.engine.economics.LedgerEntry;
import io.gpushift.engine.model.AiOption;
import io.gpushift.engine.model.Assignment;
import io.gpushift.engine.model.DisruptionBudget;
import io.gpushift.engine.model.Hysteresis;
import io.gpushift.engine.model.MiningOption;
import io.gpushift.engine.model.Node;
import io.gpushift.engine.model.NodePool;
import io.gpushift.engine.validation.Validator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Replays a market history on a fleet: the operator's engine stepped over time, plus the reference policies.
 *
 * <p>Cost model, the same for every policy: a step of length Δ starting at t uses the market row in force at t and
 * the tariff at t. A GPU on option o earns {@code revenue(o) × Δh} and pays {@code power(o) × Δh} (idle GPUs pay their
 * idle watts), both per the engine's {@link Ledger} at t. A GPU that leaves option o at t costs o's switch-out cost
 * (AI: lost work and checkpoint time), a GPU that starts option o at t costs o's switch-in cost (warm-up / model load),
 * both as lost revenue from the same ledger. Every policy starts with every GPU idle.
 */
public final class Backtest {
    public static final String IDLE = LedgerEntry.IDLE;
    private static final boolean DEBUG = Boolean.getBoolean("gpushift.backtest.debug");

    /** The world a backtest replays: resources as applied, the fleet's idle nodes in their pools, the market history. */
    public record Setup(List<GPUNodePool> pools, List<MiningPool> mining, List<AIWorkload> ai, List<Node> nodes,
                        MarketSeries market) {
    }

    /** Totals of one policy over the history; profit = revenue − switchCost − power. */
    public record PolicyResult(String name, double revenueUsd, double powerUsd, double switchCostUsd, double profitUsd,
                               long gpuSwitches, double[] cumulativeProfitUsd, int[][] gpusPerOption) {
    }

    /**
     * @param options      option ids, index 0 = idle (the columns of {@code gpusPerOption})
     * @param stepTimes    start of every step
     * @param hindsightExact the hindsight figure is the exact optimum (no fleet-wide cap binds); otherwise it is the
     *                       Lagrangian upper bound, still ≥ every policy
     */
    public record Result(List<String> options, Instant[] stepTimes, Duration step, List<PolicyResult> policies,
                         boolean hindsightExact, int gpus, int nodes, int engineDecisions) {
        public PolicyResult policy(String name) {
            return policies.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
        }
    }

    /** Translated resources for one market row. */
    private record Market(List<NodePool> pools, List<MiningOption> mining, List<AiOption> ai) {
    }

    private final Setup setup;
    private final Duration step;
    private final double hours;
    private final Instant[] times;
    private final List<String> options = new ArrayList<>();
    private final Map<String, Integer> optionIndex = new HashMap<>();
    private final List<String> classes = new ArrayList<>();
    private final int[] nodeClass;
    private final int[] classGpus;
    private final boolean timeOfUse;
    private final Map<Integer, Market> markets = new ConcurrentHashMap<>();
    /** Per step, class, option: USD per GPU-hour (revenue, power), USD per GPU (switch in, out); NaN = no line. */
    private final double[][][] rev, pow, swIn, swOut;
    /** Per step, class, option: the option may run there (engine-eligible); and ignoring the loss rule. */
    private final boolean[][][] eligible, possible;
    private boolean skipUnchanged = true;

    public Backtest(Setup setup, Duration step, Instant from, Instant to) throws MarketSeries.BadSeries {
        this.setup = setup;
        this.step = step;
        this.hours = step.toSeconds() / 3600.0;
        if (step.isZero() || step.isNegative()) throw new IllegalArgumentException("step must be positive: " + step);
        Instant start = from == null ? setup.market().first() : from;
        Instant end = to;
        if (end == null) { // the last row lasts as long as the gap before it (a daily series ends a day later)
            MarketSeries m = setup.market();
            Duration gap = m.size() > 1 ? Duration.between(m.time(m.size() - 2), m.last()) : step;
            end = m.last().plus(gap.compareTo(step) > 0 ? gap : step);
        }
        List<Instant> ts = new ArrayList<>();
        for (Instant t = start; t.isBefore(end); t = t.plus(step)) ts.add(t);
        if (ts.isEmpty()) throw new IllegalArgumentException("no step between " + start + " and " + end);
        this.times = ts.toArray(Instant[]::new);
        checkColumns();

        Market m0 = market(0);
        options.add(IDLE);
        m0.mining().stream().map(MiningOption::id).sorted().forEach(options::add);
        m0.ai().stream().map(AiOption::id).sorted().forEach(options::add);
        for (int i = 0; i < options.size(); i++) optionIndex.put(options.get(i), i);
        timeOfUse = m0.pools().stream().anyMatch(p -> !p.tariff().windows().isEmpty());

        Map<String, Integer> classIndex = new LinkedHashMap<>();
        nodeClass = new int[setup.nodes().size()];
        List<Node> reps = new ArrayList<>();
        for (int n = 0; n < setup.nodes().size(); n++) {
            Node fn = setup.nodes().get(n);
            String key = fn.pool() + "|" + fn.gpuProduct() + "|" + fn.gpuMemoryMiB();
            Integer k = classIndex.get(key);
            if (k == null) {
                k = classIndex.size();
                classIndex.put(key, k);
                classes.add(key);
                reps.add(fn);
            }
            nodeClass[n] = k;
        }
        classGpus = new int[classes.size()];
        for (int n = 0; n < nodeClass.length; n++) classGpus[nodeClass[n]] += setup.nodes().get(n).gpuCount();

        int S = times.length, K = classes.size(), O = options.size();
        rev = new double[S][][];
        pow = new double[S][][];
        swIn = new double[S][][];
        swOut = new double[S][][];
        eligible = new boolean[S][][];
        possible = new boolean[S][][];
        int lastRow = -1;
        for (int s = 0; s < S; s++) {
            int row = setup.market().rowAt(times[s]);
            if (row == lastRow && !timeOfUse) { // same prices: share the arrays
                rev[s] = rev[s - 1];
                pow[s] = pow[s - 1];
                swIn[s] = swIn[s - 1];
                swOut[s] = swOut[s - 1];
                eligible[s] = eligible[s - 1];
                possible[s] = possible[s - 1];
                continue;
            }
            lastRow = row;
            Market m = market(row);
            List<Node> repNodes = new ArrayList<>();
            for (int k = 0; k < K; k++) {
                Node r = reps.get(k);
                repNodes.add(Node.of("class-" + k, r.pool(), r.gpuProduct(), r.gpuMemoryMiB(), 1));
            }
            Snapshot snap = new Snapshot(times[s], repNodes, m.pools(), m.mining(), m.ai());
            Ledger ledger = Ledger.at(snap, Validator.validate(snap), times[s]);
            rev[s] = new double[K][O];
            pow[s] = new double[K][O];
            swIn[s] = new double[K][O];
            swOut[s] = new double[K][O];
            eligible[s] = new boolean[K][O];
            possible[s] = new boolean[K][O];
            for (int k = 0; k < K; k++) {
                Node r = reps.get(k);
                for (int o = 0; o < O; o++) {
                    LedgerEntry e = ledger.get(r.pool(), r.gpuProduct(), options.get(o));
                    if (e == null) {
                        rev[s][k][o] = Double.NaN;
                        continue;
                    }
                    rev[s][k][o] = e.revenueUsdPerGpuHour();
                    pow[s][k][o] = e.powerUsdPerGpuHour();
                    swIn[s][k][o] = e.switchInUsd();
                    swOut[s][k][o] = e.switchOutUsd();
                    eligible[s][k][o] = e.eligible();
                    possible[s][k][o] = e.eligible() || e.note() != null && e.note().startsWith("mines at a loss");
                }
                if (Double.isNaN(rev[s][k][0])) { // pool invalid: account idle at its idle watts anyway
                    rev[s][k][0] = 0;
                    possible[s][k][0] = eligible[s][k][0] = true;
                }
            }
        }
    }

    /** Turn off the skip of decisions that cannot differ from the previous one (for tests; results are equal). */
    public Backtest skipUnchanged(boolean on) {
        this.skipUnchanged = on;
        return this;
    }

    private void checkColumns() throws MarketSeries.BadSeries {
        Set<String> missing = new TreeSet<>();
        FeedLookup recorder = ref -> {
            if (!setup.market().has(MarketSeries.column(ref))) missing.add(MarketSeries.column(ref));
            return FeedLookup.Resolution.fresh(io.gpushift.engine.model.MarketValue.of(1));
        };
        EngineInputs in = new EngineInputs(recorder);
        setup.pools().forEach(in::pool);
        setup.mining().forEach(in::mining);
        setup.ai().forEach(in::ai);
        if (!missing.isEmpty()) {
            throw new MarketSeries.BadSeries(setup.market().source() + ": missing column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing.stream().map(c -> "'" + c + "'").toList())
                    + " (the manifests read these feeds; columns present: " + setup.market().columns() + ")");
        }
    }

    private Market market(int row) {
        return markets.computeIfAbsent(row, r -> {
            EngineInputs in = new EngineInputs(setup.market().lookup(r));
            return new Market(setup.pools().stream().map(in::pool).toList(),
                    setup.mining().stream().map(p -> in.mining(p).option()).toList(),
                    setup.ai().stream().map(w -> in.ai(w).option()).toList());
        });
    }

    public Result run() {
        long t0 = System.nanoTime();
        // Sequential on purpose: two engine threads were slower on this 2-core machine (allocation-heavy planner).
        EngineRun gs = runEngine("gpushift", UnaryOperator.identity());
        EngineRun ng = runEngine("naive-greedy", p -> new NodePool(p.name(), p.tariff(), p.pue(), p.idleWatts(), step,
                Hysteresis.NONE, Duration.ZERO, DisruptionBudget.UNLIMITED, p.mode(), p.allowLoss()));
        if (DEBUG) System.err.printf("engine policies %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        List<PolicyResult> out = new ArrayList<>();
        out.add(gs.result());
        out.add(runStatic("always-mine", staticMine()));
        out.add(runStatic("always-ai", staticAi()));
        out.add(ng.result());
        double feasible = out.stream().mapToDouble(PolicyResult::profitUsd).max().orElse(0);
        Hindsight.Solution h = new Hindsight(rev, pow, swIn, swOut, possible, classGpus, caps(), hours).solve(feasible);
        out.add(new PolicyResult("hindsight", h.revenueUsd(), h.powerUsd(), h.switchCostUsd(), h.profitUsd(),
                h.gpuSwitches(), h.cumulativeProfitUsd(), h.gpusPerOption()));
        if (DEBUG) System.err.printf("all %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        return new Result(List.copyOf(options), times, step, out, h.exact(), Arrays.stream(classGpus).sum(),
                setup.nodes().size(), gs.decisions() + ng.decisions());
    }

    private record EngineRun(PolicyResult result, int decisions) {
    }

    /** Fleet-wide GPU caps per option (mining maxGpus, AI maxReplicas × gpusPerReplica); MAX_VALUE = none. */
    private int[] caps() {
        Market m = market(0);
        int[] caps = new int[options.size()];
        Arrays.fill(caps, Integer.MAX_VALUE);
        for (MiningOption o : m.mining()) if (o.maxGpus() != null) caps[optionIndex.get(o.id())] = o.maxGpus();
        for (AiOption a : m.ai()) caps[optionIndex.get(a.id())] = a.maxReplicas() * a.gpusPerReplica();
        return caps;
    }

    // ------------------------------------------------------------------ engine policies

    private EngineRun runEngine(String name, UnaryOperator<NodePool> tweak) {
        int decisions = 0;
        Engine engine = new Engine(Clock.fixed(times[0], ZoneOffset.UTC));
        List<Node> fleet = setup.nodes();
        int N = fleet.size(), S = times.length, O = options.size(), K = classes.size();
        Node[] nodes = new Node[N];
        int[][] use = new int[N][O]; // GPUs per option per node, idle included
        for (int n = 0; n < N; n++) {
            nodes[n] = fleet.get(n);
            use[n][0] = nodes[n].gpuCount();
        }
        Map<String, Integer> nodeIndex = new HashMap<>();
        for (int n = 0; n < N; n++) nodeIndex.put(fleet.get(n).name(), n);
        int[][] classUse = new int[K][O];
        for (int k = 0; k < K; k++) classUse[k][0] = classGpus[k];
        Acc acc = new Acc(S, O);
        Map<String, Duration> dwell = new HashMap<>();
        int lastRow = -1;
        boolean lastQuiet = false;
        Instant dwellEnd = Instant.MIN; // latest end of a minimum dwell among current assignments
        Instant lastDecision = Instant.MIN;
        for (int s = 0; s < S; s++) {
            Instant t = times[s];
            int row = setup.market().rowAt(t);
            Market m = market(row);
            List<NodePool> pools = m.pools().stream().map(tweak).toList();
            boolean skip = skipUnchanged && lastQuiet && row == lastRow && !timeOfUse && !dwellEnd.isAfter(lastDecision);
            if (!skip) {
                decisions++;
                for (NodePool p : pools) dwell.put(p.name(), p.minDwell());
                Plan plan = engine.decide(new Snapshot(t, Arrays.asList(nodes), pools, m.mining(), m.ai()));
                boolean changed = false;
                for (Plan.NodePlan np : plan.nodes()) {
                    Integer n = nodeIndex.get(np.node());
                    if (n == null) continue;
                    int[] next = new int[O];
                    int assigned = 0;
                    for (var e : np.gpus().entrySet()) {
                        Integer o = optionIndex.get(e.getKey());
                        if (o == null || o == 0) continue;
                        next[o] = e.getValue();
                        assigned += e.getValue();
                    }
                    next[0] = fleet.get(n).gpuCount() - assigned;
                    if (Arrays.equals(next, use[n])) continue;
                    changed = true;
                    int k = nodeClass[n];
                    List<Assignment> as = new ArrayList<>();
                    for (int o = 0; o < O; o++) {
                        int d = next[o] - use[n][o];
                        if (d < 0) {
                            acc.switchCost += -d * swOut[s][k][o];
                            acc.switches += -d;
                        } else if (d > 0) {
                            acc.switchCost += d * swIn[s][k][o];
                        }
                        classUse[k][o] += d;
                        if (o > 0 && next[o] > 0) {
                            Instant since = d == 0 ? sinceOf(nodes[n], options.get(o), t) : t;
                            as.add(new Assignment(options.get(o), next[o], since));
                        }
                    }
                    use[n] = next;
                    Node old = nodes[n];
                    nodes[n] = new Node(old.name(), old.pool(), old.gpuProduct(), old.gpuMemoryMiB(), old.gpuCount(),
                            old.schedulable(), as, old.pin(), old.excluded(), old.protectedGpus());
                }
                lastQuiet = !changed;
                lastRow = row;
                lastDecision = t;
                if (changed) dwellEnd = dwellEnd(nodes, dwell);
            }
            acc.accrue(s, classUse);
        }
        return new EngineRun(acc.result(name), decisions);
    }

    private static Instant sinceOf(Node n, String option, Instant fallback) {
        for (Assignment a : n.assignments()) if (a.optionId().equals(option)) return a.since();
        return fallback;
    }

    private static Instant dwellEnd(Node[] nodes, Map<String, Duration> dwell) {
        Instant end = Instant.MIN;
        for (Node n : nodes) {
            Duration d = dwell.getOrDefault(n.pool(), Duration.ZERO);
            for (Assignment a : n.assignments()) {
                Instant e = a.since().plus(d);
                if (e.isAfter(end)) end = e;
            }
        }
        return end;
    }

    // ------------------------------------------------------------------ static policies

    /**
     * always-mine: at the first step every GPU starts the mining option that is most profitable for its class then
     * (the loss rule is ignored: it always mines), within the option's maxGpus; GPUs with no mining profile stay idle.
     */
    private int[][] staticMine() {
        int K = classes.size(), O = options.size();
        int[] left = caps();
        int[][] alloc = new int[K][O];
        for (int k = 0; k < K; k++) alloc[k][0] = classGpus[k];
        Integer[] order = classOrder();
        for (int k : order) {
            while (alloc[k][0] > 0) {
                int best = -1;
                for (int o = 1; o < O; o++) {
                    if (!isMining(o) || !possible[0][k][o] || left[o] <= 0) continue;
                    if (best < 0 || profit(0, k, o) > profit(0, k, best)) best = o;
                }
                if (best < 0) break;
                int g = Math.min(alloc[k][0], left[best]);
                alloc[k][0] -= g;
                alloc[k][best] += g;
                left[best] -= g;
            }
        }
        return alloc;
    }

    /**
     * always-ai: at the first step every AI workload gets its full demand (maxReplicas), whole replicas on one node,
     * workloads by priority then id, nodes by the workload's profit there (best first); the rest stays idle.
     */
    private int[][] staticAi() {
        Market m = market(0);
        int K = classes.size(), O = options.size();
        int[] free = setup.nodes().stream().mapToInt(Node::gpuCount).toArray();
        int[][] alloc = new int[K][O];
        for (int k = 0; k < K; k++) alloc[k][0] = classGpus[k];
        List<AiOption> ais = m.ai().stream()
                .sorted(Comparator.comparingInt(AiOption::priority).reversed().thenComparing(AiOption::id)).toList();
        for (AiOption a : ais) {
            int o = optionIndex.get(a.id());
            int want = a.maxReplicas();
            Integer[] nodes = new Integer[free.length];
            for (int n = 0; n < nodes.length; n++) nodes[n] = n;
            Arrays.sort(nodes, Comparator.comparingDouble((Integer n) -> -profit(0, nodeClass[n], o))
                    .thenComparingInt(n -> n));
            for (int n : nodes) {
                int k = nodeClass[n];
                if (!eligible[0][k][o] || Double.isNaN(rev[0][k][o])) continue;
                if (setup.nodes().get(n).gpuMemoryMiB() < a.minGpuMemoryMiB()) continue;
                while (want > 0 && free[n] >= a.gpusPerReplica()) {
                    free[n] -= a.gpusPerReplica();
                    alloc[k][0] -= a.gpusPerReplica();
                    alloc[k][o] += a.gpusPerReplica();
                    want--;
                }
            }
        }
        return alloc;
    }

    private Integer[] classOrder() {
        Integer[] order = new Integer[classes.size()];
        for (int k = 0; k < order.length; k++) order[k] = k;
        return order;
    }

    private boolean isMining(int o) {
        String id = options.get(o);
        return market(0).mining().stream().anyMatch(m -> m.id().equals(id));
    }

    private double profit(int s, int k, int o) {
        return Double.isNaN(rev[s][k][o]) ? Double.NEGATIVE_INFINITY : rev[s][k][o] - pow[s][k][o];
    }

    private PolicyResult runStatic(String name, int[][] alloc) {
        int S = times.length, K = classes.size(), O = options.size();
        Acc acc = new Acc(S, O);
        for (int k = 0; k < K; k++) {
            for (int o = 1; o < O; o++) {
                acc.switchCost += alloc[k][o] * swIn[0][k][o];
                acc.switches += alloc[k][o];
            }
        }
        for (int s = 0; s < S; s++) acc.accrue(s, alloc);
        return acc.result(name);
    }

    /** Running totals of one policy. */
    private final class Acc {
        double revenue, power, switchCost;
        long switches;
        final double[] cumulative;
        final int[][] perOption;

        Acc(int steps, int options) {
            cumulative = new double[steps];
            perOption = new int[steps][options];
        }

        void accrue(int s, int[][] classUse) {
            double[][] r = rev[s], p = pow[s];
            for (int k = 0; k < classUse.length; k++) {
                for (int o = 0; o < classUse[k].length; o++) {
                    int g = classUse[k][o];
                    if (g == 0) continue;
                    perOption[s][o] += g;
                    if (Double.isNaN(r[k][o])) { // no ledger line (invalid data): earns nothing, draws idle power
                        power += g * p[k][0] * hours;
                        continue;
                    }
                    revenue += g * r[k][o] * hours;
                    power += g * p[k][o] * hours;
                }
            }
            cumulative[s] = revenue - switchCost - power;
        }

        PolicyResult result(String name) {
            return new PolicyResult(name, revenue, power, switchCost, revenue - switchCost - power, switches,
                    cumulative, perOption);
        }
    }

    List<String> classes() {
        return classes;
    }
}
