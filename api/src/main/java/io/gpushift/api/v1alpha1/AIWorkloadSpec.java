package io.gpushift.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
// The has() guards keep a missing field reported once, by the schema, instead of also as a rule error.
@ValidationRule(value = "!has(self.minReplicas) || !has(self.maxReplicas)"
    + " || self.minReplicas <= self.maxReplicas",
    message = "minReplicas must not exceed maxReplicas", fieldPath = ".minReplicas")
@ValidationRule(value = "!has(self.requirements) || !has(self.requirements.gpuProducts) || !has(self.profiles)"
    + " || self.requirements.gpuProducts.all(g, self.profiles.exists(p, p.gpuProduct == g))",
    message = "every product in requirements.gpuProducts needs a profile with its price and watts",
    fieldPath = ".requirements.gpuProducts")
public class AIWorkloadSpec {

  /**
   * Schema-less on purpose: the full PodTemplateSpec schema is ~500 KB without descriptions and would be duplicated in
   * every CRD. The API server validates the Pods the operator creates from it.
   */
  @Required
  @PreserveUnknownFields
  @SchemaFrom(type = EmbeddedPodTemplate.class)
  @JsonPropertyDescription("Pod template of one replica, a core/v1 PodTemplateSpec (see `kubectl explain "
      + "pod.spec`). The operator adds the GPU request (`nvidia.com/gpu: gpusPerReplica`) and the node placement; "
      + "the template should not request `nvidia.com/gpu` itself.")
  public PodTemplateSpec template;

  @Default("1")
  @Min(1)
  @Max(16)
  @JsonPropertyDescription("GPUs per replica, all on the same node. Default 1.")
  public Integer gpusPerReplica;

  @Default("0")
  @Min(0)
  @Max(10000)
  @JsonPropertyDescription("Replicas to keep at any price (for `Guaranteed` workloads, the contracted minimum). "
      + "Default 0.")
  public Integer minReplicas;

  @Required
  @Min(1)
  @Max(10000)
  @JsonPropertyDescription("Most replicas worth running; the planner adds replicas between minReplicas and this while "
      + "they are the most profitable use of a GPU.")
  public Integer maxReplicas;

  @JsonPropertyDescription("Which GPUs a replica can use. Omit to allow every product that has a profile.")
  public GpuRequirements requirements;

  @Required
  @Size(min = 1, max = 32)
  @ValidationRule(value = "self.all(p, self.exists_one(q, q.gpuProduct == p.gpuProduct))",
      message = "each gpuProduct may have only one profile")
  @JsonPropertyDescription("Price paid and power drawn per GPU product. A GPU product without a profile is never "
      + "given to this workload.")
  public List<AIProfile> profiles;

  @Default("1.0")
  @Min(value = 0, inclusive = false)
  @Max(1)
  @JsonPropertyDescription("Fraction of running GPU-hours that are actually paid for (e.g. 0.7 for a marketplace "
      + "listing rented 70 % of the time). Revenue is multiplied by it. Default 1.")
  public Double utilization;

  @Default("Preemptible")
  @JsonPropertyDescription("`Guaranteed`: a contract; minReplicas are kept whatever the prices (and reported as unmet "
      + "if they cannot be). `Preemptible`: every replica competes on profit. Default `Preemptible`.")
  public Commitment commitment;

  @Default("30")
  @Min(0)
  @Max(86400)
  @JsonPropertyDescription("Seconds a replica is given to checkpoint after being told it will be preempted (its "
      + "termination grace period). The GPU earns nothing meanwhile, so this is part of the switch cost. Default 30.")
  public Integer checkpointGraceSeconds;

  @Default("0")
  @Min(0)
  @Max(604800)
  @JsonPropertyDescription("Seconds of work expected to be lost when a replica is preempted (typically half the "
      + "checkpoint interval); counted as a switch cost at the workload's revenue rate. Default 0.")
  public Integer expectedLostWorkSeconds;

  @Default("60")
  @Min(0)
  @Max(86400)
  @JsonPropertyDescription("Seconds from replica start to earning (image pull, model load); a switch cost. Default "
      + "60.")
  public Integer startupSeconds;

  @Default("0")
  @Min(-1000)
  @Max(1000)
  @JsonPropertyDescription("Tie-breaker between workloads of equal profit; higher wins. Never outweighs profit. "
      + "Default 0.")
  public Integer priority;

  @Size(max = 32)
  @JsonPropertyDescription("Names of the GPUNodePools whose GPUs this workload may use. Omit for all pools (a pod "
      + "template nodeSelector still has to match every node of a pool).")
  public List<@Pattern(Patterns.OBJECT_NAME) @Size(max = 253) String> nodePools;

  /** Whether minReplicas is a promise. */
  public enum Commitment {
    Guaranteed, Preemptible
  }
}
