package io.gpushift.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Points at a live market-data feed (price, difficulty, tariff) instead of a number typed into the spec. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FeedRef {

  @Required
  @Pattern(Patterns.OBJECT_NAME)
  @Size(max = 253)
  @JsonPropertyDescription("Name of the feed that supplies the value (feeds are configured separately, e.g. a CoinGecko "
      + "price feed or a WhatToMine coin feed).")
  public String name;

  @Pattern("^[A-Za-z0-9_.-]+$")
  @Size(max = 128)
  @JsonPropertyDescription("Which value of the feed to read, e.g. `ethereum-classic.usd`, `difficulty` or `block_reward`. "
      + "Omit when the feed publishes a single value.")
  public String field;

  public FeedRef() {
  }

  public FeedRef(String name, String field) {
    this.name = name;
    this.field = field;
  }
}
