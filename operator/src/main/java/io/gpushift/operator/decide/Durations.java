package io.gpushift.operator.decide;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go-style durations as the API's Patterns.DURATION accepts them: 90s, 30m, 6h, 1h30m, 1.5h. */
public final class Durations {

  private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)");

  private Durations() {
  }

  public static Duration parse(String text, Duration fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    Matcher m = PART.matcher(text);
    double millis = 0;
    int end = 0;
    while (m.find() && m.start() == end) {
      double v = Double.parseDouble(m.group(1));
      millis += switch (m.group(2)) {
        case "ms" -> v;
        case "s" -> v * 1_000;
        case "m" -> v * 60_000;
        default -> v * 3_600_000;
      };
      end = m.end();
    }
    if (end != text.length()) {
      throw new IllegalArgumentException("not a duration: " + text);
    }
    return Duration.ofMillis(Math.round(millis));
  }
}
