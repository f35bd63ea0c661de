package io.gpushift.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.gpushift.operator.market.MarketFeeds;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Turns market-feed updates into reconcile events for the resources that use the feed. Registered as a listener only
 * while the controller runs (on the leader), so a standby replica neither refreshes nor reacts.
 *
 * @param <P> the controller's primary resource
 */
final class FeedEventSource<P extends HasMetadata> extends AbstractEventSource<Void, P>
    implements MarketFeeds.Listener {

  private final MarketFeeds feeds;
  private final boolean confirmedOnly;
  private final BiFunction<String, String, Set<ResourceID>> users;

  /**
   * @param confirmedOnly react only when a published value or its freshness changed (decision loops), not on every
   *                      refresh (statuses that show observation times)
   * @param users         (feed namespace, feed name) → the primaries to reconcile
   */
  FeedEventSource(MarketFeeds feeds, boolean confirmedOnly, BiFunction<String, String, Set<ResourceID>> users) {
    super(Void.class, "market-feeds");
    this.feeds = feeds;
    this.confirmedOnly = confirmedOnly;
    this.users = users;
  }

  @Override
  public void start() throws OperatorException {
    feeds.addListener(this);
    super.start();
  }

  @Override
  public void stop() throws OperatorException {
    feeds.removeListener(this);
    super.stop();
  }

  /** Nothing is cached here: reconcilers read values from {@link MarketFeeds} itself. */
  @Override
  public Set<Void> getSecondaryResources(P primary) {
    return Set.of();
  }

  @Override
  public void feedUpdated(String namespace, String name, boolean confirmedChange) {
    if (!isRunning() || (confirmedOnly && !confirmedChange)) return;
    users.apply(namespace, name).forEach(id -> getEventHandler().handleEvent(new Event(id)));
  }
}
