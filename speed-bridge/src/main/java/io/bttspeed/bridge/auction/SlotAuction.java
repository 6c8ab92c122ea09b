package io.bttspeed.bridge.auction;

import io.bttspeed.bridge.choke.PeerSample;
import io.bttspeed.bridge.choke.SlotPolicy;
import io.bttspeed.tron.money.Asset;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * A seeder's paid slots as a {@link SlotPolicy} (DESIGN §5, docs/bt_speed.md "The auction"), for
 * one torrent. Each round the valid bids of interested peers at or above the ask are ranked,
 * highest first; ties go to the peer that sent us more piece data, then to the earlier bid; the
 * best {@code paidSlots} win, and all winners pay the uniform clearing price max(ask, highest
 * losing valid bid). A peer over its credit limit neither wins nor sets the price until it pays.
 * The tit-for-tat and optimistic slots are the choker's, open to everyone.
 *
 * <p>With asks in several assets, bids are compared by price relative to their asset's ask (p₁·a₂
 * against p₂·a₁, exact), and each asset clears at its own price; with one asset this is exactly the
 * rule above. Pure logic, no clock; thread-safe.
 *
 * @param <K> the key of a peer
 */
public final class SlotAuction<K> implements SlotPolicy<K> {
  private record Entry<K>(K peer, Asset asset, BigInteger price, long sequence) {}

  private final ToLongFunction<K> sentToUs;
  private final Consumer<Map<K, Award>> onRound;
  private final Map<K, Entry<K>> bids = new HashMap<>();
  private final Map<Asset, BigInteger> asks = new LinkedHashMap<>();
  private final Set<K> overCredit = new HashSet<>();
  private Map<K, Award> awards = Map.of();
  private int paidSlots;
  private long sequence;

  /**
   * @param paidSlots how many slots the auction fills (DESIGN default 4)
   * @param sentToUs piece bytes a peer has sent us, for ties
   * @param onRound told every round's awards, for every bidder (on the choker's thread: be quick)
   */
  public SlotAuction(int paidSlots, ToLongFunction<K> sentToUs, Consumer<Map<K, Award>> onRound) {
    setPaidSlots(paidSlots);
    this.sentToUs = Objects.requireNonNull(sentToUs);
    this.onRound = Objects.requireNonNull(onRound);
  }

  public synchronized void setPaidSlots(int slots) {
    if (slots < 0 || slots > 64) {
      throw new IllegalArgumentException("paid slots must be between 0 and 64");
    }
    paidSlots = slots;
  }

  public synchronized int paidSlots() {
    return paidSlots;
  }

  /**
   * Sells paid slots for {@code asset} at {@code price} per MiB or more; a price of at least 1 base
   * unit.
   */
  public synchronized void setAsk(Asset asset, BigInteger price) {
    if (price.signum() <= 0) {
      throw new IllegalArgumentException("an ask is at least 1 base unit per MiB");
    }
    asks.put(asset, price);
  }

  /** Stops selling for {@code asset}: its bids no longer win. */
  public synchronized void clearAsk(Asset asset) {
    asks.remove(asset);
  }

  public synchronized Map<Asset, BigInteger> asks() {
    return Map.copyOf(asks);
  }

  /**
   * Enters or replaces a peer's bid; only a bid whose channel was verified belongs here. A replaced
   * bid keeps its place in time only if its price did not change (an earlier bid wins ties; raising
   * a bid is a new bid).
   */
  public synchronized void bid(K peer, Asset asset, BigInteger price) {
    Entry<K> old = bids.get(peer);
    long seq =
        old != null && old.asset.equals(asset) && old.price.equals(price)
            ? old.sequence
            : ++sequence;
    bids.put(peer, new Entry<>(peer, asset, price, seq));
  }

  /** The peer's bid no longer counts (session ended, channel gone, disconnected). */
  public synchronized void withdraw(K peer) {
    bids.remove(peer);
    overCredit.remove(peer);
  }

  /** Whether the peer's debt is over its credit limit: then it holds no paid slot until it pays. */
  public synchronized void setOverCredit(K peer, boolean over) {
    if (over) {
      overCredit.add(peer);
    } else {
      overCredit.remove(peer);
    }
  }

  /** The awards of the last round, by bidder. */
  public synchronized Map<K, Award> awards() {
    return awards;
  }

  @Override
  public List<K> choose(List<PeerSample<K>> interested, int slots) {
    Map<K, Award> result;
    List<K> winners = new ArrayList<>();
    synchronized (this) {
      Map<K, Long> sent = new HashMap<>();
      List<Entry<K>> ranked = new ArrayList<>();
      for (PeerSample<K> sample : interested) {
        Entry<K> bid = bids.get(sample.peer());
        BigInteger ask = bid == null ? null : asks.get(bid.asset);
        if (ask != null && bid.price.compareTo(ask) >= 0 && !overCredit.contains(bid.peer)) {
          ranked.add(bid);
          sent.put(bid.peer, sentToUs.applyAsLong(bid.peer));
        }
      }
      Comparator<Entry<K>> highestFirst = (a, b) -> relative(b).compareTo(relative(a), asks);
      ranked.sort(
          highestFirst
              .thenComparing((a, b) -> Long.compare(sent.get(b.peer), sent.get(a.peer)))
              .thenComparingLong(e -> e.sequence));
      int n = Math.min(Math.min(paidSlots, slots), ranked.size());
      Map<Asset, BigInteger> clearing = new HashMap<>(asks);
      for (Entry<K> loser : ranked.subList(n, ranked.size())) {
        clearing.merge(loser.asset, loser.price, BigInteger::max);
      }
      result = new HashMap<>();
      for (Entry<K> bid : bids.values()) {
        result.put(bid.peer, Award.none(bid.asset));
      }
      for (Entry<K> winner : ranked.subList(0, n)) {
        winners.add(winner.peer);
        result.put(winner.peer, new Award(true, winner.asset, clearing.get(winner.asset)));
      }
      awards = Map.copyOf(result);
    }
    onRound.accept(Map.copyOf(result));
    return winners;
  }

  private Relative relative(Entry<K> e) {
    return new Relative(e.price, e.asset);
  }

  /** A price relative to its asset's ask, compared exactly by cross-multiplication. */
  private record Relative(BigInteger price, Asset asset) {
    int compareTo(Relative other, Map<Asset, BigInteger> asks) {
      return price.multiply(asks.get(other.asset)).compareTo(other.price.multiply(asks.get(asset)));
    }
  }
}
