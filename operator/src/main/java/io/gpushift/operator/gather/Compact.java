package io.gpushift.operator.gather;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes a slimmed cache object (a Fabric8 model graph) small: every Fabric8 model object allocates an empty
 * {@code LinkedHashMap} for additional properties and an empty collection for each list or map field, and every
 * deserialised string is its own copy. At 1,000 nodes the operator's caches held about 2 million objects, most of them
 * those (the scale benchmark's class histogram, docs/benchmarks.md). Here empty collections become the shared immutable
 * ones, others exact-size immutable copies, and repeated strings (label keys and values, owner names, phases) one
 * interned instance.
 * <p>
 * Cached objects are read only (nothing in the operator writes into an informer's object), so sharing is safe.
 */
final class Compact {

  private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";
  /** Different on every object or every update: interning them would only fill the string table. */
  private static final List<String> UNIQUE = List.of("uid", "resourceVersion");
  private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
    @Override
    protected List<Field> computeValue(Class<?> type) {
      List<Field> fields = new ArrayList<>();
      for (Class<?> c = type; c != null && c.getName().startsWith(MODEL_PACKAGE); c = c.getSuperclass()) {
        for (Field f : c.getDeclaredFields()) {
          if (!Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) {
            f.setAccessible(true);
            fields.add(f);
          }
        }
      }
      return List.copyOf(fields);
    }
  };

  private Compact() {
  }

  /** Compacts {@code object} in place and returns it. */
  static <T> T of(T object) {
    compactFields(object);
    return object;
  }

  private static void compactFields(Object model) {
    for (Field f : FIELDS.get(model.getClass())) {
      try {
        Object value = f.get(model);
        Object compact = UNIQUE.contains(f.getName()) ? value : value(value);
        if (compact != value) {
          f.set(model, compact);
        }
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot compact " + model.getClass().getName() + "." + f.getName(), e);
      }
    }
  }

  private static Object value(Object value) {
    if (value instanceof String s) {
      return s.intern();
    }
    if (value instanceof List<?> list) {
      return list.isEmpty() ? List.of() : list(list);
    }
    if (value instanceof Map<?, ?> map) {
      return map.isEmpty() ? Map.of() : map(map);
    }
    if (value != null && value.getClass().getName().startsWith(MODEL_PACKAGE)) {
      compactFields(value);
    }
    return value;
  }

  private static List<Object> list(List<?> list) {
    List<Object> copy = new ArrayList<>(list.size());
    for (Object o : list) {
      copy.add(o == null ? null : value(o));
    }
    return copy.contains(null) ? copy : List.copyOf(copy);
  }

  /** Cached maps are looked up, not iterated in order, so the immutable copy (no entry objects) may reorder them. */
  private static Map<Object, Object> map(Map<?, ?> map) {
    Map<Object, Object> copy = new LinkedHashMap<>((int) (map.size() / 0.75f) + 1);
    map.forEach((k, v) -> copy.put(k instanceof String s ? s.intern() : k, v == null ? null : value(v)));
    return copy.containsValue(null) ? copy : Map.copyOf(copy);
  }
}
