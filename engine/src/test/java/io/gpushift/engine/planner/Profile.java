package io.gpushift.engine.planner;

import io.gpushift.engine.Snapshot;
import io.gpushift.engine.validation.Validator;

public class Profile {
    public static void main(String[] a) {
        Snapshot s = RandomFleet.large(1, Integer.parseInt(a[0]), 10, 200);
        for (int rep = 0; rep < 12; rep++) {
            long t0 = System.nanoTime();
            var v = Validator.validate(s);
            long ta = System.nanoTime();
            var led = io.gpushift.engine.economics.Ledger.overHorizon(s, v, s.now());
            long tb = System.nanoTime();
            System.out.printf("validate %d ms ledger %d ms (%d entries)%n", (ta - t0) / 1000000, (tb - ta) / 1000000, led.entries().size());
            Problem p = ProblemBuilder.build(s, v, s.now());
            long t1 = System.nanoTime();
            NodeDp dp = new NodeDp(p);
            Greedy g = new Greedy(p, dp);
            Allocation al = g.construct(null, null, 3);
            long t2 = System.nanoTime();
            Dual d = new Dual(p, dp);
            double l = d.evaluate();
            long t3 = System.nanoTime();
            int entries = p.classes.stream().mapToInt(c -> c.opt.length).sum();
            System.out.printf("classes %d avgEntries %.1f build %d ms greedy %d ms (obj %.1f) dualEval %d ms (L %.1f)%n",
                    p.classes.size(), entries / (double) p.classes.size(), (t1 - t0) / 1000000, (t2 - t1) / 1000000, al.objective(), (t3 - t2) / 1000000, l);
        }
    }
}
