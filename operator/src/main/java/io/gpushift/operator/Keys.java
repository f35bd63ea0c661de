package io.gpushift.operator;

/**
 * Every label, annotation and name the operator reads or writes on objects it does not define itself. One place, so the
 * documentation, the realizer and the tests cannot drift apart.
 */
public final class Keys {

  /** The single server-side-apply field manager for every write the operator makes. */
  public static final String FIELD_MANAGER = "gpushift";

  public static final String GPU_RESOURCE = "nvidia.com/gpu";
  public static final String GFD_PRODUCT = "nvidia.com/gpu.product";
  public static final String GFD_MEMORY = "nvidia.com/gpu.memory";
  public static final String GFD_COUNT = "nvidia.com/gpu.count";
  public static final String HOSTNAME = "kubernetes.io/hostname";

  /** NVIDIA device plugin: the node label that selects a named config from the plugin's config map. */
  public static final String DEVICE_PLUGIN_CONFIG = "nvidia.com/device-plugin.config";

  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY_VALUE = "gpushift";
  public static final String POOL = "gpushift.io/pool";
  public static final String WORKLOAD = "gpushift.io/workload";
  public static final String KIND = "gpushift.io/kind";

  /** Node label showing the node's current use: mining | ai | idle | mixed. */
  public static final String USE = "gpushift.io/use";
  /** Node annotation set by a human: mining | ai | idle | exclude. */
  public static final String PIN = "gpushift.io/pin";
  /** Node annotation: when the operator last switched the device-plugin config label (RFC 3339). */
  public static final String DEVICE_PLUGIN_SWITCHED_AT = "gpushift.io/device-plugin-switched-at";

  /** Pod annotation set by a human: "true" means the operator never deletes the pod. */
  public static final String DO_NOT_DISRUPT = "gpushift.io/do-not-disrupt";
  /** Pod annotation set by the operator when it wants an AI replica gone: checkpoint now (RFC 3339 time of request). */
  public static final String CHECKPOINT_REQUESTED_AT = "gpushift.io/checkpoint-requested-at";
  /** Pod annotation set by the workload (any non-empty value) once its checkpoint is safe: the operator may delete now. */
  public static final String CHECKPOINT_DONE = "gpushift.io/checkpoint-done";
  /** Pod annotation copied from the workload at creation, so a restarted operator knows the grace without the CR. */
  public static final String CHECKPOINT_GRACE_SECONDS = "gpushift.io/checkpoint-grace-seconds";
  /** Pod annotation: Guaranteed | Preemptible. */
  public static final String COMMITMENT = "gpushift.io/commitment";
  /** Pod annotation: hash of everything the realizer put into the pod; a different hash means recreate. */
  public static final String SPEC_HASH = "gpushift.io/spec-hash";

  public static final String PRIORITY_MINING = "gpushift-mining";
  public static final String PRIORITY_AI_GUARANTEED = "gpushift-ai-guaranteed";
  public static final String PRIORITY_AI_PREEMPTIBLE = "gpushift-ai-preemptible";

  private Keys() {
  }
}
