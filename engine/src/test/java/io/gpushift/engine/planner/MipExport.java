package io.gpushift.engine.planner;

import io.gpushift.engine.Snapshot;
import io.gpushift.engine.validation.Validator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

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
        StringBuilder sb = new StringBuilder("{\"engineObjective\":").append(sol.objective())
                .append(",\"engineBound\":").append(sol.upperBound())
                .append(",\"unitGpus\":").append(Arrays.toString(p.unitGpus))
                .append(",\"cap\":").append(Arrays.toString(p.cap))
                .append(",\"fixed\":").append(Arrays.toString(p.fixedUnits))
                .append(",\"min\":").append(Arrays.toString(p.min))
                .append(",\"bonus\":").append(Arrays.toString(p.bonus))
                .append(",\"budget\":").append(Arrays.toString(p.budget))
                .append(",\"unlimited\":").append(Problem.UNLIMITED)
                .append(",\"classes\":[");
        for (NodeClass c : p.classes) {
            sb.append(c.index == 0 ? "" : ",").append("{\"pool\":").append(c.pool).append(",\"free\":").append(c.free)
                    .append(",\"size\":").append(c.size())
                    .append(",\"opt\":").append(Arrays.toString(c.opt))
                    .append(",\"cur\":").append(Arrays.toString(c.cur))
                    .append(",\"max\":").append(Arrays.toString(c.maxUnits))
                    .append(",\"value\":").append(Arrays.toString(c.value))
                    .append(",\"start\":").append(Arrays.toString(c.start))
                    .append(",\"leave\":").append(Arrays.toString(c.leave))
                    .append(",\"exempt\":").append(Arrays.toString(c.exempt)).append("}");
        }
        Files.writeString(Path.of(args[2]), sb.append("]}"));
        System.out.printf("seed %d, %d nodes, %d classes: engine objective %.2f, bound %.2f (guarantee bonus included)%n",
                seed, nodes, p.classes.size(), sol.objective(), sol.upperBound());
    }
}
