package io.gpushift.operator.reconcile;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gpushift.operator.Keys;
import io.gpushift.operator.gather.Gatherer;
import io.gpushift.operator.realize.Names;
import io.gpushift.operator.realize.Pods;
import io.gpushift.operator.report.OptionStore;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * What deleting a GPUNodePool undoes. Our pods' controller is their MiningPool or AIWorkload, and the garbage collector
 * deletes a dependent only once all its owners are gone, so an owner reference to the pool could not remove them: the
 * pool carries a finalizer instead, and this runs before it is released. Only our pods ({@link Pods#ours}) are
 * deleted; anything else on the nodes stays.
 */
final class PoolTeardown {

  private static final Logger LOG = Logger.getLogger(PoolTeardown.class);

  private PoolTeardown() {
  }

  /** @return how many pods were asked to go */
  static int run(KubernetesClient client, String pool, Map<String, String> selector, List<Pod> pods, List<Node> nodes,
      OptionStore store) {
    String label = Names.labelValue(pool);
    int deleted = 0;
    for (Pod p : pods) {
      if (Pods.ours(p, label) && !Pods.terminating(p)) {
        // Graceful: an AI replica's termination grace is its checkpoint grace (set at creation).
        client.pods().inNamespace(p.getMetadata().getNamespace()).withName(p.getMetadata().getName()).delete();
        deleted++;
      }
    }
    for (Node n : nodes) {
      var labels = n.getMetadata().getLabels();
      if (labels != null && labels.containsKey(Keys.USE) && Gatherer.member(n, selector)) {
        release(client, n.getMetadata().getName());
      }
    }
    store.forget(pool);
    LOG.infof("GPUNodePool %s deleted: %d pod(s) of ours removed, node labels released", pool, deleted);
    return deleted;
  }

  /** Server-side apply of nothing: our field manager gives up its labels and annotations on the node. */
  private static void release(KubernetesClient client, String node) {
    try {
      client.nodes().resource(new NodeBuilder().withNewMetadata().withName(node).endMetadata().build())
          .fieldManager(Keys.FIELD_MANAGER).forceConflicts().serverSideApply();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }
}
