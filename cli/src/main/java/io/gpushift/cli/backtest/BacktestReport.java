package io.gpushift.cli.backtest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code backtest} prints. The JSON field names are a documented interface (docs/backtest.md): keep them stable.
 *
 * @param market          the CSV replayed
 * @param from            first step (ISO-8601)
 * @param to              end of the last step (exclusive)
 * @param step            step length (ISO-8601 duration, e.g. PT1H)
 * @param steps           number of steps
 * @param nodes           nodes of the fleet
 * @param gpus            GPUs of the fleet
 * @param engineDecisions engine decisions made (gpushift and naive-greedy together; a step whose inputs equal the
 *                        previous quiet decision's, with no dwell pending, reuses it)
 * @param hindsightExact  the hindsight profit is the exact optimum; false: an upper bound (fleet caps bind)
 * @param policies        one line per policy, in the order gpushift, always-mine, always-ai, naive-greedy, hindsight
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BacktestReport(String market, String from, String to, String step, int steps, int nodes, int gpus,
                             int engineDecisions, boolean hindsightExact, List<Line> policies) {

    /**
     * USD over the whole history. {@code profitUsd = revenueUsd − switchCostUsd − powerUsd}. For a non-exact
     * hindsight only {@code profitUsd} (the bound) is given.
     *
     * @param gpuSwitches       GPUs that changed use (idle counts as a use)
     * @param shareOfHindsight  profitUsd / hindsight profitUsd, when the hindsight profit is positive
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(String policy, Double revenueUsd, Double powerUsd, Double switchCostUsd, double profitUsd,
                       long gpuSwitches, Double shareOfHindsight) {
    }

    public static BacktestReport of(Backtest.Result r, String market) {
        double hind = r.policy("hindsight").profitUsd();
        List<Line> lines = new ArrayList<>();
        for (Backtest.PolicyResult p : r.policies()) {
            lines.add(new Line(p.name(), num(p.revenueUsd()), num(p.powerUsd()), num(p.switchCostUsd()),
                    round(p.profitUsd()), p.gpuSwitches(), hind > 0 ? Math.round(p.profitUsd() / hind * 10000) / 10000.0 : null));
        }
        return new BacktestReport(market, r.stepTimes()[0].toString(),
                r.stepTimes()[r.stepTimes().length - 1].plus(r.step()).toString(), r.step().toString(),
                r.stepTimes().length, r.nodes(), r.gpus(), r.engineDecisions(), r.hindsightExact(), lines);
    }

    private static Double num(double v) {
        return Double.isNaN(v) ? null : round(v);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    public String toJson() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String toTable() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "BACKTEST %s  %s .. %s  step %s  %d steps  %d nodes  %d GPUs%n%n", market,
                from, to, step, steps, nodes, gpus));
        b.append(String.format(Locale.ROOT, "%-14s %14s %14s %12s %14s %10s %9s%n", "POLICY", "REVENUE $", "POWER $",
                "SWITCH $", "PROFIT $", "SWITCHES", "OF BEST"));
        for (Line l : policies) {
            b.append(String.format(Locale.ROOT, "%-14s %14s %14s %12s %14.2f %10d %9s%n", l.policy(), money(l.revenueUsd()),
                    money(l.powerUsd()), money(l.switchCostUsd()), l.profitUsd(), l.gpuSwitches(),
                    l.shareOfHindsight() == null ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * l.shareOfHindsight())));
        }
        b.append(hindsightExact ? "\nhindsight: exact optimum (perfect foresight, no fleet cap binds)\n"
                : "\nhindsight: upper bound (fleet caps bind; Lagrangian bound of the perfect-foresight optimum)\n");
        return b.toString();
    }

    private static String money(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }
}
