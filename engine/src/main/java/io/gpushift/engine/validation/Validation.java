package io.gpushift.engine.validation;

import java.util.List;
import java.util.Set;

/**
 * Outcome of checking a snapshot.
 *
 * @param findings        everything found, in a stable order
 * @param invalidOptions  options with an ERROR: the planner holds their GPUs and gives them no new ones
 * @param invalidPools    pools with an ERROR (or unknown pool names on nodes): their nodes hold
 * @param ineligible      {@code optionId + '|' + product} pairs that cannot be priced (e.g. no mining profile)
 * @param fleetEmpty      no node at all: nothing is planned
 */
public record Validation(List<Finding> findings, Set<String> invalidOptions, Set<String> invalidPools,
                         Set<String> ineligible, boolean fleetEmpty) {
    public boolean eligible(String optionId, String product) {
        return !ineligible.contains(optionId + "|" + product);
    }
}
