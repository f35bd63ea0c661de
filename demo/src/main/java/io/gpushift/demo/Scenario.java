package io.gpushift.demo;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A market scenario replayed against the cluster: timed steps, each a change of the static market values in the
 * resources (what a GitOps commit of new prices would do), with the source of every figure.
 *
 * @param title         one line for the page
 * @param description   what the scenario is and how it is fast-forwarded
 * @param marketDay     the (simulated) day the market clock runs on, e.g. {@code 2026-08-17}
 * @param namespace     namespace of the scenario's MiningPools and AIWorkloads
 * @param resources     classpath resources applied before the first step
 * @param steps         in order of {@code at}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Scenario(String title, String description, String marketDay, String namespace, List<String> resources,
                       List<Step> steps) {

  /**
   * @param at         real time after the start, Go-style ({@code 45s}, {@code 2m}); divided by the speed factor
   * @param marketTime the simulated clock at this step ({@code HH:MM})
   * @param title      what happens
   * @param why        what GPUShift should do about it
   * @param source     where each figure comes from, or "illustrative"
   * @param patches    value changes
   * @param apply      classpath resources (YAML) applied at this step
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Step(String at, String marketTime, String title, String why, String source, List<Patch> patches,
                     List<String> apply) {
    public Duration offset() {
      return parseDuration(at);
    }

    public List<Patch> patches() {
      return patches == null ? List.of() : patches;
    }

    public List<String> apply() {
      return apply == null ? List.of() : apply;
    }
  }

  /** A JSON Patch {@code replace} of {@code path} on the object {@code kind/name} (in the scenario's namespace). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Patch(String kind, String name, String path, Object value, String label) {
  }

  public static final String API_VERSION = "gpushift.io/v1alpha1";

  public static Scenario load(InputStream in) throws IOException {
    Scenario s = new YAMLMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
        .readValue(in, Scenario.class);
    Duration last = Duration.ZERO;
    for (Step step : s.steps()) {
      if (step.offset().compareTo(last) < 0) {
        throw new IOException("scenario step '" + step.title() + "' at " + step.at() + " comes before the step before it");
      }
      last = step.offset();
    }
    return s;
  }

  public static Scenario bundled() {
    try (InputStream in = Scenario.class.getResourceAsStream("/scenario.yaml")) {
      return load(in);
    } catch (IOException e) {
      throw new IllegalStateException("bundled scenario.yaml: " + e.getMessage(), e);
    }
  }

  /** {@code 90s}, {@code 2m}, {@code 1m30s}, {@code 500ms}. */
  static Duration parseDuration(String text) {
    var m = java.util.regex.Pattern.compile("([0-9]+)(ms|s|m|h)").matcher(text.trim().toLowerCase(Locale.ROOT));
    Duration d = Duration.ZERO;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        throw new IllegalArgumentException("not a duration: " + text);
      }
      long n = Long.parseLong(m.group(1));
      d = d.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      });
      end = m.end();
    }
    if (end != text.trim().length() || end == 0) {
      throw new IllegalArgumentException("not a duration: " + text);
    }
    return d;
  }
}
