package io.gpushift.operator.realize;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gpushift.operator.model.Owner;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Writes core/v1 Events so `kubectl describe` shows why GPUShift moved something. Events are only written for moves,
 * never for "nothing changed", so they do not break the quiet-cluster guarantee. A failed Event never fails a decision.
 */
public class EventRecorder {

  private static final Logger LOG = Logger.getLogger(EventRecorder.class);
  private static final int MAX_MESSAGE = 1024;
  private final KubernetesClient client;
  private final Clock clock;
  private final AtomicLong sequence = new AtomicLong();

  public EventRecorder(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public void normal(HasMetadata about, String reason, String message) {
    emit(reference(about), about.getMetadata().getNamespace(), "Normal", reason, message);
  }

  public void warning(HasMetadata about, String reason, String message) {
    emit(reference(about), about.getMetadata().getNamespace(), "Warning", reason, message);
  }

  public void normal(Owner owner, String namespace, String reason, String message) {
    ObjectReference ref = new ObjectReferenceBuilder().withApiVersion(owner.apiVersion()).withKind(owner.kind())
        .withName(owner.name()).withNamespace(namespace).withUid(owner.uid()).build();
    emit(ref, namespace, "Normal", reason, message);
  }

  private void emit(ObjectReference ref, String namespace, String type, String reason, String message) {
    // Cluster-scoped objects (Nodes, GPUNodePools) get their Events in "default", as kubelet and kubectl expect.
    String ns = namespace == null ? "default" : namespace;
    String now = DateTimeFormatter.ISO_INSTANT.format(clock.instant());
    String text = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE - 3) + "..." : message;
    try {
      client.v1().events().inNamespace(ns).resource(new EventBuilder()
          .withNewMetadata().withNamespace(ns)
          .withName(ref.getName() + "." + Long.toHexString(clock.millis()) + Long.toHexString(sequence.incrementAndGet()))
          .endMetadata()
          .withInvolvedObject(ref).withType(type).withReason(reason).withMessage(text)
          .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
          .withNewSource().withComponent("gpushift").endSource()
          .withReportingComponent("gpushift").withReportingInstance("gpushift-operator").build()).create();
    } catch (KubernetesClientException e) {
      LOG.debugf("could not record event %s on %s/%s: %s", reason, ref.getKind(), ref.getName(), e.getMessage());
    }
  }

  private static ObjectReference reference(HasMetadata about) {
    return new ObjectReferenceBuilder().withApiVersion(about.getApiVersion()).withKind(about.getKind())
        .withName(about.getMetadata().getName()).withNamespace(about.getMetadata().getNamespace())
        .withUid(about.getMetadata().getUid()).build();
  }
}
