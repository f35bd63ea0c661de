package io.gpushift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.gpushift.api.translate.NodeSelection;
import io.gpushift.api.v1alpha1.AIWorkload;
import io.gpushift.api.v1alpha1.GPUNodePool;
import io.gpushift.api.v1alpha1.MiningPool;
import io.gpushift.engine.model.Node;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The YAML documents of the files given with {@code -f}, sorted by kind; anything else is named and refused. */
public record Manifests(List<GPUNodePool> pools, List<MiningPool> mining, List<AIWorkload> ai, List<Fleet> fleets) {

    /** Reads the files, and the {@code .yaml}/{@code .yml} files of any directory among them (sorted, not recursive). */
    public static Manifests read(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.isDirectory(p)) {
                files.add(p);
                continue;
            }
            try (var listing = Files.list(p)) {
                listing.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted()
                        .forEach(files::add);
            }
        }
        ObjectMapper yaml = new YAMLMapper();
        ObjectMapper json = Serialization.jsonMapper();
        Manifests m = new Manifests(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (Path file : files) {
            int doc = 0;
            try (var parser = new YAMLFactory().createParser(file.toFile())) {
                for (var it = yaml.readValues(parser, JsonNode.class); it.hasNext(); ) {
                    JsonNode node = it.next();
                    doc++;
                    if (node == null || node.isNull() || node.isEmpty()) continue;
                    String kind = node.path("kind").asText("");
                    switch (kind) {
                        case "GPUNodePool" -> m.pools.add(json.convertValue(node, GPUNodePool.class));
                        case "MiningPool" -> m.mining.add(defaultNamespace(json.convertValue(node, MiningPool.class)));
                        case "AIWorkload" -> m.ai.add(defaultNamespace(json.convertValue(node, AIWorkload.class)));
                        case Fleet.KIND -> m.fleets.add(json.convertValue(node, Fleet.class));
                        // The calculator fetches nothing: feed-backed values are reported as unavailable instead.
                        case "MarketFeed" -> { }
                        default -> throw new IOException(file + " document " + doc + ": kind '" + kind
                                + "' is not one of GPUNodePool, MiningPool, AIWorkload, Fleet");
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
        }
        return m;
    }

    /**
     * The fleet's nodes as the engine sees them before any decision (all GPUs idle), each in the GPUNodePool that
     * selects it; a node no pool selects is named on {@code err} and left out. Quote and backtest share this rule.
     */
    public List<Node> idleNodes(String command, PrintWriter err) {
        List<Node> nodes = new ArrayList<>();
        for (Fleet f : fleets) {
            for (Fleet.FleetNode n : f.nodes()) {
                var pool = NodeSelection.poolOf(pools, n.labels());
                if (pool.isEmpty()) {
                    err.println(command + ": node " + n.name() + " is selected by no GPUNodePool; left out");
                    continue;
                }
                nodes.add(Node.of(n.name(), pool.get().getMetadata().getName(), n.gpuProduct(), n.gpuMemoryMiB(), n.gpus()));
            }
        }
        return nodes;
    }

    /** kubectl applies a namespaced object without a namespace to {@code default}; the quote names it the same way. */
    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T defaultNamespace(T r) {
        if (r.getMetadata().getNamespace() == null) r.getMetadata().setNamespace("default");
        return r;
    }
}
