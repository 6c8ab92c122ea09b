package io.bttspeed.bridge.speed;

import io.bttspeed.bridge.accounting.Ledger;
import io.bttspeed.bridge.accounting.LedgerKey;
import io.bttspeed.bridge.accounting.SellerLedgers;
import io.bttspeed.bridge.auction.Award;
import io.bttspeed.bridge.auction.SlotAuction;
import io.bttspeed.bridge.choke.PeerSample;
import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.protocol.RejectCode;
import io.bttspeed.bridge.protocol.SpeedMessage.Bid;
import io.bttspeed.bridge.protocol.SpeedMessage.BidAck;
import io.bttspeed.bridge.protocol.SpeedMessage.Hello;
import io.bttspeed.bridge.protocol.SpeedMessage.Receipt;
import io.bttspeed.bridge.protocol.SpeedMessage.Reject;
import io.bttspeed.bridge.protocol.SpeedMessage.Voucher;
import io.bttspeed.bridge.torrent.PeerLink;
import io.bttspeed.bridge.wallet.ChannelView;
import io.bttspeed.bridge.wallet.ChannelWallet;
import io.bttspeed.bridge.wallet.ChannelWalletException;
import io.bttspeed.bridge.wallet.SignedVoucher;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seeder's side (DESIGN §5): verifies bids through the wallet on the worker executor, runs one
 * auction per torrent as the choker's policy, answers every change with a {@code bid_ack}, charges
 * paid-slot bytes to the payer's ledger, takes the slot away above the credit limit, and
 * acknowledges a voucher with a {@code receipt} only once the wallet stored it.
 */
final class SellerFlow {
  private static final Logger LOG = LoggerFactory.getLogger(SellerFlow.class);

  private final ChannelWallet wallet;
  private final Identity me;
  private final SellerLedgers ledgers;
  private final TradingStore store;
  private final long creditBytes;
  private final Executor worker;
  private final Runnable rechoke;
  private final Function<PeerLink, SpeedPeer> peers;
  private final Map<InfoHash, SlotAuction<PeerLink>> auctions = new ConcurrentHashMap<>();
  private final Map<Asset, BigInteger> asks = new ConcurrentHashMap<>();
  private final Map<ChannelId, ChannelView> verified = new ConcurrentHashMap<>();

  /**
   * Per channel, the highest voucher the wallet holds as far as we know: one below it is stale. Not
   * what the ledgers counted ({@link SellerLedgers#credit}).
   */
  private final Map<ChannelId, BigInteger> accepted = new ConcurrentHashMap<>();

  private volatile int paidSlots;

  /**
   * Starts with the asks and paid slots stored in {@code store} (what the user set before a
   * restart).
   */
  SellerFlow(
      ChannelWallet wallet,
      Identity me,
      SellerLedgers ledgers,
      TradingStore store,
      SpeedSettings settings,
      int maxPaidSlots,
      Executor worker,
      Runnable rechoke,
      Function<PeerLink, SpeedPeer> peers) {
    this.wallet = wallet;
    this.me = me;
    this.ledgers = ledgers;
    this.store = store;
    this.creditBytes = settings.creditBytes();
    this.paidSlots =
        store.paidSlots().filter(n -> n >= 0 && n <= maxPaidSlots).orElse(settings.paidSlots());
    store
        .asks()
        .forEach(
            (asset, price) -> {
              if (me.hubs().containsKey(asset)) {
                asks.put(asset, price);
              } else {
                LOG.warn(
                    "not restoring the ask in {}: the wallet has no channel hub for it now",
                    asset.key());
              }
            });
    this.worker = worker;
    this.rechoke = rechoke;
    this.peers = peers;
  }

  synchronized void setAsk(Asset asset, BigInteger price) {
    if (!me.hubs().containsKey(asset)) {
      throw new IllegalArgumentException("the wallet has no channel hub for " + asset.key());
    }
    store.putAsk(asset, price); // durable first: a failed write changes nothing
    asks.put(asset, price);
    auctions.values().forEach(a -> a.setAsk(asset, price));
  }

  synchronized void clearAsk(Asset asset) {
    store.removeAsk(asset);
    asks.remove(asset);
    auctions.values().forEach(a -> a.clearAsk(asset));
  }

  Map<Asset, BigInteger> asks() {
    return Map.copyOf(asks);
  }

  synchronized void setPaidSlots(int slots) {
    store.putPaidSlots(slots);
    paidSlots = slots;
    auctions.values().forEach(a -> a.setPaidSlots(slots));
  }

  int paidSlots() {
    return paidSlots;
  }

  /** The choker's policy slots of one torrent this round. */
  List<PeerLink> choose(List<PeerSample<PeerLink>> interested, int slots) {
    if (interested.isEmpty()) {
      return List.of();
    }
    return auction(interested.get(0).peer().torrent()).choose(interested, slots);
  }

