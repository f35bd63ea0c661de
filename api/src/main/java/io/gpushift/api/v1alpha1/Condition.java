package io.gpushift.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * One observation about a resource, shaped exactly like metav1.Condition so kubectl wait, Argo CD and friends read it.
 * Our own class rather than fabric8's because the CRD needs a description on every field.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Condition {

  /** CEL for a condition list: one entry per type, as metav1 list-map semantics would enforce. */
  static final String ONE_PER_TYPE = "self.all(c, self.exists_one(d, d.type == c.type))";
  static final String ONE_PER_TYPE_MESSAGE = "each condition type may appear only once";

  @Required
  @Pattern("^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$")
  @Size(max = 316)
  @JsonPropertyDescription("Kind of condition in CamelCase, e.g. `Ready`, `Profitable`, `Admitted`.")
  public String type;

  @Required
  @JsonPropertyDescription("Whether the condition holds: `True`, `False` or `Unknown`.")
  public ConditionStatus status;

  @Min(0)
  @JsonPropertyDescription("The `.metadata.generation` the condition was computed from; older than the current "
      + "generation means the condition may be stale.")
  public Long observedGeneration;

  @Required
  @JsonPropertyDescription("When `status` last changed (RFC 3339, seconds precision). It does not move when only the "
      + "reason or message change.")
  public String lastTransitionTime;

  @Required
  @Pattern("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$")
  @Size(min = 1, max = 1024)
  @JsonPropertyDescription("Machine-readable reason for the last transition, CamelCase, e.g. `BelowHysteresis`, "
      + "`NoProfitableGpus`, `PreemptedForHigherProfit`.")
  public String reason;

  @Size(max = 32768)
  @JsonPropertyDescription("Human-readable detail, with the numbers behind the decision where there are some.")
  public String message;

  public Condition() {
  }

  public Condition(String type, ConditionStatus status, String reason, String message) {
    this.type = type;
    this.status = status;
    this.reason = reason;
    this.message = message;
  }
}
