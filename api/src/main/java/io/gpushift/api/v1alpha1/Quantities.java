package io.gpushift.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Quantity;

/** Reads the quantity-typed strings of this API (hashrates) as plain numbers in their base unit. */
public final class Quantities {

  private Quantities() {
  }

  /**
   * @param quantity a Kubernetes quantity such as {@code 120M} or {@code 1.2G}, as admitted by {@link Patterns#QUANTITY}
   * @return its value in base units (H/s for hashrates): {@code 120M} gives 1.2e8
   * @throws IllegalArgumentException when the text is not a quantity
   */
  public static double toDouble(String quantity) {
    if (quantity == null || !quantity.matches(Patterns.QUANTITY)) {
      throw new IllegalArgumentException("not a Kubernetes quantity: " + quantity);
    }
    return Quantity.parse(quantity).getNumericalAmount().doubleValue();
  }
}
