package io.gpushift.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** The two ways calculators price a hash; exactly one is used. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.network) != has(self.hashprice)",
    message = "exactly one of network or hashprice must be set")
public class MiningRevenue {

  @JsonPropertyDescription("Compute earnings from the chain: coins per day = hashrate / network hashrate × "
      + "86400 / blockTimeSeconds × blockReward × (1 - fees), then × coinPriceUsd.")
  public NetworkRevenue network;

  @JsonPropertyDescription("Use a published hashprice (USD per unit of hashrate per day) instead of the chain "
      + "formula.")
  public Hashprice hashprice;
}
