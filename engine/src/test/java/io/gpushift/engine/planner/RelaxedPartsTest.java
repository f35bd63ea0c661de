package io.gpushift.engine.planner;

import io.gpushift.engine.Snapshot;
import io.gpushift.engine.validation.Validator;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The dual's relaxed node solutions (group table + what to keep) equal the node DP's optimum at random prices. */
class RelaxedPartsTest {
    @Test
    void sameOptimumAsTheNodeDp() {
        int compared = 0;
        for (long seed = 1; seed <= 3; seed++) {
            Snapshot s = RandomFleet.large(seed, 400, 10, 200);
            Problem p = ProblemBuilder.build(s, Validator.validate(s), s.now());
            NodeDp dp = new NodeDp(p);
            SplittableRandom r = new SplittableRandom(seed);
            for (int round = 0; round < 5; round++) {
                Dual dual = new Dual(p, dp);
                // prices as the dual sets them: ≥ 0 without a bonus, down to −bonus with one; budgets ≥ 0
                for (int o = 1; o < dual.rho.length; o++)
                    dual.rho[o] = round == 0 ? 0 : (r.nextDouble() - (p.bonus[o] > 0 ? 0.5 : 0)) * 400;
                for (int q = 0; q < dual.pi.length; q++) dual.pi[q] = round == 0 ? 0 : r.nextDouble() * 5;
                dual.evaluate();
                for (NodeClass c : p.classes) {
                    NodeDp.Result want = dp.solve(c, dual.rho, dual.pi[c.pool], null, Integer.MAX_VALUE, false);
                    NodeDp.Result got = dual.cache[c.index];
                    assertThat(got.value()).as("seed %d round %d class %d", seed, round, c.index)
                            .isCloseTo(want.value(), org.assertj.core.data.Offset.offset(1e-6 * (1 + Math.abs(want.value()))));
                    double v = 0; // the units are worth what the solution says
                    for (int e = 0; e < c.opt.length; e++) {
                        int g = got.units()[e] * p.unitGpus[c.opt[e]];
                        v += c.entryValue(e, g) - dual.rho[c.opt[e]] * got.units()[e]
                                - (e == 0 || c.exempt[e] ? 0 : dual.pi[c.pool] * Math.max(0, c.cur[e] - g));
                    }
                    assertThat(v).isCloseTo(got.value(), org.assertj.core.data.Offset.offset(1e-6 * (1 + Math.abs(v))));
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(1000);
    }
}
