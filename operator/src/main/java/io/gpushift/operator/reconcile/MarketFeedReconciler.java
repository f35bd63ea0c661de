package io.gpushift.operator.reconcile;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.gpushift.api.v1alpha1.MarketFeed;
import io.gpushift.api.v1alpha1.MarketFeedStatus;
import io.gpushift.market.spec.FeedSpec;
import io.gpushift.operator.Keys;
import io.gpushift.operator.market.ClusterReads;
import io.gpushift.operator.market.FeedConfigException;
import io.gpushift.operator.market.FeedSpecs;
import io.gpushift.operator.market.MarketFeeds;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Keeps each MarketFeed registered in {@link MarketFeeds} (re-reading its Secret and ConfigMap every refreshInterval,
 * so a rotated key or an edited ConfigMap is picked up) and writes its status after every refresh. Deletion is seen
 * without a finalizer (all events reach the reconciler), so uninstalling the operator never blocks deleting feeds.
 */
@ControllerConfiguration(name = "marketfeed", fieldManager = Keys.FIELD_MANAGER, triggerReconcilerOnAllEvents = true)
public class MarketFeedReconciler implements Reconciler<MarketFeed> {

  static final Duration RETRY_UNUSABLE = Duration.ofSeconds(10);
  private final MarketFeeds feeds;
  private final Set<String> secretNamespaces;
  private final Clock clock;

  @jakarta.inject.Inject
  public MarketFeedReconciler(MarketFeeds feeds, MarketSettings settings) {
    this.feeds = feeds;
    this.secretNamespaces = settings.secretNamespaces();
    this.clock = settings.clock();
  }

  @Override
  public List<EventSource<?, MarketFeed>> prepareEventSources(EventSourceContext<MarketFeed> context) {
    return List.of(new FeedEventSource<>(feeds, false, (ns, name) -> Set.of(new ResourceID(name, ns))));
  }

  @Override
  public UpdateControl<MarketFeed> reconcile(MarketFeed feed, Context<MarketFeed> context) {
    String ns = feed.getMetadata().getNamespace();
    String name = feed.getMetadata().getName();
    if (context.isPrimaryResourceDeleted()) {
      feeds.remove(ns, name);
      return UpdateControl.noUpdate();
    }
    String[] problem = null;
    Duration again = Duration.ofSeconds(60);
    try {
      FeedSpec spec = FeedSpecs.from(feed, new ClusterReads(context.getClient(), secretNamespaces));
      feeds.register(ns, name, spec);
      again = spec.refreshInterval();
    } catch (FeedConfigException e) {
      feeds.unavailable(ns, name, e.getMessage());
      problem = new String[] {e.reason(), e.getMessage()};
      again = RETRY_UNUSABLE; // Secrets and ConfigMaps are not watched: look again soon
    }
    MarketFeedStatus status = FeedStatus.build(feed, feeds.values(ns, name), problem, clock.instant());
    UpdateControl<MarketFeed> control;
    if (feed.getStatus() != null && Objects.equals(Serialization.asJson(feed.getStatus()), Serialization.asJson(status))) {
      control = UpdateControl.noUpdate();
    } else {
      control = UpdateControl.patchStatus(StatusOnly.of(feed, MarketFeed::new, status));
    }
    return control.rescheduleAfter(again);
  }
}
