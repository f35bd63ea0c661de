package io.gpushift.engine.economics;

/**
 * One line of the ledger: one option on one GPU product in one pool (electricity differs per pool), per GPU.
 *
 * @param pool                   GPUNodePool
 * @param gpuProduct             GPU product
 * @param option                 option id, or {@code idle}
 * @param kind                   mining, ai or idle
 * @param coinsPerDay            mining only (NaN otherwise, or when a hashprice has no coin price)
 * @param revenueUsdPerGpuHour   revenue
 * @param powerUsdPerGpuHour     electricity incl. PUE
 * @param profitUsdPerGpuHour    revenue − power
 * @param switchInUsd            revenue lost when a GPU starts this use (warm-up / model load)
 * @param switchOutUsd           cost when a GPU leaves this use (lost work and checkpoint time for AI)
 * @param eligible               the planner may give GPUs of this product to this option (price, profile, loss rule)
 * @param note                   why not eligible, or the cited market values
 */
public record LedgerEntry(String pool, String gpuProduct, String option, Kind kind, double coinsPerDay,
                          double revenueUsdPerGpuHour, double powerUsdPerGpuHour, double profitUsdPerGpuHour,
                          double switchInUsd, double switchOutUsd, boolean eligible, String note) {
    public enum Kind { MINING, AI, IDLE }

    public static final String IDLE = "idle";
}
