package io.gpushift.operator.model;

/**
 * What the plan wants on one node beyond its pods.
 *
 * @param devicePluginConfig the nvidia.com/device-plugin.config value for the node's use, or null when the pool does not
 *                           manage the device plugin
 */
public record DesiredNode(String name, NodeUse use, String devicePluginConfig) {
}
