package io.gpushift.api.translate;

import io.gpushift.api.v1alpha1.GPUNodePool;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Which GPUNodePool a node belongs to, by the pool's nodeSelector (the same rule for the operator and the quote). */
public final class NodeSelection {
    /** GPU Feature Discovery sets it on every node with an NVIDIA GPU; an empty selector means "every GPU node". */
    public static final String GPU_PRESENT = "nvidia.com/gpu.present";

    private NodeSelection() {
    }

    public static boolean selects(GPUNodePool pool, Map<String, String> nodeLabels) {
        Map<String, String> selector = pool.getSpec() == null ? null : pool.getSpec().nodeSelector;
        if (selector == null || selector.isEmpty()) return "true".equals(nodeLabels.get(GPU_PRESENT));
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(nodeLabels.get(e.getKey())));
    }

    /**
     * The pool of a node. When several select it (a misconfiguration), the first by name
     * wins so every decision loop agrees on one owner and no GPU is planned twice.
     */
    public static Optional<GPUNodePool> poolOf(List<GPUNodePool> pools, Map<String, String> nodeLabels) {
        return pools.stream().filter(p -> selects(p, nodeLabels))
                .min(Comparator.comparing(p -> p.getMetadata().getName()));
    }
}
