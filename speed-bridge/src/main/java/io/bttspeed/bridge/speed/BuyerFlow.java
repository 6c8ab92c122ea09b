package io.bttspeed.bridge.speed;

import io.bttspeed.bridge.accounting.BuyerLedgers;
import io.bttspeed.bridge.accounting.Ledger;
import io.bttspeed.bridge.accounting.LedgerKey;
import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.domain.PeerAddress;
import io.bttspeed.bridge.protocol.RejectCode;
import io.bttspeed.bridge.protocol.SpeedMessage.Bid;
import io.bttspeed.bridge.protocol.SpeedMessage.BidAck;
import io.bttspeed.bridge.protocol.SpeedMessage.Hello;
import io.bttspeed.bridge.protocol.SpeedMessage.HubOffer;
import io.bttspeed.bridge.protocol.SpeedMessage.Receipt;
import io.bttspeed.bridge.wallet.ChannelView;
import io.bttspeed.bridge.wallet.ChannelWallet;
import io.bttspeed.bridge.wallet.ChannelWalletException;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leecher's side (DESIGN §5): bids to sellers by the torrent's {@link BidPolicy} over one
 * channel per seller and asset, prices each block at the supplier's slot and price when it arrives,
 * and when a piece verifies pays each owed supplier a voucher for the new cumulative amount; a
 * failed piece pays nobody and its suppliers lose our trust (no more bids to them for the torrent).
 * Wallet calls run on the worker executor only.
 */
final class BuyerFlow {
  private static final Logger LOG = LoggerFactory.getLogger(BuyerFlow.class);

  private record Payee(TronAddress address, Asset asset) {}

  private record Distrust(InfoHash torrent, PeerAddress peer) {}

  private final ChannelWallet wallet;
  private final Identity me;
  private final BuyerLedgers ledgers;
  private final TradingStore store;
  private final Executor worker;
  private final Function<InfoHash, Optional<Long>> remainingBytes;
  private final Supplier<Collection<SpeedPeer>> peers;
  private final Map<InfoHash, BidPolicy> policies = new ConcurrentHashMap<>();
  private final Map<Payee, ChannelView> channels = new ConcurrentHashMap<>();
  private final Set<Distrust> distrusted = ConcurrentHashMap.newKeySet();

  private final BuyerVouchers vouchers;
  private volatile BidPolicy defaultPolicy;

  /** Starts with the bid policies stored in {@code store} (what the user set before a restart). */
  BuyerFlow(
      ChannelWallet wallet,
      Identity me,
      BuyerLedgers ledgers,
      TradingStore store,
      Executor worker,
      Function<InfoHash, Optional<Long>> remainingBytes,
      Supplier<Collection<SpeedPeer>> peers) {
    this.wallet = wallet;
    this.me = me;
    this.ledgers = ledgers;
    this.store = store;
    this.policies.putAll(store.policies());
    this.defaultPolicy = store.defaultPolicy().orElse(BidPolicy.None.INSTANCE);
    this.worker = worker;
    this.remainingBytes = remainingBytes;
    this.peers = peers;
    this.vouchers = new BuyerVouchers(wallet, ledgers, worker, this::find);
  }

  void setPolicy(InfoHash torrent, BidPolicy policy) {
    synchronized (policies) {
      store.putPolicy(torrent, policy); // durable first: a failed write changes nothing
      policies.put(torrent, policy);
    }
    peers.get().stream().filter(p -> p.link.torrent().equals(torrent)).forEach(this::onActive);
  }

  void setDefaultPolicy(BidPolicy policy) {
    synchronized (policies) {
      store.putDefaultPolicy(policy);
      defaultPolicy = policy;
    }
  }

  /**
   * The torrent was removed: its own policy goes with it (a torrent added again starts from the
   * default).
   */
  void forget(InfoHash torrent) {
    synchronized (policies) {
      store.removePolicy(torrent);
      policies.remove(torrent);
    }
  }

  BidPolicy policy(InfoHash torrent) {
    return policies.getOrDefault(torrent, defaultPolicy);
  }

  /**
   * Both hellos are exchanged (or the policy changed): bid if the policy says so and the peer
   * sells.
   */
  void onActive(SpeedPeer p) {
    if (p.session.active() && !(policy(p.link.torrent()) instanceof BidPolicy.None)) {
      worker.execute(() -> bid(p));
    }
  }

