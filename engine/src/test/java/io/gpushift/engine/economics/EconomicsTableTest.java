package io.gpushift.engine.economics;

import io.gpushift.engine.model.AiOption;
import io.gpushift.engine.model.Commitment;
import io.gpushift.engine.model.MarketValue;
import io.gpushift.engine.model.MiningOption;
import io.gpushift.engine.model.MiningProfile;
import io.gpushift.engine.model.MiningRevenue;
import io.gpushift.engine.model.Tariff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Hand-computed cases (the expected figures were worked out with the formulas of economics.md, not by this code). */
class EconomicsTableTest {

    static MiningOption network(double hashrate, double watts, double reward, double blockTime, double netHash,
                                double price, double poolFee, double devFee, double warmUp) {
        return new MiningOption("default/etc", "ETC", "etchash",
                new MiningRevenue.Network(MarketValue.of(reward), blockTime, MarketValue.of(netHash), MarketValue.of(price)),
                poolFee, devFee, warmUp, Map.of("GPU", new MiningProfile(hashrate, watts)), null, Set.of(), false, true);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // case, hashrate H/s, W, blockReward, blockTime s, network H/s, coin USD, poolFee, devFee, coins/day, revenue USD/h
            // RTX 3090 ETC 120 MH/s: 1.2e8/2e14 × 86400/13 × 2.048 × 0.99 = 0.0080851259 ETC/day; × $20 / 24 = 0.0067376049 $/h
            "RTX 3090 on ETC,     1.2e8, 330, 2.048, 13, 2e14, 20, 0.01, 0,    0.008085125907692, 0.006737604923077",
            // RTX 3060 45 MH/s, 1 % pool and 1 % dev fee: 4.5e7/2e14 × 6646.1538 × 2.048 × 0.99 × 0.99 = 0.0030016030
            "RTX 3060 on ETC,     4.5e7, 95,  2.048, 13, 2e14, 20, 0.01, 0.01, 0.003001602993231, 0.002501335827692",
            // RVN: 2.3e7 / 5e12 × 1440 × 2500 = 16.56 RVN/day, no fees; × $0.02 / 24 = 0.0138 $/h
            "RTX 3060 on RVN,     2.3e7, 115, 2500,  60, 5e12, 0.02, 0, 0,     16.56,             0.0138",
    })
    void miningNetworkFormula(String name, double hashrate, double watts, double reward, double blockTime, double netHash,
                              double price, double poolFee, double devFee, double coinsPerDay, double usdPerHour) {
        MiningOption m = network(hashrate, watts, reward, blockTime, netHash, price, poolFee, devFee, 0);
        MiningProfile p = m.profiles().get("GPU");
        assertThat(Economics.coinsPerDay(m, p)).isCloseTo(coinsPerDay, within(1e-12 + coinsPerDay * 1e-9));
        assertThat(Economics.miningRevenueUsdPerGpuHour(m, p)).isCloseTo(usdPerHour, within(1e-12 + usdPerHour * 1e-9));
    }

    @ParameterizedTest(name = "{0} W at {1} $/kWh, PUE {2}")
    @CsvSource({
            "330, 0.08, 1.2, 0.03168",   // RTX 3090 mining: 0.33 kW × 0.08 × 1.2
            "700, 0.08, 1.2, 0.0672",    // H100 AI
            "69,  0.08, 1.2, 0.006624",  // H100 idle (measured 69 W)
            "505, 0.021, 1.05, 0.011135250",
            "250, 0,    1.5, 0",
    })
    void powerCost(double watts, double usdPerKwh, double pue, double expected) {
        assertThat(Economics.powerUsdPerGpuHour(watts, usdPerKwh, pue)).isCloseTo(expected, within(1e-12));
    }

    static AiOption ai(Map<String, MarketValue> revenue, MarketValue token, double utilisation) {
        return new AiOption("ml/llm", 1, 0, 4, Set.of(), 0, revenue, token, Map.of("H100", 700.0),
                Commitment.PREEMPTIBLE, 30, 600, 25, 0, utilisation, true);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // case, price per GPU-h (USD or tokens), token USD (0 = USD), utilisation, revenue $/h, profit at 0.08 $/kWh PUE 1.2 and 700 W
            "H100 at $2.35,             2.35, 0,     1,   2.35, 2.2828",
            "'H100 at $2.35, 80 % used', 2.35, 0,     0.8, 1.88, 1.8128",
            "10 tokens at $0.235,       10,   0.235, 1,   2.35, 2.2828",
            "'40 tokens at $0.05, 50 %', 40,   0.05,  0.5, 1.0,  0.9328",
    })
    void aiRevenueAndProfit(String name, double amount, double token, double utilisation, double revenue, double profit) {
        AiOption a = ai(Map.of("H100", MarketValue.of(amount)), token == 0 ? null : MarketValue.of(token), utilisation);
        double r = Economics.aiRevenueUsdPerGpuHour(a, "H100");
        assertThat(r).isCloseTo(revenue, within(1e-12));
        assertThat(r - Economics.powerUsdPerGpuHour(700, 0.08, 1.2)).isCloseTo(profit, within(1e-12));
    }

    @Test
    void hashpriceAndDifficulty() {
        // 100 TH/s at $50 per PH/s per day = 5e-14 $/(H/s)/day → $5/day, minus 2 % pool fee = $4.90/day = 0.2041667 $/h
        MiningOption m = new MiningOption("btc/pool", "BTC", "sha256",
                new MiningRevenue.Hashprice(MarketValue.of(5e-14), MarketValue.of(100_000)), 0.02, 0, 0,
                Map.of("GPU", new MiningProfile(1e14, 3250)), null, Set.of(), false, true);
        MiningProfile p = m.profiles().get("GPU");
        assertThat(Economics.miningRevenueUsdPerGpuHour(m, p)).isCloseTo(4.9 / 24, within(1e-12));
        assertThat(Economics.coinsPerDay(m, p)).isCloseTo(4.9 / 100_000, within(1e-15));
        // Bitcoin family: difficulty 1e14 × 2^32 / 600 s = 7.158278826666667e20 H/s; Ethash family: 1.3e15 / 13 = 1e14 H/s
        assertThat(MiningRevenue.Network.bitcoinHashrate(MarketValue.of(1e14), 600).value()).isCloseTo(7.158278826666667e20, within(1e6));
        assertThat(MiningRevenue.Network.ethashHashrate(MarketValue.of(1.3e15), 13).value()).isCloseTo(1e14, within(1e-3));
    }

    @Test
    void switchCosts() {
        // ETC warm-up 20 s at 0.0067376049 $/h = 3.7431138e-5 $
        assertThat(Economics.warmUpCostUsd(0.006737604923077, 20)).isCloseTo(3.743113846e-5, within(1e-13));
        // preempting an H100 replica at $2.35/h: (600 s lost work + 30 s checkpoint) × 2.35 / 3600 = 0.41125 $
        AiOption a = ai(Map.of("H100", MarketValue.of(2.35)), null, 1);
        assertThat(Economics.preemptionCostUsd(a, 2.35)).isCloseTo(0.41125, within(1e-12));
    }

    @Test
    void timeOfUseTariff() {
        Tariff t = new Tariff(MarketValue.of(0.08),
                List.of(new Tariff.Window(LocalTime.of(17, 0), LocalTime.of(21, 0), 0.30),
                        new Tariff.Window(LocalTime.of(23, 0), LocalTime.of(1, 0), 0.05)), ZoneId.of("UTC"));
        Instant midnight = Instant.parse("2026-11-25T00:00:00Z");
        assertThat(t.usdPerKwhAt(midnight.plus(Duration.ofHours(18)))).isEqualTo(0.30);
        assertThat(t.usdPerKwhAt(midnight.plus(Duration.ofMinutes(30)))).isEqualTo(0.05); // wraps midnight
        assertThat(t.usdPerKwhAt(midnight.plus(Duration.ofHours(12)))).isEqualTo(0.08);
        // 4 h at 0.30, 2 h at 0.05, 18 h at 0.08 → (1.2 + 0.1 + 1.44) / 24 = 0.1141667
        assertThat(t.meanUsdPerKwh(midnight, Duration.ofHours(24))).isCloseTo(2.74 / 24, within(1e-12));
    }
}
