#!/usr/bin/env python3
"""Off-line check of the engine's plans against the integer optimum (issue 3).

Reads an instance written by io.gpushift.engine.planner.MipExport, builds the planner's problem at node level as a
mixed-integer program (per node and entry: units kept of what runs now and units started; GPUs per node; caps,
guaranteed minimums with their bonus, disruption budgets) and solves it with HiGHS. Prints the LP relaxation (equal to
the engine's LP bound when the model matches), the MIP's best plan and its proven bound, and where the engine's plan
stands between them. HiGHS is a test-only tool here (pip install highspy), never part of the product.

usage: engine-mip-check.py INSTANCE.json [SECONDS]
"""
import json
import sys
import time

import highspy
import numpy as np


def build(d, h):
    ug, unlimited = d["unitGpus"], d["unlimited"]
    cost, lo, hi, integer, rows = [], [], [], [], []
    usage, moved_terms, moved_base = {}, {}, {}
    const = 0.0

    def var(c, l, u, i=True):
        cost.append(c); lo.append(l); hi.append(u); integer.append(i)
        return len(cost) - 1

    for c in d["classes"]:
        for _ in range(c["size"]):
            idx, gpus = [], []
            for e, o in enumerate(c["opt"]):
                k, cur, most = ug[o], c["cur"][e], c["max"][e]
                v, start, leave = c["value"][e], c["start"][e], c["leave"][e]
                const -= leave * cur  # entry value = gpus*v - start*(gpus-cur)+ - leave*(cur-gpus)+, concave
                keep_most = min(cur // k, most)
                counted = e > 0 and not c["exempt"][e]
                if counted and cur > 0:
                    moved_base[c["pool"]] = moved_base.get(c["pool"], 0) + cur
                keep = None
                if cur > 0 and keep_most > 0:
                    keep = var((v + leave) * k, 0, keep_most)
                    idx.append(keep); gpus.append(k)
                    if o > 0: usage.setdefault(o, []).append(keep)
                    if counted: moved_terms.setdefault(c["pool"], []).append((keep, -k))
                if most > 0:
                    new = var((v - start) * k, 0, most)
                    idx.append(new); gpus.append(k)
                    if o > 0: usage.setdefault(o, []).append(new)
                    if keep is not None: rows.append((-highspy.kHighsInf, most, [keep, new], [1, 1]))
            rows.append((c["free"], c["free"], idx, gpus))
    for o in range(1, len(ug)):
        cap, us = max(d["cap"][o], d["fixed"][o]), usage.get(o, [])
        if cap < unlimited and us:
            rows.append((-highspy.kHighsInf, cap - d["fixed"][o], us, [1] * len(us)))
        if d["bonus"][o] > 0 and d["min"][o] > 0:
            s = var(d["bonus"][o], 0, d["min"][o], False)
            rows.append((-highspy.kHighsInf, d["fixed"][o], [s] + us, [1] + [-1] * len(us)))
    for q, b in enumerate(d["budget"]):
        base, terms = moved_base.get(q, 0), moved_terms.get(q, [])
        if base > b and terms:
            rows.append((-highspy.kHighsInf, b - base, [j for j, _ in terms], [x for _, x in terms]))
    n = len(cost)
    h.addVars(n, np.array(lo, float), np.array(hi, float))
    h.changeColsCost(n, np.arange(n, dtype=np.int32), -np.array(cost))  # HiGHS minimises
    for (l, u, idx, val) in rows:
        h.addRow(l, u, len(idx), np.array(idx, dtype=np.int32), np.array(val, float))
    return const, [j for j in range(n) if integer[j]], n, len(rows)


def main():
    d = json.load(open(sys.argv[1]))
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 600.0
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)  # one thread, set before the first run: HiGHS refuses to change it later
    const, ints, n, m = build(d, h)
    h.run()
    lp = const - h.getInfo().objective_function_value
    h = highspy.Highs()  # a fresh model for the MIP
    h.setOptionValue("output_flag", False)
    build(d, h)
    h.changeColsIntegrality(len(ints), np.array(ints, dtype=np.int32),
                            np.array([highspy.HighsVarType.kInteger] * len(ints), dtype=np.uint8))
    h.setOptionValue("time_limit", seconds)
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("threads", 1)
    h.setOptionValue("random_seed", 0)
    t = time.time()
    h.run()
    info = h.getInfo()
    best, proven = const - info.objective_function_value, const - info.mip_dual_bound
    eng, bound = d["engineObjective"], d["engineBound"]
    print(f"{sys.argv[1]}: {n} variables, {m} rows")
    print(f"  LP relaxation        {lp:.2f}  (engine's bound {bound:.2f})")
    print(f"  MIP best plan        {best:.2f}  after {time.time() - t:.0f} s, {h.modelStatusToString(h.getModelStatus())}")
    print(f"  MIP proven bound     {proven:.2f}")
    print(f"  engine's plan        {eng:.2f}: {best - eng:.2f} USD below the MIP's plan, "
          f"{bound - eng:.2f} below the LP bound, {proven - eng:.2f} below the MIP's bound (guarantee bonus included)")


if __name__ == "__main__":
    main()
