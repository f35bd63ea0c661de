package io.gpushift.operator.reconcile;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.function.Supplier;

/**
 * The object a status patch sends: name, namespace and the status, nothing else, so server-side apply makes the
 * operator own exactly the status fields (a full copy would claim the spec and metadata too).
 */
final class StatusOnly {

  private StatusOnly() {
  }

  static <S, R extends CustomResource<?, S>> R of(R original, Supplier<R> empty, S status) {
    R fresh = empty.get();
    fresh.setMetadata(new ObjectMetaBuilder().withName(original.getMetadata().getName())
        .withNamespace(original.getMetadata().getNamespace()).build());
    fresh.setStatus(status);
    return fresh;
  }
}
