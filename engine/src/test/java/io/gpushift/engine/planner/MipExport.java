package io.gpushift.engine.planner;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpushift.engine.Snapshot;
import io.gpushift.engine.validation.Validator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link RandomFleet#large} instance as the planner sees it (classes, entries, values, caps, guarantees,
 * budgets) with the engine's plan value and bound, for {@code hack/engine-mip-check.py}: an off-line check of how far
 * the engine's plans are from the integer optimum (a MIP solver on the node-level problem), which the LP bound alone
 * cannot tell. Not a test. Arguments: seed, nodes, output file.
 */
public final class MipExport {
    public static void main(String[] args) throws IOException {
        long seed = Long.parseLong(args[0]);
        int nodes = Integer.parseInt(args[1]);
        Snapshot s = RandomFleet.large(seed, nodes, 10, 200);
        Problem p = ProblemBuilder.build(s, Validator.validate(s), s.now());
        Solver.Solution sol = Solver.solve(p);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("engineObjective", sol.objective());
        out.put("engineBound", sol.upperBound());
        out.put("unitGpus", p.unitGpus);
        out.put("cap", p.cap);
        out.put("fixed", p.fixedUnits);
        out.put("min", p.min);
        out.put("bonus", p.bonus);
        out.put("budget", p.budget);
        out.put("unlimited", Problem.UNLIMITED);
        List<Map<String, Object>> classes = new ArrayList<>();
        for (NodeClass c : p.classes) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pool", c.pool);
            m.put("free", c.free);
            m.put("size", c.size());
            m.put("opt", c.opt);
            m.put("cur", c.cur);
            m.put("max", c.maxUnits);
            m.put("value", c.value);
            m.put("start", c.start);
            m.put("leave", c.leave);
            m.put("exempt", c.exempt);
            classes.add(m);
        }
        out.put("classes", classes);
        new ObjectMapper().writeValue(Path.of(args[2]).toFile(), out);
        System.out.printf("seed %d, %d nodes, %d classes: engine objective %.2f, bound %.2f (guarantee bonus included)%n",
                seed, nodes, p.classes.size(), sol.objective(), sol.upperBound());
    }
}
