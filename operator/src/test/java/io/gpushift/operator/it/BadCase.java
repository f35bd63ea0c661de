package io.gpushift.operator.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * One file of the operator's bad corpus ({@code src/test/resources/bad-semantic}): an object the API server accepts
 * but the operator must refuse to plan from, and what it must say. Header lines: {@code # Mistake:} (for people),
 * {@code # condition: Type=Status/Reason} and {@code # expect:} fragments the message must contain. The case object
 * is the file's last document; documents before it are what it needs (a Secret, a ConfigMap). {@code ${POOL}} is the
 * test's GPUNodePool (named after its namespace), whose two 8-GPU H100 nodes are labelled with it.
 */
record BadCase(String file, String mistake, String type, String status, String reason, List<String> expects,
    List<String> documents) {

  static final String DIR = "/bad-semantic";

  static List<BadCase> all(String pool) {
    try (Stream<Path> files = Files.list(Path.of(BadCase.class.getResource(DIR).toURI()))) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().map(f -> load(f, pool)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static BadCase load(Path file, String pool) {
    try {
      String text = Files.readString(file).replace("${POOL}", pool);
      List<String> lines = text.lines().toList();
      String condition = header(lines, "# condition:").get(0);
      String[] typeRest = condition.split("=", 2);
      String[] statusReason = typeRest[1].split("/", 2);
      List<String> docs = Arrays.stream(text.split("(?m)^---\\s*$")).filter(d -> d.contains("kind:")).toList();
      return new BadCase(file.getFileName().toString().replace(".yaml", ""), header(lines, "# Mistake:").get(0),
          typeRest[0], statusReason[0], statusReason[1], header(lines, "# expect:"), docs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> header(List<String> lines, String prefix) {
    return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).strip()).toList();
  }

  String condition() {
    return type + "=" + status + "/" + reason;
  }

  @Override
  public String toString() {
    return file;
  }
}
