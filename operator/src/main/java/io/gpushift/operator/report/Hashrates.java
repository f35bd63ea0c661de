package io.gpushift.operator.report;

import java.math.BigDecimal;
import java.math.MathContext;

/** Hashrates in H/s as the quantities users write in profiles (e.g. {@code 1.2G}): three significant digits. */
final class Hashrates {

  private static final String[] PREFIXES = {"", "k", "M", "G", "T", "P", "E"};

  private Hashrates() {
  }

  static String format(double hashesPerSecond) {
    if (!(hashesPerSecond > 0) || Double.isInfinite(hashesPerSecond)) {
      return "0";
    }
    int i = 0;
    double v = hashesPerSecond;
    while (v >= 1000 && i < PREFIXES.length - 1) {
      v /= 1000;
      i++;
    }
    return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString() + PREFIXES[i];
  }
}
