package io.gpushift.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The API server's own count of a client's requests: its audit log (JSON lines), written for the measured users only.
 * One request is one event: {@code ResponseComplete}, or {@code ResponseStarted} for a watch (which completes only when
 * it ends).
 */
final class Audit {

  static final Set<String> WRITES = Set.of("create", "update", "patch", "delete", "deletecollection");

  record Request(Instant at, String user, String verb, String resource, String subresource, String namespace,
      String name, int code) {

    boolean write() {
      return WRITES.contains(verb);
    }

    /** Leader election's Lease renewals: writes by design, reported apart from writes to the operator's objects. */
    boolean lease() {
      return "leases".equals(resource);
    }

    /** e.g. {@code pods}, {@code gpunodepools/status}. */
    String what() {
      return subresource == null ? resource : resource + "/" + subresource;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path log;

  Audit(Path log) {
    this.log = log;
  }

  /** Metadata level for the given users, nothing for anyone else (kwok's 1,000-node heartbeats would dwarf them). */
  static String policy(List<String> users) {
    return "apiVersion: audit.k8s.io/v1\nkind: Policy\nomitStages: [RequestReceived]\nrules:\n"
        + "  - level: Metadata\n    users: [" + String.join(", ", users.stream().map(u -> "\"" + u + "\"").toList())
        + "]\n  - level: None\n";
  }

  List<Request> read(String user, Instant from, Instant to) {
    List<Request> out = new ArrayList<>();
    try (var lines = Files.lines(log)) {
      lines.forEach(line -> {
        Request r = parse(line);
        if (r != null && r.user.equals(user) && !r.at.isBefore(from) && r.at.isBefore(to)) {
          out.add(r);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit log " + log, e);
    }
    return out;
  }

  static Request parse(String line) {
    JsonNode e;
    try {
      e = JSON.readTree(line);
    } catch (IOException ex) {
      return null; // a line being written right now
    }
    String stage = e.path("stage").asText();
    String verb = e.path("verb").asText();
    boolean counted = "ResponseStarted".equals(stage) || ("ResponseComplete".equals(stage) && !"watch".equals(verb));
    if (!counted) {
      return null;
    }
    JsonNode ref = e.path("objectRef");
    return new Request(Instant.parse(e.path("requestReceivedTimestamp").asText()), e.path("user").path("username").asText(),
        verb, ref.path("resource").asText(e.path("requestURI").asText()), text(ref, "subresource"),
        text(ref, "namespace"), text(ref, "name"), e.path("responseStatus").path("code").asInt());
  }

  private static String text(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asText() : null;
  }

  /** "verb what" → count, sorted, for the requests that match. */
  static Map<String, Long> byVerb(List<Request> requests, Predicate<Request> which) {
    Map<String, Long> out = new TreeMap<>();
    requests.stream().filter(which).forEach(r -> out.merge(r.verb + " " + r.what(), 1L, Long::sum));
    return out;
  }
}
