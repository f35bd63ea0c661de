package io.gpushift.operator.model;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

/** The custom resource a pod belongs to; becomes the pod's controller owner reference so GC cleans up after it. */
public record Owner(String apiVersion, String kind, String name, String uid) {

  public OwnerReference toReference() {
    return new OwnerReferenceBuilder().withApiVersion(apiVersion).withKind(kind).withName(name).withUid(uid)
        .withController(true).withBlockOwnerDeletion(false).build();
  }

  /** Stable key for grouping (uid changes on re-create, name does not). */
  public String key() {
    return kind + "/" + name;
  }
}
