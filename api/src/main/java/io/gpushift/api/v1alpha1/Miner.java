package io.gpushift.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * The miner container. Placeholders in command and args are filled in per node, so one MiningPool works for any miner
 * binary (lolMiner, T-Rex, BzMiner...) without the operator knowing its flags.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Miner {

  static final String PLACEHOLDERS = "Placeholders replaced per node: `{poolUrl}` the preferred endpoint (the first "
      + "one), `{poolUrls}` all endpoints comma-separated in order (for miners that fail over themselves), `{wallet}`, "
      + "`{worker}` (the worker name, or the node name when unset) and `{gpus}` (the number of GPUs given to the "
      + "miner on that node).";

  @Required
  @Size(min = 1, max = 512)
  @JsonPropertyDescription("Container image of the miner, preferably pinned by digest.")
  public String image;

  @Size(max = 16)
  @JsonPropertyDescription("Entrypoint override; omit to use the image's. " + PLACEHOLDERS)
  public List<@Size(max = 1024) String> command;

  @Size(max = 64)
  @JsonPropertyDescription("Arguments, e.g. `[--algo, ETCHASH, --pool, \"{poolUrl}\", --user, \"{wallet}.{worker}\"]`. "
      + PLACEHOLDERS)
  public List<@Size(max = 1024) String> args;
}