  private SlotAuction<PeerLink> auction(InfoHash torrent) {
    return auctions.computeIfAbsent(
        torrent,
        t -> {
          SlotAuction<PeerLink> auction =
              new SlotAuction<>(paidSlots, PeerLink::downloadedBytes, this::awarded);
          asks.forEach(auction::setAsk);
          return auction;
        });
  }

  /**
   * A round's awards: charge what was sent under the old award, then tell each bidder what changed.
   */
  private void awarded(Map<PeerLink, Award> awards) {
    awards.forEach(
        (link, award) -> {
          SpeedPeer p = peers.apply(link);
          if (p == null) {
            return;
          }
          charge(p);
          BidAck ack = new BidAck(award.price(), award.paid(), creditBytes);
          synchronized (p) {
            p.award = award;
            if (ack.equals(p.lastAck) || !p.session.active()) {
              return;
            }
            p.lastAck = ack;
          }
          link.send(ack);
        });
  }

  void onBid(SpeedPeer p, Bid bid) {
    worker.execute(() -> verifyAndEnter(p, bid));
  }

  private void verifyAndEnter(SpeedPeer p, Bid bid) {
    Hello hello = p.hello().orElseThrow();
    Asset asset = bid.asset();
    TronAddress hub = me.hubs().get(asset);
    if (hello.chainId() != me.chainId() || hub == null) {
      reject(p, "bid", RejectCode.WRONG_CHAIN, "not on this chain or asset");
      return;
    }
    BigInteger ask = asks.get(asset);
    if (ask == null || bid.price().units().compareTo(ask) < 0) {
      reject(
          p,
          "bid",
          RejectCode.LOW_PRICE,
          ask == null ? "not selling in this asset" : "ask is " + ask);
      return;
    }
    ChannelView view;
    try {
      view = verified.get(bid.channel());
      // A cached view too small for the credit is read again: the payer may have topped the
      // channel up since (a buyer tops its one channel per seller up rather than open another).
      if (view == null
          || view.remaining().units().compareTo(creditValue(bid.price().units())) < 0) {
        view = wallet.verify(bid.channel());
        verified.put(bid.channel(), view);
      }
    } catch (ChannelWalletException e) {
      reject(p, "bid", Rejects.code(e.reason()), e.getMessage());
      return;
    }
    if (!view.payer().equals(hello.address())
        || !view.payee().equals(me.address())
        || !view.hub().equals(hub)
        || !view.deposit().asset().equals(asset)) {
      reject(
          p,
          "bid",
          RejectCode.BAD_CHANNEL,
          "not a channel from you to me on my hub for this asset");
      return;
    }
    if (view.remaining().units().compareTo(creditValue(bid.price().units())) < 0) {
      reject(p, "bid", RejectCode.OVER_DEPOSIT, "the deposit left is below the credit limit");
      return;
    }
    accepted.merge(view.id(), view.cumulative().units(), BigInteger::max);
    ledgers.bidWith(view.id().hex(), view.cumulative().units());
    synchronized (p) {
      if (!p.session.active()) {
        return;
      }
      boolean first = p.theirBid == null;
      if (first) {
        p.uploadedMark = p.link.uploadedBytes(); // what went before the first valid bid was free
      }
      p.theirBid = bid.price();
      p.theirChannel = view;
      if (first) {
        p.debtCarried = ledgers.get(p.sellerKey().orElseThrow()).debt().max(BigInteger.ZERO);
      }
    }
    auction(p.link.torrent()).bid(p.link, asset, bid.price().units());
    rechoke.run(); // DESIGN §5: a slot change takes effect within the round, so a verified bid
    // competes now
    // Rounds award only interested peers, so a bidder that wants nothing now (it has every piece,
    // or none we have) would never hear that its bid stands; and a buyer sends what it signed
    // before a restart only once its bid is taken. So a verified bid is acknowledged at once.
    BidAck first = new BidAck(BigInteger.ZERO, false, creditBytes);
    synchronized (p) {
      if (p.lastAck != null || !p.session.active()) {
        return;
      }
      p.lastAck = first;
    }
    p.link.send(first);
  }

  void onVoucher(SpeedPeer p, Voucher v) {
    worker.execute(() -> accept(p, v));
  }

