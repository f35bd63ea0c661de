package io.gpushift.engine;

import io.gpushift.engine.model.AiOption;
import io.gpushift.engine.model.Commitment;
import io.gpushift.engine.model.DisruptionBudget;
import io.gpushift.engine.model.Hysteresis;
import io.gpushift.engine.model.MarketValue;
import io.gpushift.engine.model.MiningOption;
import io.gpushift.engine.model.MiningProfile;
import io.gpushift.engine.model.MiningRevenue;
import io.gpushift.engine.model.Mode;
import io.gpushift.engine.model.NodePool;
import io.gpushift.engine.model.Tariff;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** Hand-made objects with figures from economics.md. */
public final class Fixtures {
    public static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    public static final String H100 = "NVIDIA-H100-80GB-HBM3";
    public static final String RTX3090 = "NVIDIA-GeForce-RTX-3090";

    public static NodePool pool(String name, double usdPerKwh, Hysteresis h, Duration dwell, DisruptionBudget b, Mode mode) {
        return new NodePool(name, Tariff.fixed(usdPerKwh), 1.2, Map.of(H100, 69.0), Duration.ofHours(24), h, dwell, b,
                mode, false);
    }

    public static NodePool pool(String name) {
        return pool(name, 0.08, Hysteresis.NONE, Duration.ZERO, DisruptionBudget.UNLIMITED, Mode.AUTO);
    }

    /** ETC: 2.048 ETC per 13 s block, 200 TH/s network, 1 % pool fee; RTX 3090 120 MH/s at 330 W. */
    public static MiningOption etc(double coinPrice) {
        return new MiningOption("default/etc", "ETC", "etchash",
                new MiningRevenue.Network(MarketValue.of(2.048), 13, MarketValue.of(2e14),
                        new MarketValue(coinPrice, "coingecko", NOW.minusSeconds(60))),
                0.01, 0, 20, Map.of(RTX3090, new MiningProfile(1.2e8, 330), H100, new MiningProfile(1.79e8, 505)),
                null, Set.of(), false, true);
    }

    public static AiOption llm(String id, double usdPerGpuHour, int k, int min, int max, Commitment c) {
        return new AiOption(id, k, min, max, Set.of(), 0,
                Map.of(H100, MarketValue.of(usdPerGpuHour), RTX3090, MarketValue.of(usdPerGpuHour / 10)), null,
                Map.of(H100, 700.0, RTX3090, 350.0), c, 30, 600, 25, 0, 1, true);
    }
}
