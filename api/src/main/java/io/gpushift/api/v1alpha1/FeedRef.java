package io.gpushift.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * Points at a field of a {@link MarketFeed} instead of a number typed into the spec. The feed is looked up in
 * {@code namespace}, by default the namespace of the object holding the reference; a GPUNodePool is cluster-scoped, so
 * its electricity feedRef must name the namespace.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FeedRef {

  @Required
  @Pattern(Patterns.OBJECT_NAME)
  @Size(max = 253)
  @JsonPropertyDescription("Name of the MarketFeed that supplies the value, e.g. a CoinGecko price feed or a "
      + "WhatToMine coin feed.")
  public String name;

  @Pattern(Patterns.NAMESPACE)
  @Size(max = 63)
  @JsonPropertyDescription("Namespace of the MarketFeed. Default: the namespace of the object holding this reference. "
      + "Required in a GPUNodePool, which has no namespace.")
  public String namespace;

  @Pattern("^[A-Za-z0-9_.-]([A-Za-z0-9_. -]*[A-Za-z0-9_.-])?$")
  @Size(max = 128)
  @JsonPropertyDescription("Which field of the feed to read, as listed in the MarketFeed's status: a CoinGecko coin id "
      + "(`ethereum-classic`), a WhatToMine `<coin id>.<field>` (`234.networkHashrate`), a Prometheus label value (spaces "
      + "allowed inside, e.g. the DCGM modelName `NVIDIA H100 80GB HBM3`), a ConfigMap key. Omit when the feed publishes a single value (httpJson, electricityPrice).")
  public String field;

  public FeedRef() {
  }

  public FeedRef(String name, String field) {
    this.name = name;
    this.field = field;
  }

  public FeedRef(String namespace, String name, String field) {
    this(name, field);
    this.namespace = namespace;
  }
}
