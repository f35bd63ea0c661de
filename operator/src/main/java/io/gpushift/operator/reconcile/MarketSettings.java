package io.gpushift.operator.reconcile;

import java.time.Clock;
import java.util.Set;

/**
 * @param secretNamespaces where feed Secrets may be read ({@code gpushift.secret-namespaces}, set by the chart from
 *                         its value secretNamespaces); empty = wherever RBAC allows
 */
public record MarketSettings(Set<String> secretNamespaces, Clock clock) {
}
