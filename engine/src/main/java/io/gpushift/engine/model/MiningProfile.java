package io.gpushift.engine.model;

/** What one GPU of a product does on one algorithm: hashrate in H/s at a power draw in W. */
public record MiningProfile(double hashrate, double watts) {
}
