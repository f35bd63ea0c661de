package io.gpushift.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.gpushift.api.translate.EngineInputs.Translated;
import io.gpushift.api.v1alpha1.Condition;
import io.gpushift.api.v1alpha1.ConditionStatus;
import io.gpushift.engine.Snapshot;
import io.gpushift.engine.validation.Finding;
import io.gpushift.engine.validation.Validator;
import java.util.List;
import java.util.function.Supplier;

/**
 * What is wrong with one MiningPool or AIWorkload on its own: the engine's errors about it, and the feed-backed values
 * that never arrived. A value that never arrived is NaN to the engine ("is NaN" under the engine's field name), which
 * tells a user nothing; it is reported as {@code NoMarketData} with the spec field, the feed and the cause instead.
 *
 * @param errors the engine's ERROR findings on the object, without the echoes of missing feed values
 * @param noData {@code field: cause} of each feed-backed value that never arrived
 */
record SpecCheck(List<Finding> errors, List<String> noData) {

  static SpecCheck of(Snapshot snapshot, String object, Translated<?> translated) {
    List<String> noData = translated.inputs().stream().filter(i -> i.value() == null)
        .map(i -> i.field() + ": " + i.reason())
        .filter(translated.staleReasons()::contains).toList();
    List<Finding> errors = Validator.validate(snapshot).findings().stream()
        .filter(f -> f.severity() == Finding.Severity.ERROR && object.equals(f.object()))
        .filter(f -> noData.isEmpty() || !"is NaN".equals(f.problem())).toList();
    return new SpecCheck(errors, noData);
  }

  /** The report's Ready, unless the only trouble is missing market data: then {@link #noDataCondition}. */
  Condition ready(HasMetadata owner, Supplier<Condition> report) {
    return noData.isEmpty() || !errors.isEmpty() ? report.get() : noDataCondition(owner);
  }

  /** Ready=False/NoMarketData naming each missing value's field and feed; the option is not planned meanwhile. */
  private Condition noDataCondition(HasMetadata owner) {
    Condition c = new Condition();
    c.type = "Ready";
    c.status = ConditionStatus.False;
    c.reason = "NoMarketData";
    c.observedGeneration = owner.getMetadata().getGeneration();
    String message = "not planned until these values arrive: " + String.join("; ", noData);
    c.message = message.length() > 2000 ? message.substring(0, 1997) + "..." : message;
    return c;
  }
}
