package io.gpushift.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fleet file shared with {@code gpushift cluster up --fleet}: groups of identical GPU nodes. Node names and labels
 * follow the same rules as the local cluster's fake nodes, so a quote and a cluster see the same fleet.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Fleet(String apiVersion, String kind, List<NodeGroup> nodeGroups) {
    public static final String KIND = "Fleet";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NodeGroup(String name, int count, String gpuProduct, int gpuMemoryMiB, int gpusPerNode,
                            Map<String, String> labels) {
    }

    /** One node of the fleet with its labels as GPU Feature Discovery would set them. */
    public record FleetNode(String name, String gpuProduct, int gpuMemoryMiB, int gpus, Map<String, String> labels) {
    }

    public List<FleetNode> nodes() {
        List<FleetNode> out = new ArrayList<>();
        for (NodeGroup g : nodeGroups == null ? List.<NodeGroup>of() : nodeGroups) {
            for (int i = 0; i < g.count(); i++) {
                Map<String, String> labels = new TreeMap<>(g.labels() == null ? Map.of() : g.labels());
                labels.put("nvidia.com/gpu.present", "true");
                labels.put("nvidia.com/gpu.product", g.gpuProduct());
                labels.put("nvidia.com/gpu.memory", Integer.toString(g.gpuMemoryMiB()));
                labels.put("nvidia.com/gpu.count", Integer.toString(g.gpusPerNode()));
                String name = String.format("%s-%02d", g.name(), i);
                labels.put("kubernetes.io/hostname", name);
                out.add(new FleetNode(name, g.gpuProduct(), g.gpuMemoryMiB(), g.gpusPerNode(), labels));
            }
        }
        return out;
    }
}