  private void bid(SpeedPeer p) {
    InfoHash torrent = p.link.torrent();
    BidPolicy policy = policy(torrent);
    Hello hello = p.hello().orElseThrow();
    Amount budget = policy.spendingLimit().orElse(null);
    if (budget == null
        || !p.session.active()
        || p.distrusted
        || distrusted.contains(new Distrust(torrent, p.link.address()))) {
      return;
    }
    Asset asset = budget.asset();
    Amount ask = hello.ask().get(asset);
    TronAddress hub = me.hubs().get(asset);
    if (ask == null
        || hub == null
        || hello.chainId() != me.chainId()
        || !hello.hubs().contains(new HubOffer(asset, hub))) {
      return; // it does not sell to us in this asset on our hub and chain
    }
    BigInteger price = price(policy, p, budget);
    if (price.compareTo(ask.units()) < 0) {
      return; // it would not win; an auto-bid may rise later
    }
    ChannelView channel;
    try {
      channel =
          channels.computeIfAbsent(
              new Payee(hello.address(), asset),
              payee -> {
                BigInteger minRemaining =
                    price.shiftLeft(3).min(budget.units()); // 8 MiB at our price covers the credit
                return wallet.ensureChannel(
                    hello.address(), asset, new Amount(asset, minRemaining), budget);
              });
    } catch (ChannelWalletException e) {
      // Tried again on the tick after a wait; said once per run of failures, not on every tick. A
      // wallet or node that did not answer is asked again within 4 s: a wallet restarting (or
      // having given an interrupted open up) is back in seconds, and every second without a
      // channel is a second without a paid slot.
      DoublingWait wait =
          e.reason() == ChannelWalletException.Reason.UNAVAILABLE ? UNANSWERED_WAIT : REFUSED_WAIT;
      if (backOff(p, wait) == 0) {
        LOG.warn(
            "no channel to {} in {}: {} ({}); trying again",
            hello.address(),
            asset.key(),
            e.getMessage(),
            e.reason());
      }
      return;
    }
    vouchers.firstUse(channel);
    synchronized (p) {
      if (p.distrusted) {
        return;
      }
      p.ourChannel = channel;
      p.ourBid = price;
    }
    p.link.send(new Bid(asset, new Amount(asset, price), channel.id(), budget));
  }

  private BigInteger price(BidPolicy policy, SpeedPeer p, Amount budget) {
    if (policy instanceof BidPolicy.Fixed fixed) {
      return fixed.pricePerMib().units();
    }
    BidPolicy.Auto auto = (BidPolicy.Auto) policy;
    BigInteger spent = p.buyerKey().map(k -> ledgers.get(k).paid()).orElse(BigInteger.ZERO);
    return auto.bid(
        budget.units().subtract(spent), remainingBytes.apply(p.link.torrent()).orElse(0L));
  }

  /**
   * The seller refused our bid. A {@code busy} one (its wallet or node could not verify our channel
   * just then) is sent again after a wait, 1 s doubling to at most 32 s: without it a seller that
   * restarted while its wallet was down would never take our vouchers again, and neither side would
   * recover. Any other code is final for this session: the bid would be refused again.
   */
  void onBidRefused(SpeedPeer p, RejectCode code) {
    if (code != RejectCode.BUSY) {
      return;
    }
    synchronized (p) {
      p.ourChannel = null; // so the tick bids again, once the wait is over
      p.ourSlotPaid = false;
    }
    backOff(p, REFUSED_WAIT);
  }

  /** After a refusal: 1 s to 32 s. */
  private static final DoublingWait REFUSED_WAIT = new DoublingWait(Duration.ofSeconds(1), 5);

  /** After a wallet or node that did not answer: 1 s to 4 s. */
  private static final DoublingWait UNANSWERED_WAIT = new DoublingWait(Duration.ofSeconds(1), 2);

  /**
   * The next bid to the peer waits {@code wait} after the failures in a row so far; returns how
   * many failures came before this one.
   */
  private static int backOff(SpeedPeer p, DoublingWait wait) {
    synchronized (p) {
      p.bidRetryAtNanos = System.nanoTime() + wait.nanosAfter(p.busyRefusals);
      return p.busyRefusals++;
    }
  }

