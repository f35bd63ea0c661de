package io.gpushift.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus text from the operator's /q/metrics: histogram buckets, differenced between two scrapes. */
final class Prom {

  private static final Pattern BUCKET = Pattern.compile("^(\\w+)_bucket\\{(.*)le=\"([^\"]+)\"[^}]*}\\s+(\\S+)");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  static String scrape(int port) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** Cumulative bucket counts (upper bound → count) of one histogram, summed over series whose labels contain
   * {@code labelPart}. */
  static Map<Double, Double> buckets(String text, String metric, String labelPart) {
    Map<Double, Double> out = new TreeMap<>();
    for (String line : text.split("\n")) {
      Matcher m = BUCKET.matcher(line);
      if (m.find() && m.group(1).equals(metric) && m.group(2).contains(labelPart)) {
        double le = "+Inf".equals(m.group(3)) ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(3));
        out.merge(le, Double.parseDouble(m.group(4)), Double::sum);
      }
    }
    return out;
  }

  static Map<Double, Double> minus(Map<Double, Double> after, Map<Double, Double> before) {
    Map<Double, Double> out = new TreeMap<>();
    after.forEach((le, c) -> out.put(le, c - before.getOrDefault(le, 0.0)));
    return out;
  }

  static double count(Map<Double, Double> cumulative) {
    return cumulative.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
  }

  /** The q-quantile in seconds, interpolated linearly inside its bucket (as PromQL's histogram_quantile); NaN if empty. */
  static double quantile(Map<Double, Double> cumulative, double q) {
    double total = count(cumulative);
    if (total <= 0) {
      return Double.NaN;
    }
    double rank = q * total;
    double lower = 0;
    double below = 0;
    for (var e : cumulative.entrySet()) {
      if (e.getValue() >= rank) {
        if (e.getKey().isInfinite()) {
          return lower;
        }
        double inBucket = e.getValue() - below;
        return inBucket <= 0 ? e.getKey() : lower + (e.getKey() - lower) * (rank - below) / inBucket;
      }
      lower = e.getKey();
      below = e.getValue();
    }
    return lower;
  }
}
