package io.gpushift.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** One priced period of a time-of-use tariff. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.start) || !has(self.end) || self.start != self.end",
    message = "start and end must differ", fieldPath = ".end")
public class TariffWindow {

  @Size(max = 7)
  @JsonPropertyDescription("Days on which the window starts: any of Mon, Tue, Wed, Thu, Fri, Sat, Sun. Omit for every "
      + "day.")
  public List<Weekday> days;

  @Required
  @Pattern(Patterns.TIME_OF_DAY)
  @Size(max = 5)
  @JsonPropertyDescription("Local start time, HH:MM (24-hour), inclusive.")
  public String start;

  @Required
  @Pattern(Patterns.TIME_OF_DAY)
  @Size(max = 5)
  @JsonPropertyDescription("Local end time, HH:MM (24-hour, `24:00` for midnight), exclusive. An end before the start "
      + "means the window runs past midnight into the next day.")
  public String end;

  @Required
  @Min(0)
  @Max(10)
  @JsonPropertyDescription("Price in USD per kWh inside the window.")
  public Double usdPerKWh;

  /** Three-letter day names, as crontab and most tariff sheets write them. */
  public enum Weekday {
    Mon, Tue, Wed, Thu, Fri, Sat, Sun
  }
}
