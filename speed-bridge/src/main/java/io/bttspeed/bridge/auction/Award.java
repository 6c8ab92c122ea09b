package io.bttspeed.bridge.auction;

import io.bttspeed.tron.money.Asset;
import java.math.BigInteger;
import java.util.Objects;

/**
 * What one bidder got this round.
 *
 * @param paid whether it holds a paid slot
 * @param asset the asset of its bid
 * @param price the clearing price per MiB it pays while it holds the slot; zero when it holds none
 */
public record Award(boolean paid, Asset asset, BigInteger price) {
  public Award {
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(price, "price");
    if (!paid && price.signum() != 0) {
      throw new IllegalArgumentException("only a paid slot has a price");
    }
  }

  static Award none(Asset asset) {
    return new Award(false, asset, BigInteger.ZERO);
  }
}