  private void accept(SpeedPeer p, Voucher v) {
    ChannelView view;
    synchronized (p) {
      view = p.theirChannel;
    }
    if (view == null || !view.id().equals(v.channel())) {
      reject(p, "voucher", RejectCode.BAD_CHANNEL, "not the channel of your bid");
      return;
    }
    Asset asset = view.deposit().asset();
    if (v.cumulativeUnits().compareTo(asset.maxUnits()) > 0) {
      reject(p, "voucher", RejectCode.OVER_DEPOSIT, "more than the asset can carry");
      return;
    }
    // docs/bt_speed.md: below the highest accepted is stale. Equal is a resend (the buyer's receipt
    // was lost) and is receipted again; the wallet answers it without a change.
    BigInteger highest = accepted.getOrDefault(v.channel(), BigInteger.ZERO);
    if (v.cumulativeUnits().compareTo(highest) < 0) {
      reject(p, "voucher", RejectCode.STALE_VOUCHER, "below the " + highest + " already accepted");
      return;
    }
    SignedVoucher voucher =
        new SignedVoucher(
            v.channel(), view.hub(), new Amount(asset, v.cumulativeUnits()), v.signature());
    wallet
        .accept(voucher)
        .whenCompleteAsync(
            (stored, failure) -> {
              if (failure != null) {
                RejectCode code = Rejects.code(failure);
                if (code == RejectCode.BUSY) {
                  // Its wallet or node is down: the buyer sends it again. No stack trace: a
                  // known condition, and one line per voucher already.
                  LOG.warn(
                      "the wallet could not take a voucher from {}: {}",
                      p.link,
                      failure.getMessage());
                }
                reject(p, "voucher", code, failure.getMessage());
                return;
              }
              stored(p, v.channel(), stored.units());
            },
            worker);
  }

  private void stored(SpeedPeer p, ChannelId channel, BigInteger cumulative) {
    LedgerKey key = p.sellerKey().orElseThrow();
    accepted.merge(channel, cumulative, BigInteger::max);
    // Counted against the ledgers' own count of the channel, not against `accepted`: a bid verified
    // meanwhile, or a restart, sets that to what the wallet holds, which may include this voucher.
    Ledger ledger = ledgers.credit(key, channel.hex(), cumulative);
    p.link.send(new Receipt(channel, cumulative));
    BigInteger price;
    synchronized (p) {
      price = p.theirBid.units();
    }
    if (sessionDebt(p, ledger).compareTo(creditValue(price).shiftRight(1)) <= 0) {
      auction(p.link.torrent())
          .setOverCredit(p.link, false); // paid down: it competes again next round
    }
  }

  /**
   * Charges what was sent since the last charge, and takes the paid slot of a peer above its credit
   * limit.
   */
  void tick(Collection<SpeedPeer> all) {
    for (SpeedPeer p : all) {
      Ledger ledger = charge(p);
      Award award;
      synchronized (p) {
        award = p.award;
      }
      if (ledger != null
          && award != null
          && award.paid()
          && sessionDebt(p, ledger).compareTo(creditValue(award.price())) > 0) {
        LOG.info("{} owes {} over its credit: its paid slot goes", p.link, ledger.debt());
        auction(p.link.torrent()).setOverCredit(p.link, true);
        rechoke.run();
      }
    }
  }

  /**
   * What the peer owes from this session, which the credit limit bounds. Debt carried from an
   * earlier session is left out: it is mostly data sent in a paid slot that never reached the
   * buyer's disk (a crash lost its unfinished pieces), which a buyer that pays per verified piece
   * never pays, so counting it would take the slot from an honest buyer for good after one crash.
   * The ledger keeps it (earnings show it as owed and not vouchered); the seller's exposure becomes
   * one credit limit per session instead of per peer.
   */
  private static BigInteger sessionDebt(SpeedPeer p, Ledger ledger) {
    BigInteger carried;
    synchronized (p) {
      carried = p.debtCarried;
    }
    return ledger.debt().subtract(carried).max(BigInteger.ZERO);
  }

  /** The peer's link ended, or its session did: its bid leaves the auction (charged first). */
  void gone(SpeedPeer p) {
    charge(p);
    SlotAuction<PeerLink> auction = auctions.get(p.link.torrent());
    if (auction != null) {
      auction.withdraw(p.link);
    }
  }

  private Ledger charge(SpeedPeer p) {
    LedgerKey key = p.sellerKey().orElse(null);
    if (key == null) {
      return null;
    }
    long delta;
    Award award;
    synchronized (p) {
      long now = p.link.uploadedBytes();
      delta = now - p.uploadedMark;
      p.uploadedMark = now;
      award = p.award;
    }
    boolean paid = award != null && award.paid();
    return ledgers.sent(key, Math.max(0, delta), paid, paid ? award.price() : BigInteger.ZERO);
  }

  private BigInteger creditValue(BigInteger price) {
    return BigInteger.valueOf(creditBytes).multiply(price).shiftRight(20);
  }

  private static void reject(SpeedPeer p, String refused, RejectCode code, String reason) {
    p.link.send(new Reject(refused, code, reason == null ? "" : reason));
  }
}
