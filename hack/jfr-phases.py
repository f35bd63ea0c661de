#!/usr/bin/env python3
"""Where an engine decision's CPU goes, from a JFR recording's execution samples.

usage: jfr print --events jdk.ExecutionSample --stack-depth 64 REC.jfr | hack/jfr-phases.py

Counts the samples taken inside Engine.decide by phase (the innermost engine method named below on the stack) and by
top frame (ojAlgo, or the engine class). See engine/README.md ("Benchmark") for the recording command.
"""
import collections
import re
import sys

PHASES = ["ColumnGeneration.run", "MasterLp.solve", "LpRounding.round", "SwapSearch", "Greedy.construct",
          "Greedy.polish", "Dual.step", "Dual.evaluate", "Recovery.apply", "ExactSearch", "ProblemBuilder.build",
          "Planner.assemble", "Explainer", "Ledger.at", "Validator.validate", "Solver.solve"]


def main():
    phase, top, n = collections.Counter(), collections.Counter(), 0
    for event in sys.stdin.read().split("jdk.ExecutionSample")[1:]:
        frames = re.findall(r"^\s+([\w.$<>]+)\(", event, re.M)
        if not any("Engine.decide" in f for f in frames):
            continue
        n += 1
        t = frames[0]
        top["ojAlgo" if t.startswith("org.ojalgo") else
            t.rsplit(".", 1)[0].split(".")[-1] if t.startswith("io.gpushift") else t.rsplit(".", 2)[0]] += 1
        phase[next((k for f in frames if f.startswith("io.gpushift") for k in PHASES
                    if f.endswith("." + k) or "." + k + "." in f), "other")] += 1
    print(f"{n} samples inside Engine.decide")
    for k, v in phase.most_common():
        print(f"  phase {k:24s} {v:5d} {100 * v / n:5.1f} %")
    for k, v in top.most_common(10):
        print(f"  top frame {k:20s} {v:5d} {100 * v / n:5.1f} %")


if __name__ == "__main__":
    main()