  void onBidAck(SpeedPeer p, BidAck ack) {
    ChannelView channel;
    synchronized (p) {
      p.busyRefusals = 0;
      p.ourSlotPaid = ack.paid();
      p.ourSlotPrice = ack.priceUnits();
      channel = p.ourChannel;
    }
    if (channel != null) {
      vouchers.bidTaken(p, channel);
    }
  }

  /**
   * Prices a block at its supplier's slot and price now; blocks from peers we do not buy from are
   * not ours.
   */
  void blockReceived(InfoHash torrent, int piece, PeerAddress supplier, long bytes) {
    SpeedPeer p = find(torrent, supplier);
    if (p == null) {
      return;
    }
    LedgerKey key;
    boolean paid;
    BigInteger price;
    synchronized (p) {
      key = p.buyerKey().orElse(null);
      paid = p.ourSlotPaid;
      price = p.ourSlotPrice;
    }
    if (key != null) {
      ledgers.blockReceived(key, piece, bytes, paid, price);
    }
  }

  void pieceVerified(InfoHash torrent, int piece) {
    Map<LedgerKey, Ledger> changed = ledgers.pieceVerified(torrent, piece);
    changed.forEach(
        (key, ledger) -> {
          ChannelView channel = channels.get(new Payee(key.counterparty(), key.asset()));
          if (channel != null) {
            vouchers.verified(key, channel, piece, ledger.debt());
          }
        });
  }

  void pieceFailed(InfoHash torrent, int piece, Set<PeerAddress> suppliers) {
    ledgers.pieceFailed(torrent, piece);
    for (PeerAddress supplier : suppliers) {
      distrusted.add(new Distrust(torrent, supplier));
      SpeedPeer p = find(torrent, supplier);
      if (p != null) {
        synchronized (p) {
          p.distrusted = true;
        }
        LOG.info("{} supplied part of failed piece {}: no more bids to it", p.link, piece);
      }
    }
  }

  boolean trusted(InfoHash torrent, PeerAddress peer) {
    return !distrusted.contains(new Distrust(torrent, peer));
  }

  /** Auto-bids follow the budget and what is left, re-sent only on a move of more than 10 %. */
  void tick(Collection<SpeedPeer> all) {
    for (SpeedPeer p : all) {
      vouchers.tick(p);
      BidPolicy policy = policy(p.link.torrent());
      boolean bidding;
      boolean waiting;
      synchronized (p) {
        bidding = p.ourChannel != null && !p.distrusted;
        waiting = p.bidRetryAtNanos - System.nanoTime() > 0;
      }
      if (!bidding && !waiting && p.session.active() && !(policy instanceof BidPolicy.None)) {
        onActive(p); // a policy set after the hellos, or an auto-bid that was below the ask
        continue;
      }
      if (!bidding || !(policy instanceof BidPolicy.Auto auto) || !p.session.active()) {
        continue;
      }
      BigInteger next = price(auto, p, auto.budget());
      BigInteger last;
      synchronized (p) {
        last = p.ourBid;
      }
      if (BidPolicy.Auto.movedEnough(last, next) && next.signum() > 0) {
        Asset asset = auto.budget().asset();
        ChannelView channel;
        synchronized (p) {
          p.ourBid = next;
          channel = p.ourChannel;
        }
        p.link.send(new Bid(asset, new Amount(asset, next), channel.id(), auto.budget()));
      }
    }
  }

  /** The seller stored vouchers up to {@code receipt}'s total. */
  void onReceipt(Receipt receipt) {
    vouchers.onReceipt(receipt);
  }

  private SpeedPeer find(InfoHash torrent, PeerAddress address) {
    for (SpeedPeer p : peers.get()) {
      if (p.link.torrent().equals(torrent) && p.link.address().equals(address)) {
        return p;
      }
    }
    return null;
  }

  private SpeedPeer find(InfoHash torrent, TronAddress payee) {
    for (SpeedPeer p : peers.get()) {
      if (p.link.torrent().equals(torrent)
          && p.link.isOpen()
          && p.hello().map(h -> h.address().equals(payee)).orElse(false)) {
        return p;
      }
    }
    return null;
  }
}
