package io.gpushift.operator.report;

import io.gpushift.operator.decide.OptionOutcome;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * The pool loops' latest word on every option, kept in memory so each object has one status writer: a GPUNodePool's
 * loop publishes here and never patches a MiningPool or AIWorkload; their own reconcilers read from here. Listeners hear
 * only of options whose outcome actually changed, so a quiet cluster causes no status writes.
 */
public final class OptionStore {

  /** option id → pool → outcome. */
  private final Map<String, Map<String, OptionOutcome>> byOption = new ConcurrentHashMap<>();
  private final Set<String> decided = ConcurrentHashMap.newKeySet();
  private final List<BiConsumer<String, Boolean>> listeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> firstListeners = new CopyOnWriteArrayList<>();

  /** Replaces everything {@code pool} said before with {@code outcomes}; tells listeners which options changed. */
  public void publish(String pool, Map<String, OptionOutcome> outcomes) {
    Map<String, Boolean> changed = new TreeMap<>();
    boolean first;
    synchronized (this) {
      first = decided.isEmpty();
      for (var entry : byOption.entrySet()) {
        if (!outcomes.containsKey(entry.getKey())) {
          OptionOutcome gone = entry.getValue().remove(pool);
          if (gone != null) {
            changed.put(entry.getKey(), gone.ai());
          }
        }
      }
      outcomes.forEach((id, fresh) -> {
        Map<String, OptionOutcome> pools = byOption.computeIfAbsent(id, k -> new ConcurrentHashMap<>());
        OptionOutcome merged = carryPreemption(pools.get(pool), fresh);
        if (!Objects.equals(pools.put(pool, merged), merged)) {
          changed.put(id, fresh.ai());
        }
      });
      byOption.values().removeIf(Map::isEmpty);
      decided.add(pool);
    }
    if (first) {
      firstListeners.forEach(Runnable::run);
    }
    changed.forEach((id, ai) -> listeners.forEach(l -> l.accept(id, ai)));
  }

  /** A deleted pool: its share of every option goes. */
  public void forget(String pool) {
    publish(pool, Map.of());
    decided.remove(pool);
  }

  /** Per pool, the latest outcome of {@code option}; empty when no pool considered it. */
  public Map<String, OptionOutcome> of(String option) {
    return Map.copyOf(byOption.getOrDefault(option, Map.of()));
  }

  /** Whether any pool has decided since this process started; until then statuses keep what they had. */
  public boolean anyDecided() {
    return !decided.isEmpty();
  }

  /** {@code listener} gets (option id, is AI) for every option whose outcome changed. */
  public void onChange(BiConsumer<String, Boolean> listener) {
    listeners.add(listener);
  }

  /**
   * {@code listener} runs when a pool decides and none had before (since start, or since the last pool was deleted):
   * an object no pool considers has no outcome that changes, yet its status depends on whether any pool has decided
   * ({@code NoPoolInReach}), so every object must be looked at again then.
   */
  public void onFirstDecision(Runnable listener) {
    firstListeners.add(listener);
  }

  /**
   * A preemption is one decision's news, but its condition lasts until the workload has its GPUs back: carry it over
   * while the pool plans fewer GPUs for the option than it had before the preemption.
   */
  private static OptionOutcome carryPreemption(OptionOutcome before, OptionOutcome fresh) {
    if (fresh.preemption() != null || before == null || before.preemption() == null
        || fresh.gpus() >= before.preemption().gpusBefore()) {
      return fresh;
    }
    return fresh.withPreemption(before.preemption());
  }
}
