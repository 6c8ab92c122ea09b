package io.bttspeed.bridge.speed;

import io.bttspeed.bridge.accounting.BuyerLedgers;
import io.bttspeed.bridge.accounting.Ledger;
import io.bttspeed.bridge.accounting.LedgerKey;
import io.bttspeed.bridge.accounting.LedgerStore;
import io.bttspeed.bridge.accounting.PeerTrafficListener;
import io.bttspeed.bridge.accounting.SellerLedgers;
import io.bttspeed.bridge.choke.ChokerSettings;
import io.bttspeed.bridge.choke.PeerSample;
import io.bttspeed.bridge.choke.SlotPolicy;
import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.domain.PeerAddress;
import io.bttspeed.bridge.protocol.SpeedMessage;
import io.bttspeed.bridge.protocol.SpeedMessage.Bid;
import io.bttspeed.bridge.protocol.SpeedMessage.BidAck;
import io.bttspeed.bridge.protocol.SpeedMessage.Hello;
import io.bttspeed.bridge.protocol.SpeedMessage.HubOffer;
import io.bttspeed.bridge.protocol.SpeedMessage.Receipt;
import io.bttspeed.bridge.protocol.SpeedMessage.Reject;
import io.bttspeed.bridge.protocol.SpeedMessage.Voucher;
import io.bttspeed.bridge.torrent.Engine;
import io.bttspeed.bridge.torrent.EngineSettings;
import io.bttspeed.bridge.torrent.PeerLink;
import io.bttspeed.bridge.torrent.SpeedListener;
import io.bttspeed.bridge.wallet.ChannelWallet;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.tron.supervision.Supervisor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A BitTorrent engine that buys and sells upload slots over {@code bt_speed} (DESIGN §5): the
 * composition of the protocol sessions, the auction, the ledgers and the {@link ChannelWallet}, and
 * the small API the daemon's gRPC layer calls (asks, paid slots, bid policies, earnings, spending,
 * per-peer views). Bt's threads only decode, look up and queue; every wallet call runs on the
 * node's worker executor; bytes are charged and debts checked on its ticker. Both executors are
 * supervised.
 */
