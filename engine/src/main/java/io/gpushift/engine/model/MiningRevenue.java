package io.gpushift.engine.model;

/** How a mining option earns: by the network formula, or by a quoted hashprice. */
public sealed interface MiningRevenue {

    /**
     * WhatToMine-style network formula.
     *
     * @param blockReward      coins per block
     * @param blockTimeSeconds mean seconds per block
     * @param networkHashrate  network hashrate in H/s
     * @param coinPriceUsd     USD per coin
     */
    record Network(MarketValue blockReward, double blockTimeSeconds, MarketValue networkHashrate,
                   MarketValue coinPriceUsd) implements MiningRevenue {

        /** Network hashrate from difficulty: Ethash family ≈ difficulty / block time. */
        public static MarketValue ethashHashrate(MarketValue difficulty, double blockTimeSeconds) {
            return new MarketValue(difficulty.value() / blockTimeSeconds, difficulty.source() + " (difficulty/blockTime)",
                    difficulty.observedAt());
        }

        /** Network hashrate from difficulty: Bitcoin family = difficulty × 2^32 / block time. */
        public static MarketValue bitcoinHashrate(MarketValue difficulty, double blockTimeSeconds) {
            return new MarketValue(difficulty.value() * 4294967296.0 / blockTimeSeconds,
                    difficulty.source() + " (difficulty×2^32/blockTime)", difficulty.observedAt());
        }
    }

    /**
     * @param usdPerHashPerDay USD earned per H/s per day (e.g. a PH/s hashprice divided by 1e15); coinPriceUsd is
     *                         then only used to report coins per day and may be null
     */
    record Hashprice(MarketValue usdPerHashPerDay, MarketValue coinPriceUsd) implements MiningRevenue {
    }
}
