package io.gpushift.api.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gpushift.api.v1alpha1.AIWorkload;
import io.gpushift.api.v1alpha1.GPUNodePool;
import io.gpushift.api.v1alpha1.MiningPool;
import io.gpushift.engine.model.AiOption;
import io.gpushift.engine.model.Commitment;
import io.gpushift.engine.model.MarketValue;
import io.gpushift.engine.model.MiningOption;
import io.gpushift.engine.model.MiningRevenue;
import io.gpushift.engine.model.Mode;
import io.gpushift.engine.model.NodePool;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The committed valid samples, translated: every API default and unit conversion checked against the engine's terms. */
class EngineInputsTest {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final EngineInputs STATIC_ONLY = new EngineInputs(FeedLookup.NONE);

    static <T> T sample(String file, Class<T> type) throws IOException {
        T r = YAML.readValue(Path.of("src/test/resources/valid", file).toFile(), type);
        if (r instanceof io.fabric8.kubernetes.api.model.HasMetadata h && h.getMetadata().getNamespace() == null
                && !(r instanceof GPUNodePool)) {
            h.getMetadata().setNamespace("default");
        }
        return r;
    }

    @Test
    void miningPoolUnitsBecomeFractionsAndHashesPerSecond() throws IOException {
        MiningOption etc = STATIC_ONLY.mining(sample("miningpool-etc.yaml", MiningPool.class)).option();
        assertThat(etc.id()).isEqualTo("default/etc");
        assertThat(etc.poolFee()).isCloseTo(0.01, within(1e-12));
        assertThat(etc.devFee()).isCloseTo(0.007, within(1e-12));
        assertThat(etc.profiles().get("NVIDIA-GeForce-RTX-3090").hashrate()).isEqualTo(120e6);
        assertThat(etc.warmUpSeconds()).isEqualTo(20);
        assertThat(etc.allowedPools()).containsExactly("farm-a");
        MiningRevenue.Network n = (MiningRevenue.Network) etc.revenue();
        assertThat(n.networkHashrate().value()).isEqualTo(190e12);
        assertThat(n.blockTimeSeconds()).isEqualTo(13);
        assertThat(etc.marketDataFresh()).isTrue();
    }

    @Test
    void measuredWattsReplaceTypedOnesOnlyWhileFreshAndNeverHoldTheOption() throws IOException {
        MiningPool etc = sample("miningpool-etc.yaml", MiningPool.class);
        Instant seen = Instant.parse("2026-11-25T12:00:00Z");
        String product = "NVIDIA-GeForce-RTX-3090";

        EngineInputs measured = new EngineInputs(ref -> FeedLookup.Resolution.fresh(
                new MarketValue(301.5, "feed " + ref.name + "/" + ref.field, seen)));
        assertThat(measured.mining(etc).option().profiles().get(product).watts()).isEqualTo(301.5);
        assertThat(measured.mining(etc).inputs()).singleElement()
                .satisfies(in -> assertThat(in.field()).isEqualTo("spec.profiles[0].measuredWatts"));

        EngineInputs.Translated<MiningOption> dead = STATIC_ONLY.mining(etc);
        assertThat(dead.option().profiles().get(product).watts()).as("typed fallback").isEqualTo(330);
        assertThat(dead.option().marketDataFresh()).isTrue();
        assertThat(dead.staleReasons()).isEmpty();
        assertThat(dead.inputs()).singleElement().satisfies(in -> {
            assertThat(in.fresh()).isFalse();
            assertThat(in.reason()).endsWith("typed watts 330 used");
        });

        EngineInputs zero = new EngineInputs(ref -> FeedLookup.Resolution.fresh(new MarketValue(0, "dcgm", seen)));
        assertThat(zero.mining(etc).option().profiles().get(product).watts()).as("an idle reading is no profile")
                .isEqualTo(330);
    }

    @Test
    void poolPolicyDurationsModeAndBudget() throws IOException {
        NodePool pool = STATIC_ONLY.pool(sample("gpunodepool-fixed-price.yaml", GPUNodePool.class));
        assertThat(pool.horizon()).isEqualTo(Duration.ofHours(6));
        assertThat(pool.minDwell()).isEqualTo(Duration.ofMinutes(30));
        assertThat(pool.mode()).isEqualTo(Mode.AUTO);
        assertThat(pool.pue()).isEqualTo(1.1);
        assertThat(pool.disruptionBudget().limit(100)).isEqualTo(10);
        assertThat(pool.hysteresis().minGainPercent()).isEqualTo(5);
        assertThat(pool.idleWattsFor("NVIDIA-H100-80GB-HBM3")).isEqualTo(69);
    }

