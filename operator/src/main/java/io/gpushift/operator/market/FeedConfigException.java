package io.gpushift.operator.market;

/** A MarketFeed that cannot be turned into a feed: the reason is the CamelCase condition reason, the message names the field. */
public class FeedConfigException extends Exception {
  private final String reason;

  public FeedConfigException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
