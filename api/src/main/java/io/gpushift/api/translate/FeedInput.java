package io.gpushift.api.translate;

import io.gpushift.api.v1alpha1.FeedRef;
import io.gpushift.engine.model.MarketValue;

/**
 * One feed-backed value an object was priced with, for its status and the decision's explanation.
 *
 * @param field  the spec path, e.g. {@code spec.revenue.network.coinPriceUsd}
 * @param ref    the reference as written (namespace may be absent: the object's own)
 * @param value  what was used; {@code null} when the feed never delivered one
 * @param fresh  recent and trusted
 * @param reason why not fresh ({@code null} when fresh)
 */
public record FeedInput(String field, FeedRef ref, MarketValue value, boolean fresh, String reason) {
}
