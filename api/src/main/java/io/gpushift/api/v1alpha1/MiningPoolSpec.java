package io.gpushift.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "(has(self.poolFeePercent) ? self.poolFeePercent : 0.0)"
    + " + (has(self.devFeePercent) ? self.devFeePercent : 0.0) < 100.0",
    message = "poolFeePercent + devFeePercent must be below 100", fieldPath = ".devFeePercent")
public class MiningPoolSpec {

  @Required
  @Pattern(Patterns.TICKER)
  @JsonPropertyDescription("Ticker of the coin mined, e.g. `ETC`, `RVN`, `ERG`, `BTC`.")
  public String coin;

  @Required
  @Pattern("^[a-z0-9][a-z0-9-]*$")
  @Size(max = 32)
  @JsonPropertyDescription("Mining algorithm, lower case, e.g. `etchash`, `kawpow`, `autolykos2`, `sha256`. Profiles' "
      + "hashrates are for this algorithm.")
  public String algorithm;

  @Required
  @Size(min = 1, max = 8)
  @JsonPropertyDescription("Stratum URLs of the pool in order of preference; later ones are failovers. E.g. "
      + "`stratum+tcp://etc.example-pool.org:1010`, `stratum+ssl://etc.example-pool.org:11010`.")
  public List<@Pattern("^stratum[0-9]?\\+(tcp|ssl|tls)://[A-Za-z0-9.-]+:[0-9]{1,5}(/[^\\s]*)?$") @Size(max = 253) String> endpoints;

  @Required
  @Pattern("^[A-Za-z0-9:._-]+$")
  @Size(min = 1, max = 128)
  @JsonPropertyDescription("Payout address (or pool account name) that earnings go to. Public, so not a secret.")
  public String wallet;

  @Pattern("^[A-Za-z0-9._-]+$")
  @Size(max = 64)
  @JsonPropertyDescription("Worker name reported to the pool. Omit to use the node name.")
  public String worker;

  @JsonPropertyDescription("Secret key holding the stratum password or pool API key, for pools that need one. The "
      + "miner container gets it as the environment variable `GPUSHIFT_POOL_PASSWORD`; refer to it in args as "
      + "`$(GPUSHIFT_POOL_PASSWORD)`. Never put credentials in args or wallet.")
  public SecretKeyRef credentialsSecretRef;

  @Required
  @JsonPropertyDescription("The miner container run on each node given GPUs for this pool.")
  public Miner miner;

  @Required
  @Size(min = 1, max = 32)
  @ValidationRule(value = "self.all(p, self.exists_one(q, q.gpuProduct == p.gpuProduct))",
      message = "each gpuProduct may have only one profile")
  @JsonPropertyDescription("Measured or published hashrate and power per GPU product. A GPU product without a profile "
      + "is never given to this pool.")
  public List<MiningProfile> profiles;

  @Required
  @JsonPropertyDescription("How to compute what a hash earns: from the network's block reward and difficulty, or from "
      + "a hashprice.")
  public MiningRevenue revenue;

  @Default("0.0")
  @Min(0)
  @Max(100)
  @JsonPropertyDescription("Pool fee in percent of gross mining revenue, e.g. 1 for 1 %. Default 0.")
  public Double poolFeePercent;

  @Default("0.0")
  @Min(0)
  @Max(100)
  @JsonPropertyDescription("Miner developer fee in percent of hashing time, e.g. 1 for 1 %. Default 0. Pool and dev "
      + "fee together must stay below 100.")
  public Double devFeePercent;

  @Default("30")
  @Min(0)
  @Max(3600)
  @JsonPropertyDescription("Seconds from miner start to full hashrate (DAG or dataset build), earning nothing: the "
      + "switch cost of moving a GPU to this pool. Typically 10-30. Default 30.")
  public Integer warmUpSeconds;

  @Size(max = 32)
  @JsonPropertyDescription("Names of the GPUNodePools whose GPUs this pool may use. Omit for all pools.")
  public List<@Pattern(Patterns.OBJECT_NAME) @Size(max = 253) String> nodePools;

  @Min(0)
  @JsonPropertyDescription("Upper limit on GPUs mining for this pool at once. Omit for no limit.")
  public Integer maxGpus;

  @Default("false")
  @JsonPropertyDescription("Keep mining even when power costs more than the coins earn (e.g. to accumulate a coin on "
      + "purpose). Default false: a pool that loses money gets no GPUs.")
  public Boolean allowLoss;
}
