package io.gpushift.chart;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/** The objects of a rendered chart, as generic maps (exactly what helm printed, nothing inferred). */
record Manifests(List<Map<String, Object>> objects) {

  private static final YAMLMapper YAML = new YAMLMapper();

  static Manifests parse(String multiDocumentYaml) {
    List<Map<String, Object>> objects = new ArrayList<>();
    try (MappingIterator<Map<String, Object>> docs =
        YAML.readerFor(new TypeReference<Map<String, Object>>() {}).readValues(multiDocumentYaml)) {
      while (docs.hasNext()) {
        Map<String, Object> doc = docs.next();
        if (doc != null && !doc.isEmpty()) {
          objects.add(doc);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("rendered chart is not valid YAML", e);
    }
    return new Manifests(List.copyOf(objects));
  }

  Stream<Map<String, Object>> ofKind(String kind) {
    return objects.stream().filter(o -> kind.equals(o.get("kind")));
  }

  Map<String, Object> one(String kind, String name) {
    return ofKind(kind).filter(o -> name.equals(name(o))).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " in " + summary()));
  }

  List<String> summary() {
    return objects.stream().map(o -> o.get("kind") + "/" + name(o)).toList();
  }

  /** Every rule of every Role and ClusterRole, with the owning object's kind/name for messages. */
  Stream<Rule> rules() {
    return Stream.concat(ofKind("ClusterRole"), ofKind("Role")).flatMap(role -> {
      List<Map<String, Object>> rules = list(role.get("rules"));
      return rules.stream().map(r -> new Rule(role.get("kind") + "/" + namespace(role) + "/" + name(role),
          strings(r.get("apiGroups")), strings(r.get("resources")), strings(r.get("verbs")),
          strings(r.get("resourceNames"))));
    });
  }

  record Rule(String owner, List<String> apiGroups, List<String> resources, List<String> verbs,
      List<String> resourceNames) {}

  static String name(Map<String, Object> object) {
    return (String) map(object.get("metadata")).get("name");
  }

  static String namespace(Map<String, Object> object) {
    return Objects.toString(map(object.get("metadata")).get("namespace"), "");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return value == null ? Map.of() : (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Object value) {
    return value == null ? List.of() : (List<Map<String, Object>>) value;
  }

  @SuppressWarnings("unchecked")
  static List<String> strings(Object value) {
    return value == null ? List.of() : (List<String>) value;
  }

  /** Follows a path of map keys, e.g. at(deployment, "spec", "template", "spec"). */
  static Map<String, Object> at(Map<String, Object> object, String... path) {
    Map<String, Object> current = object;
    for (String key : path) {
      current = map(current.get(key));
    }
    return current;
  }
}
