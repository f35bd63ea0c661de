package io.gpushift.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gpushift.engine.Plan;
import io.gpushift.engine.economics.LedgerEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code quote} prints. The JSON field names are a documented interface (README, "quote"): keep them stable.
 *
 * @param options  the ledger: one line per GPU product and option (per node pool, since tariffs differ)
 * @param plan     GPUs given to each option, and per node
 * @param findings bad input, each naming the object and the field
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QuoteReport(List<OptionLine> options, PlanView plan, List<String> findings) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OptionLine(String pool, String gpuProduct, String option, String kind, Double coinsPerDay,
                             double revenueUsdPerGpuHour, double powerUsdPerGpuHour, double profitUsdPerGpuHour,
                             boolean eligible, String note) {
    }

    public record PlanView(Map<String, Integer> gpus, Map<String, Map<String, Integer>> nodes,
                           double revenueUsdPerHour, double powerUsdPerHour, double profitUsdPerHour,
                           List<String> explanations) {
    }

    static QuoteReport of(Plan plan) {
        List<OptionLine> lines = new ArrayList<>();
        for (LedgerEntry e : plan.ledger()) {
            lines.add(new OptionLine(e.pool(), e.gpuProduct(), e.option(), e.kind().name().toLowerCase(Locale.ROOT),
                    Double.isNaN(e.coinsPerDay()) ? null : round(e.coinsPerDay(), 6), round(e.revenueUsdPerGpuHour(), 4),
                    round(e.powerUsdPerGpuHour(), 4), round(e.profitUsdPerGpuHour(), 4), e.eligible(),
                    e.note() == null || e.note().isEmpty() ? null : e.note()));
        }
        Map<String, Integer> gpus = new TreeMap<>();
        plan.placements().forEach(p -> gpus.put(p.option(), p.gpus()));
        Map<String, Map<String, Integer>> nodes = new TreeMap<>();
        plan.nodes().forEach(n -> nodes.put(n.node(), new TreeMap<>(n.gpus())));
        List<String> why = new ArrayList<>();
        plan.changes().forEach(c -> why.add(c.message()));
        plan.held().forEach(h -> why.add(h.message()));
        plan.unmet().forEach(u -> why.add(u.option() + ": " + u.reason()));
        var s = plan.summary();
        return new QuoteReport(lines, new PlanView(gpus, nodes, round(s.revenueUsdPerHour(), 2),
                round(s.powerUsdPerHour(), 2), round(s.profitUsdPerHour(), 2), why),
                plan.findings().stream().map(Object::toString).toList());
    }

    String toJson() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    String toTable() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-12s %-28s %-28s %-6s %12s %10s %10s %10s%n", "POOL", "GPU PRODUCT", "OPTION", "KIND",
                "COINS/DAY", "REV $/h", "POWER $/h", "PROFIT $/h"));
        for (OptionLine l : options) {
            b.append(String.format(Locale.ROOT, "%-12s %-28s %-28s %-6s %12s %10.4f %10.4f %10.4f%s%n", l.pool(),
                    l.gpuProduct(), l.option(), l.kind(), l.coinsPerDay() == null ? "-" : String.format(Locale.ROOT,
                            "%.6f", l.coinsPerDay()), l.revenueUsdPerGpuHour(), l.powerUsdPerGpuHour(),
                    l.profitUsdPerGpuHour(), l.eligible() ? "" : "  (not eligible: " + l.note() + ")"));
        }
        b.append(String.format(Locale.ROOT, "%nPLAN  revenue $%.2f/h  power $%.2f/h  profit $%.2f/h%n",
                plan.revenueUsdPerHour(), plan.powerUsdPerHour(), plan.profitUsdPerHour()));
        plan.gpus().forEach((option, n) -> b.append(String.format("  %-40s %5d GPUs%n", option, n)));
        plan.explanations().forEach(e -> b.append("  ").append(e).append('\n'));
        findings.forEach(f -> b.append("FINDING ").append(f).append('\n'));
        return b.toString();
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