public final class SpeedNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SpeedNode.class);

  private final Identity me;
  private final SellerLedgers sellerLedgers;
  private final BuyerLedgers buyerLedgers;
  private final Map<PeerLink, SpeedPeer> peers = new ConcurrentHashMap<>();
  private final ExecutorService workers;
  private final ScheduledExecutorService ticker;
  private final SellerFlow seller;
  private final BuyerFlow buyer;
  private final PeerViews views;
  private final Engine engine;
  private final int policySlots;

  private SpeedNode(
      EngineSettings engineSettings,
      ChokerSettings choker,
      ChannelWallet wallet,
      LedgerStore store,
      SpeedSettings settings,
      Supervisor supervisor) {
    if (settings.paidSlots() > choker.policySlots()) {
      throw new IllegalArgumentException(
          "paidSlots "
              + settings.paidSlots()
              + " exceed the choker's policy slots "
              + choker.policySlots());
    }
    this.policySlots = choker.policySlots();
    this.me = Identity.of(wallet);
    this.sellerLedgers = new SellerLedgers(store);
    this.buyerLedgers = new BuyerLedgers(store);
    TradingStore trading = new TradingStore(store.dataSource());
    this.workers = Executors.newFixedThreadPool(2, supervisor.threads("bridge.speed-wallet"));
    Executor worker = task -> workers.execute(supervisor.supervised("bridge.speed-wallet", task));
    this.seller =
        new SellerFlow(
            wallet,
            me,
            sellerLedgers,
            trading,
            settings,
            policySlots,
            worker,
            this::rechoke,
            peers::get);
    this.buyer =
        new BuyerFlow(
            wallet, me, buyerLedgers, trading, worker, this::remainingBytes, peers::values);
    this.views = new PeerViews(peers, buyer, sellerLedgers, buyerLedgers);
    Hooks hooks = new Hooks();
    // The engine calls the hooks only for torrents started on it, after this constructor has
    // returned.
    this.engine =
        Engine.start(
            engineSettings,
            choker,
            hooks,
            hooks,
            new SlotPolicy<>() {
              @Override
              public List<PeerLink> choose(List<PeerSample<PeerLink>> interested, int slots) {
                return seller.choose(interested, slots);
              }

              @Override
              public boolean reservesItsSlots() {
                return !seller.asks().isEmpty();
              }
            });
    this.ticker = supervisor.singleThreadScheduler("bridge.speed-tick");
    long tickMs = settings.tick().toMillis();
    supervisor.every(
        ticker, "bridge.speed-tick", this::tick, tickMs, tickMs, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts an engine that trades speed through {@code wallet}, keeping its ledgers, asks, paid
   * slots and bid policies in {@code store}'s database, and trading at once by the asks and
   * policies stored there.
   *
   * @param choker its policy slots bound the paid slots ({@link #setPaidSlots})
   */
  public static SpeedNode start(
      EngineSettings engineSettings,
      ChokerSettings choker,
      ChannelWallet wallet,
      LedgerStore store,
      SpeedSettings settings,
      Supervisor supervisor) {
    return new SpeedNode(engineSettings, choker, wallet, store, settings, supervisor);
  }

  /** The engine torrents run on (for the TorrentManager). */
  public Engine engine() {
    return engine;
  }

  // ---- Seller API ----

  /**
   * Sells paid slots in {@code price}'s asset at {@code price} per MiB or more (at least 1 base
   * unit).
   */
  public void setAsk(Amount price) {
    if (price.units().signum() <= 0) {
      throw new IllegalArgumentException("an ask is at least 1 base unit per MiB");
    }
    seller.setAsk(price.asset(), price.units());
  }

  /** Stops selling in {@code asset}; its bidders lose their paid slots at the next round. */
  public void clearAsk(Asset asset) {
    seller.clearAsk(asset);
  }

  public Map<Asset, Amount> asks() {
    Map<Asset, Amount> out = new LinkedHashMap<>();
    seller.asks().forEach((asset, units) -> out.put(asset, new Amount(asset, units)));
    return out;
  }

  /** How many paid slots each torrent auctions, from 0 to the choker's policy slots. */
  public void setPaidSlots(int slots) {
    if (slots < 0 || slots > policySlots) {
      throw new IllegalArgumentException("paid slots must be between 0 and " + policySlots);
    }
    seller.setPaidSlots(slots);
  }

  /** The most paid slots {@link #setPaidSlots} accepts: the engine's policy slots. */
  public int maxPaidSlots() {
    return policySlots;
  }

  public int paidSlots() {
    return seller.paidSlots();
  }

  // ---- Buyer API ----

  public void setBidPolicy(InfoHash torrent, BidPolicy policy) {
    buyer.setPolicy(torrent, policy);
  }

  /** The policy of torrents without one of their own. */
  public void setDefaultBidPolicy(BidPolicy policy) {
    buyer.setDefaultPolicy(policy);
  }

  /** The torrent was removed from the daemon: its own bid policy is forgotten, in the store too. */
  public void torrentRemoved(InfoHash torrent) {
    buyer.forget(torrent);
  }

  public BidPolicy bidPolicy(InfoHash torrent) {
    return buyer.policy(torrent);
  }

  // ---- Money and views ----

  /** What payers owe and paid us for this torrent, per payer and asset. */
  public Map<LedgerKey, Ledger> earnings(InfoHash torrent) {
    return sellerLedgers.of(torrent);
  }

  public Map<LedgerKey, Ledger> earnings() {
    return sellerLedgers.all();
  }

  /** What we owe and paid sellers for this torrent, per payee and asset. */
  public Map<LedgerKey, Ledger> spending(InfoHash torrent) {
    return buyerLedgers.of(torrent);
  }

  public Map<LedgerKey, Ledger> spending() {
    return buyerLedgers.all();
  }

  /** Every connection of the torrent with its speed session and trades. */
  public List<SpeedPeerView> peers(InfoHash torrent) {
    return views.of(torrent, engine.links(torrent));
  }

  private void rechoke() {
    engine.rechoke();
  }

  private Optional<Long> remainingBytes(InfoHash torrent) {
    return engine.remainingBytes(torrent);
  }

  private void tick() {
    Collection<SpeedPeer> all = List.copyOf(peers.values());
    seller.tick(all);
    buyer.tick(all);
    buyerLedgers.flush();
  }

  @Override
  public void close() {
    // Not shutdownNow at once: an interrupt during a tick's write to H2 closes its file channel
    // (ClosedByInterruptException), and with it the database the flush below and a restarted node
    // write to.
    finish(ticker, Duration.ofSeconds(5));
    engine.close();
    finish(workers, Duration.ofSeconds(10));
    buyerLedgers.flush(); // the engine is closed: no piece verifies after this
  }

  /** Lets what runs on {@code executor} finish, for at most {@code grace}; then interrupts it. */
  private static void finish(ExecutorService executor, Duration grace) {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private Hello hello() {
    List<HubOffer> hubs = new ArrayList<>();
    me.hubs().forEach((asset, hub) -> hubs.add(new HubOffer(asset, hub)));
    return new Hello(
        1,
        me.address(),
        me.chainId(),
        hubs.subList(0, Math.min(hubs.size(), Hello.MAX_HUBS)),
        asks());
  }

  /** The engine's callbacks, on Bt's threads: decode, look up, queue; never wait. */
  private final class Hooks implements SpeedListener, PeerTrafficListener {
    @Override
    public void connected(PeerLink link) {
      SpeedPeer p = peers.computeIfAbsent(link, SpeedPeer::new);
      p.session.helloSent();
      link.send(hello());
    }

    @Override
    public void received(PeerLink link, byte[] payload, int length) {
      SpeedPeer p = peers.get(link);
      if (p == null) {
        return;
      }
      Optional<SpeedMessage> message = p.session.receive(payload, length);
      if (message.isEmpty()) {
        if (p.session.ended()) {
          LOG.info("bt_speed session with {} ended: {}", link, p.session.endReason().orElse(""));
          seller.gone(p);
        }
        return;
      }
      SpeedMessage m = message.get();
      if (m instanceof Hello) {
        buyer.onActive(p);
      } else if (m instanceof Bid bid) {
        seller.onBid(p, bid);
      } else if (m instanceof BidAck ack) {
        buyer.onBidAck(p, ack);
      } else if (m instanceof Voucher voucher) {
        seller.onVoucher(p, voucher);
      } else if (m instanceof Reject reject) {
        LOG.info(
            "{} refused our {}: {} ({})",
            link,
            reject.refused(),
            reject.code().wire(),
            reject.reason());
        if (reject.refused().equals("bid")) {
          buyer.onBidRefused(p, reject.code());
        }
      } else if (m instanceof Receipt receipt) {
        LOG.debug("{} stored {} on channel {}", link, receipt.cumulativeUnits(), receipt.channel());
        buyer.onReceipt(receipt);
      }
    }

    @Override
    public void disconnected(PeerLink link) {
      SpeedPeer p = peers.remove(link);
      if (p != null) {
        seller.gone(p);
      }
    }

    @Override
    public void blockReceived(InfoHash torrent, int piece, PeerAddress peer, long bytes) {
      buyer.blockReceived(torrent, piece, peer, bytes);
    }

    @Override
    public void pieceVerified(InfoHash torrent, int piece, Map<PeerAddress, Long> bytesByPeer) {
      buyer.pieceVerified(torrent, piece);
    }

    @Override
    public void pieceFailed(InfoHash torrent, int piece, Map<PeerAddress, Long> bytesByPeer) {
      buyer.pieceFailed(torrent, piece, bytesByPeer.keySet());
    }
  }
}
