package io.gpushift.operator.realize;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Spec hashes of desired pods by what they were made from (see {@code DesiredPod.specKey}): a pure function of the key,
 * so one cache serves every pool and pass. Least recently used entries go beyond {@link #MAX} (a 1,000-node fleet
 * plans about 4,000 pods; entries of old generations simply age out).
 */
final class SpecHashes {

  static final int MAX = 16_384;
  private static final Map<String, String> CACHE = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > MAX;
    }
  };

  private SpecHashes() {
  }

  static String get(String key, Supplier<String> compute) {
    synchronized (CACHE) {
      String hit = CACHE.get(key);
      if (hit != null) {
        return hit;
      }
    }
    String hash = compute.get(); // outside the lock: pools decide in parallel
    synchronized (CACHE) {
      CACHE.put(key, hash);
    }
    return hash;
  }

  static int size() {
    synchronized (CACHE) {
      return CACHE.size();
    }
  }
}
