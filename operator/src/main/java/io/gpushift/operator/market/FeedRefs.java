package io.gpushift.operator.market;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Set;
import java.util.TreeSet;

/**
 * The MarketFeeds ({@code namespace/name}) an object's spec refers to, found by walking the spec for {@code feedRef}
 * objects, so a field added to the API later is covered without touching this class.
 */
public final class FeedRefs {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private FeedRefs() {
  }

  public static Set<String> of(HasMetadata object) {
    Set<String> out = new TreeSet<>();
    Object spec = object instanceof io.fabric8.kubernetes.client.CustomResource<?, ?> cr ? cr.getSpec() : null;
    if (spec != null) {
      walk(JSON.convertValue(spec, JsonNode.class), object.getMetadata().getNamespace(), out);
    }
    return out;
  }

  public static boolean refersTo(HasMetadata object, String namespace, String name) {
    return of(object).contains(namespace + "/" + name);
  }

  private static void walk(JsonNode node, String defaultNamespace, Set<String> out) {
    if (node == null) return;
    if (node.isObject()) {
      JsonNode ref = node.get("feedRef");
      if (ref != null && ref.isObject() && ref.hasNonNull("name")) {
        String ns = ref.hasNonNull("namespace") ? ref.get("namespace").asText() : defaultNamespace;
        if (ns != null) out.add(ns + "/" + ref.get("name").asText());
      }
      node.properties().forEach(e -> walk(e.getValue(), defaultNamespace, out));
    } else if (node.isArray()) {
      node.forEach(n -> walk(n, defaultNamespace, out));
    }
  }
}
