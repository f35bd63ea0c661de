package io.gpushift.engine.economics;

import io.gpushift.engine.model.AiOption;
import io.gpushift.engine.model.MiningOption;
import io.gpushift.engine.model.MiningProfile;
import io.gpushift.engine.model.MiningRevenue;

/**
 * The formulas, per GPU, in USD per GPU-hour unless named otherwise (see shared/reference/economics.md).
 * Pure functions of their arguments; validation happens before.
 */
public final class Economics {
    private Economics() {
    }

    /** coins/day = hashrate / networkHashrate × 86400 / blockTime × blockReward × (1 − poolFee)(1 − devFee). */
    public static double coinsPerDay(MiningOption m, MiningProfile p) {
        double fees = (1 - m.poolFee()) * (1 - m.devFee());
        return switch (m.revenue()) {
            case MiningRevenue.Network n -> p.hashrate() / n.networkHashrate().value() * 86400.0 / n.blockTimeSeconds()
                    * n.blockReward().value() * fees;
            case MiningRevenue.Hashprice h -> h.coinPriceUsd() == null ? Double.NaN
                    : p.hashrate() * h.usdPerHashPerDay().value() * fees / h.coinPriceUsd().value();
        };
    }

    public static double miningRevenueUsdPerGpuHour(MiningOption m, MiningProfile p) {
        double fees = (1 - m.poolFee()) * (1 - m.devFee());
        return switch (m.revenue()) {
            case MiningRevenue.Network n -> coinsPerDay(m, p) * n.coinPriceUsd().value() / 24.0;
            case MiningRevenue.Hashprice h -> p.hashrate() * h.usdPerHashPerDay().value() * fees / 24.0;
        };
    }

    /** AI revenue = quoted price per GPU-hour (× token price when quoted in tokens) × utilisation. */
    public static double aiRevenueUsdPerGpuHour(AiOption a, String product) {
        double amount = a.revenuePerGpuHour().get(product).value();
        double usd = a.tokenPriceUsd() == null ? amount : amount * a.tokenPriceUsd().value();
        return usd * a.utilisation();
    }

    /** Power cost = W / 1000 × USD/kWh × PUE (one GPU for one hour). */
    public static double powerUsdPerGpuHour(double watts, double usdPerKwh, double pue) {
        return watts / 1000.0 * usdPerKwh * pue;
    }

    /** Revenue lost while a new use warms up (miner DAG build, model load): USD per GPU. */
    public static double warmUpCostUsd(double revenueUsdPerGpuHour, double seconds) {
        return revenueUsdPerGpuHour * seconds / 3600.0;
    }

    /**
     * Cost of preempting one GPU of an AI replica: the work since its last checkpoint is redone, and during the
     * checkpoint grace the GPU serves neither job; both are priced at the replica's own revenue rate.
     */
    public static double preemptionCostUsd(AiOption a, double revenueUsdPerGpuHour) {
        return revenueUsdPerGpuHour * (a.expectedLostWorkSeconds() + a.checkpointGraceSeconds()) / 3600.0;
    }
}
