package io.gpushift.operator.report;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.gpushift.api.v1alpha1.Condition;
import io.gpushift.api.v1alpha1.ConditionStatus;

/** Condition construction shared by the status reports. */
final class Reports {

  private static final int MAX_MESSAGE = 2000;

  private Reports() {
  }

  static Condition condition(HasMetadata owner, String type, ConditionStatus status, String reason, String message) {
    Condition c = new Condition();
    c.type = type;
    c.status = status;
    c.reason = reason;
    c.message = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE - 3) + "..." : message;
    c.observedGeneration = owner.getMetadata().getGeneration();
    return c;
  }
}
