package io.gpushift.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Inputs of the WhatToMine-style chain formula. Network hashrate may be given directly or derived from difficulty,
 * because feeds publish one or the other depending on the coin.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.networkHashrate) != has(self.difficulty)",
    message = "exactly one of networkHashrate or difficulty must be set")
public class NetworkRevenue {

  @Required
  @JsonPropertyDescription("Coins paid per block, average transaction fees included, e.g. 2.048 for ETC since block "
      + "20,000,001.")
  public ValueSource blockReward;

  @Required
  @JsonPropertyDescription("Average seconds between blocks, e.g. 13 for ETC, 60 for RVN.")
  public ValueSource blockTimeSeconds;

  @JsonPropertyDescription("Total network hashrate in H/s.")
  public QuantitySource networkHashrate;

  @JsonPropertyDescription("Network difficulty; network hashrate = difficulty × hashesPerDifficulty / "
      + "blockTimeSeconds.")
  public ValueSource difficulty;

  @Default("1.0")
  @Min(value = 0, inclusive = false)
  @JsonPropertyDescription("Expected hashes per unit of difficulty: 1 for the Ethash family (ETC), 4294967296 (2^32) "
      + "for the Bitcoin family. Only used with difficulty. Default 1.")
  public Double hashesPerDifficulty;

  @Required
  @JsonPropertyDescription("Price of one coin in USD.")
  public ValueSource coinPriceUsd;
}
