package io.gpushift.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/**
 * Switching policy of a node pool. Every knob here exists to stop the planner from chasing noise: a move must pay back
 * its switch cost within the horizon, beat the hysteresis margin, respect the dwell time and fit the disruption budget.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Policy {

  /** What the operator does with its decisions. */
  public enum Mode {
    Auto, Recommend, Paused
  }

  /** What a GPU does when no option earns more than it costs. */
  public enum WhenNothingPays {
    Idle, Hold
  }

  @Default("Auto")
  @JsonPropertyDescription("`Auto`: decide and apply. `Recommend`: decide and report in status and events, change "
      + "nothing. `Paused`: neither decide nor change. Default `Auto`.")
  public Mode mode;

  @Default("6h")
  @Pattern(Patterns.DURATION)
  @Size(max = 32)
  @JsonPropertyDescription("Horizon over which a switch must pay back its cost (lost warm-up revenue and lost work), "
      + "as a duration such as `6h` or `90m`. Longer means more willing to switch. Default `6h`.")
  public String paybackHorizon;

  @JsonPropertyDescription("Extra margin a move must clear on top of paying back its cost, against flapping. Omit for "
      + "no margin.")
  public Hysteresis hysteresis;

  @Default("30m")
  @Pattern(Patterns.DURATION)
  @Size(max = 32)
  @JsonPropertyDescription("Minimum time a GPU stays in a use before it may be moved again, as a duration such as "
      + "`30m`. Default `30m`.")
  public String minDwell;

  @JsonPropertyDescription("Limits how many GPUs may be switched per interval. Omit for no limit.")
  public DisruptionBudget disruptionBudget;

  @Default("Idle")
  @JsonPropertyDescription("When no option is profitable for a GPU: `Idle` moves it to the idle configuration (it then "
      + "costs only its idle watts); `Hold` leaves it where it is (work that runs at a loss is not stopped for that reason: mining at a loss is allowed in this pool). MiningPools with `allowLoss` are still considered "
      + "profitable enough to run. Default `Idle`.")
  public WhenNothingPays whenNothingPays;
}
