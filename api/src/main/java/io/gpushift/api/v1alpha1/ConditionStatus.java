package io.gpushift.api.v1alpha1;

/** The three values metav1.Condition allows; an enum so the schema rejects anything else. */
public enum ConditionStatus {
  True, False, Unknown
}
