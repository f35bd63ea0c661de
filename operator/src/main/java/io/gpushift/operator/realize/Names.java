package io.gpushift.operator.realize;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic names for the pods the operator creates. Determinism is what makes the realizer idempotent across
 * restarts: the same plan always names the same pods, so a restarted operator finds, rather than duplicates, its work.
 */
public final class Names {

  private static final int MAX_NAME = 253;
  private static final int MAX_LABEL = 63;

  private Names() {
  }

  /** The one miner pod of a MiningPool on a node. */
  public static String miner(String miningPool, String node) {
    return fit(miningPool + "-" + node, MAX_NAME);
  }

  /** The index-th replica of an AIWorkload on a node. */
  public static String replica(String workload, String node, int index) {
    return fit(workload + "-" + node + "-" + index, MAX_NAME);
  }

  /** A Guaranteed replica's replacement while the outdated replica still holds {@code name}: suffixed by its hash. */
  public static String replacement(String name, String specHash) {
    return fit(name + "-" + specHash.substring(0, 6), MAX_NAME);
  }

  /** A label value: at most 63 characters, so long object names are cut and suffixed with a hash to stay unique. */
  public static String labelValue(String value) {
    return fit(value, MAX_LABEL);
  }

  static String fit(String raw, int max) {
    String clean = raw.toLowerCase().replaceAll("[^a-z0-9.-]", "-");
    if (clean.length() <= max) {
      return clean;
    }
    String hash = sha256(raw).substring(0, 10);
    String head = clean.substring(0, max - hash.length() - 1).replaceAll("[.-]+$", "");
    return head + "-" + hash;
  }

  public static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
    }
  }
}
