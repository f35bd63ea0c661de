package io.gpushift.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** A tariff whose price depends on the local day and time; windows cover the expensive (or cheap) hours. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TimeOfUse {

  @Default("UTC")
  @Pattern("^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$")
  @Size(max = 64)
  @JsonPropertyDescription("IANA time zone in which the windows' days and times are read, e.g. `America/Chicago`. "
      + "Default `UTC`.")
  public String timezone;

  @Required
  @Min(0)
  @Max(10)
  @JsonPropertyDescription("Price in USD per kWh at any time no window covers.")
  public Double usdPerKWh;

  @Required
  @Size(min = 1, max = 48)
  @JsonPropertyDescription("Time windows with their own price. When windows overlap, the first one listed wins.")
  public List<TariffWindow> windows;
}
