package io.gpushift.api.v1alpha1;

import io.fabric8.crd.generator.annotation.PreserveUnknownFields;

/** Schema stand-in for {@link AIWorkloadSpec#template}: an object whose fields the API server keeps but does not check. */
@PreserveUnknownFields
public final class EmbeddedPodTemplate {

  private EmbeddedPodTemplate() {
  }
}