    @Test
    void timeOfUseWindowsKeepTheirWeekdaysAndZone() throws IOException {
        NodePool pool = STATIC_ONLY.pool(sample("gpunodepool-time-of-use.yaml", GPUNodePool.class));
        assertThat(pool.mode()).isEqualTo(Mode.RECOMMEND);
        // 2026-11-25 is a Wednesday: 15:00 in Chicago (CST, UTC-6) is 21:00 UTC → the weekday peak.
        assertThat(pool.tariff().usdPerKwhAt(Instant.parse("2026-11-25T21:00:00Z"))).isEqualTo(0.15);
        // Saturday 15:00 local: the peak window is weekdays only → base price.
        assertThat(pool.tariff().usdPerKwhAt(Instant.parse("2026-11-28T21:00:00Z"))).isEqualTo(0.032);
        // Saturday 03:00 local: inside the every-day 22:00–06:00 night window.
        assertThat(pool.tariff().usdPerKwhAt(Instant.parse("2026-11-28T09:00:00Z"))).isEqualTo(0.025);
    }

    @Test
    void tokenPricesConvertToUsdAndAMissingFeedHoldsTheOption() throws IOException {
        AIWorkload nunet = sample("aiworkload-nunet-token.yaml", AIWorkload.class);

        EngineInputs.Translated<AiOption> withoutFeeds = STATIC_ONLY.ai(nunet);
        assertThat(withoutFeeds.option().marketDataFresh()).isFalse();
        assertThat(withoutFeeds.staleReasons()).singleElement().asString()
                .contains("spec.profiles[0].tokenPriceUsd").contains("coingecko");

        Instant seen = Instant.parse("2026-11-25T12:00:00Z");
        EngineInputs live = new EngineInputs(ref -> FeedLookup.Resolution.fresh(
                new MarketValue(0.05, "feed " + ref.name + "/" + ref.field, seen)));
        AiOption option = live.ai(nunet).option();
        assertThat(option.marketDataFresh()).isTrue();
        MarketValue usd = option.revenuePerGpuHour().get("NVIDIA-GeForce-RTX-4090");
        assertThat(usd.value()).isCloseTo(20 * 0.05, within(1e-12));
        assertThat(usd.source()).contains("NTX").contains("coingecko");
        assertThat(usd.observedAt()).isEqualTo(seen);
        assertThat(option.commitment()).isEqualTo(Commitment.PREEMPTIBLE);
        assertThat(option.utilisation()).isEqualTo(0.5);
        assertThat(live.ai(nunet).inputs()).singleElement().satisfies(in -> {
            assertThat(in.field()).isEqualTo("spec.profiles[0].tokenPriceUsd");
            assertThat(in.value().value()).isEqualTo(0.05);
            assertThat(in.fresh()).isTrue();
        });
    }

    @Test
    void aStaleElectricityFeedIsReportedWithTheValueItLastHad() throws IOException {
        GPUNodePool spot = sample("gpunodepool-feed.yaml", GPUNodePool.class);
        Instant seen = Instant.parse("2026-11-25T12:00:00Z");
        EngineInputs stale = new EngineInputs(ref -> FeedLookup.Resolution.unavailable(
                new MarketValue(0.031, "feed " + ref.namespace + "/" + ref.name, seen), "Stale: older than maxAge 20m"));

        EngineInputs.Translated<NodePool> t = stale.poolWithInputs(spot);

        assertThat(t.option().tariff().usdPerKwhAt(seen)).isEqualTo(0.031);
        assertThat(t.staleReasons()).singleElement().asString().startsWith("spec.electricity.feedRef: Stale");
        assertThat(t.inputs()).singleElement().satisfies(in -> {
            assertThat(in.ref().namespace).isEqualTo("market-feeds");
            assertThat(in.fresh()).isFalse();
            assertThat(in.value().source()).isEqualTo("feed market-feeds/ercot-realtime");
        });
        assertThat(STATIC_ONLY.poolWithInputs(sample("gpunodepool-fixed-price.yaml", GPUNodePool.class)).inputs())
                .isEmpty();
    }

    @Test
    void nodeSelectionFollowsTheSelectorAndDefaultsToGpuNodes() throws IOException {
        GPUNodePool farm = sample("gpunodepool-fixed-price.yaml", GPUNodePool.class);
        Map<String, String> inFarm = Map.of("nvidia.com/gpu.present", "true", "topology.kubernetes.io/zone", "farm-a");
        assertThat(NodeSelection.selects(farm, inFarm)).isTrue();
        assertThat(NodeSelection.selects(farm, Map.of("nvidia.com/gpu.present", "true"))).isFalse();
        farm.getSpec().nodeSelector = null;
        assertThat(NodeSelection.selects(farm, Map.of("nvidia.com/gpu.present", "true"))).isTrue();
        assertThat(NodeSelection.selects(farm, Map.of())).isFalse();
    }

    @Test
    void aTimeZoneTheJdkDoesNotKnowNamesTheField() throws IOException {
        GPUNodePool pool = YAML.readValue("""
                apiVersion: gpushift.io/v1alpha1
                kind: GPUNodePool
                metadata: {name: farm}
                spec:
                  electricity:
                    timeOfUse: {timezone: America/NewYork, usdPerKWh: 0.08, windows: [{start: "17:00", end: "21:00", usdPerKWh: 0.3}]}
                """, GPUNodePool.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> STATIC_ONLY.pool(pool))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("spec.electricity.timeOfUse.timezone America/NewYork is not a known IANA time zone");
    }
}
