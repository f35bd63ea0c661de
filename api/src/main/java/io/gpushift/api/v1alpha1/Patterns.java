package io.gpushift.api.v1alpha1;

/**
 * Regular expressions shared by the schema annotations. Kept in one place so that every field holding the same kind of
 * value (a duration, a GPU product, a quantity) is validated the same way by the API server.
 */
public final class Patterns {

  /** Go-style duration as accepted by time.ParseDuration, restricted to the units that make sense here: 90s, 30m, 6h, 1h30m. */
  public static final String DURATION = "^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$";

  /**
   * Kubernetes resource.Quantity without a sign (the same grammar as k8s.io/apimachinery), e.g. 120M, 1.2G, 5e14.
   * CEL rules add the lower bound because the regex cannot.
   */
  public static final String QUANTITY =
      "^(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$";

  /** A label value, which is what GPU Feature Discovery writes to nvidia.com/gpu.product (e.g. NVIDIA-GeForce-RTX-4090). */
  public static final String LABEL_VALUE = "^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$";

  /** DNS-1123 subdomain: the name of any Kubernetes object (Secret, GPUNodePool, feed). */
  public static final String OBJECT_NAME = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  /** DNS-1123 label: a namespace name. */
  public static final String NAMESPACE = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  /** An absolute http(s) URL without credentials (API keys go in a header from a Secret). */
  public static final String HTTP_URL = "^https?://[^/@\\s]+(/\\S*)?$";

  /** A key in a Secret's data. */
  public static final String SECRET_KEY = "^[-._a-zA-Z0-9]+$";

  /** Wall-clock time of day, 24-hour, with 24:00 allowed as the end of a day. */
  public static final String TIME_OF_DAY = "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$";

  /** A ticker symbol for a coin or token: ETC, RVN, NTX, ASI, FET. */
  public static final String TICKER = "^[A-Z0-9]{2,10}$";

  private Patterns() {
  }
}
