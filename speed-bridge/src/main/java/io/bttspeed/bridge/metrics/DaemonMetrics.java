package io.bttspeed.bridge.metrics;

import io.bttspeed.bridge.accounting.Ledger;
import io.bttspeed.bridge.accounting.LedgerKey;
import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.manager.TorrentManager;
import io.bttspeed.bridge.manager.TorrentView;
import io.bttspeed.bridge.speed.SpeedNode;
import io.bttspeed.bridge.speed.SpeedPeerView;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The daemon's gauges, read from the torrent manager's and the Speed node's own views at each
 * scrape rather than counted on Bt's threads: per-torrent rates and bytes, paid slots held and
 * their clearing prices, asks, earnings and spending per asset, and {@code bt_speed} sessions by
 * state.
 *
 * <p>Money is BigInteger base units everywhere in the daemon; it becomes a double only here, at the
 * Prometheus boundary, because Prometheus has no other sample type. A double is exact up to 2^53
 * base units and then rounds to 16 significant digits (at 18 decimals, exact below 0.009 BTT): fine
 * for graphs, and the API's GetEarnings / GetSpending stay the place for exact amounts.
 *
 * <p>Rates are bytes per second over the interval since the previous refresh (at least {@link
 * #RATE_WINDOW_NANOS}), so with one scraper they are the rate between its scrapes; the byte gauges
 * let {@code rate()} do the same.
 */
public final class DaemonMetrics {

  static final long RATE_WINDOW_NANOS = 1_000_000_000L;

  private record Sample(long down, long up, long atNanos, double downRate, double upRate) {}

  private final TorrentManager torrents;
  private final SpeedNode speed;
  private final LongSupplier nanoTime;
  private final Map<InfoHash, Sample> samples = new HashMap<>();

  private final MultiGauge downloadRate;
  private final MultiGauge uploadRate;
  private final MultiGauge downloaded;
  private final MultiGauge uploaded;
  private final MultiGauge paidSlots;
  private final MultiGauge clearingPrice;
  private final MultiGauge asks;
  private final MultiGauge earned;
  private final MultiGauge spent;
  private final MultiGauge sessions;

  public DaemonMetrics(MeterRegistry registry, TorrentManager torrents, SpeedNode speed) {
    this(registry, torrents, speed, System::nanoTime);
  }

  DaemonMetrics(
      MeterRegistry registry, TorrentManager torrents, SpeedNode speed, LongSupplier nanoTime) {
    this.torrents = torrents;
    this.speed = speed;
    this.nanoTime = nanoTime;
    this.downloadRate =
        gauge(
            registry,
            "bttspeed.torrent.download.rate",
            "bytes.per.second",
            "payload bytes received per second since the previous scrape");
    this.uploadRate =
        gauge(
            registry,
            "bttspeed.torrent.upload.rate",
            "bytes.per.second",
            "payload bytes sent per second since the previous scrape");
    this.downloaded =
        gauge(
            registry,
            "bttspeed.torrent.downloaded",
            "bytes",
            "payload bytes received since the torrent was (re)started");
    this.uploaded =
        gauge(
            registry,
            "bttspeed.torrent.uploaded",
            "bytes",
            "payload bytes sent since the torrent was (re)started");
    this.paidSlots =
        gauge(
            registry,
            "bttspeed.paid.slots",
            null,
            "paid slots held now: side=selling, slots of ours buyers hold; side=buying, sellers' slots we hold");
    this.clearingPrice =
        gauge(
            registry,
            "bttspeed.clearing.price",
            "base.units.per.mib",
            "the clearing price of the paid slots held now, per torrent, asset and side (double of base units)");
    this.asks =
        gauge(
            registry,
            "bttspeed.ask",
            "base.units.per.mib",
            "our ask per asset (double of base units)");
    this.earned =
        gauge(
            registry,
            "bttspeed.earnings",
            "base.units",
            "earnings per asset: kind=accepted, vouchers accepted; kind=owed, what buyers owe for bytes sent"
                + " (double of base units)");
    this.spent =
        gauge(
            registry,
            "bttspeed.spending",
            "base.units",
            "spending per asset: kind=signed, vouchers signed; kind=owed, what we owe for bytes verified"
                + " (double of base units)");
    this.sessions =
        gauge(
            registry,
            "bttspeed.sessions",
            null,
            "connections by bt_speed session state (ordinary: the peer does not speak bt_speed)");
  }

  private static MultiGauge gauge(
      MeterRegistry registry, String name, String unit, String description) {
    MultiGauge.Builder b = MultiGauge.builder(name).description(description);
    if (unit != null) {
      b.baseUnit(unit);
    }
    return b.register(registry);
  }

  /** Reads the views and replaces every row: torrents removed since the last refresh disappear. */
  public synchronized void refresh() {
    long now = nanoTime.getAsLong();
    List<TorrentView> views = torrents.list();
    List<MultiGauge.Row<?>> down = new ArrayList<>();
    List<MultiGauge.Row<?>> up = new ArrayList<>();
    List<MultiGauge.Row<?>> downBytes = new ArrayList<>();
    List<MultiGauge.Row<?>> upBytes = new ArrayList<>();
    List<MultiGauge.Row<?>> slots = new ArrayList<>();
    List<MultiGauge.Row<?>> prices = new ArrayList<>();
    Map<SpeedPeerView.Session, Integer> bySession = new EnumMap<>(SpeedPeerView.Session.class);
    for (SpeedPeerView.Session s : SpeedPeerView.Session.values()) {
      bySession.put(s, 0);
    }
    Map<InfoHash, Sample> next = new HashMap<>();
    for (TorrentView t : views) {
      Tags torrent = Tags.of("torrent", t.infoHash().hex());
      Sample s = sample(samples.get(t.infoHash()), t, now);
      next.put(t.infoHash(), s);
      down.add(MultiGauge.Row.of(torrent, s.downRate()));
      up.add(MultiGauge.Row.of(torrent, s.upRate()));
      downBytes.add(MultiGauge.Row.of(torrent, t.downloadedBytes()));
      upBytes.add(MultiGauge.Row.of(torrent, t.uploadedBytes()));
      int selling = 0;
      int buying = 0;
      Map<Asset, BigInteger> sellingPrice = new TreeMap<>(Comparator.comparing(Asset::key));
      Map<Asset, BigInteger> buyingPrice = new TreeMap<>(Comparator.comparing(Asset::key));
      for (SpeedPeerView p : speed.peers(t.infoHash())) {
        bySession.merge(p.session(), 1, Integer::sum);
        if (p.selling().filter(SpeedPeerView.Trade::paidSlot).isPresent()) {
          selling++;
          highest(sellingPrice, p.selling().get().clearingPrice());
        }
        if (p.buying().filter(SpeedPeerView.Trade::paidSlot).isPresent()) {
          buying++;
          highest(buyingPrice, p.buying().get().clearingPrice());
        }
      }
      slots.add(MultiGauge.Row.of(torrent.and("side", "selling"), selling));
      slots.add(MultiGauge.Row.of(torrent.and("side", "buying"), buying));
      sellingPrice.forEach(
          (asset, units) ->
              prices.add(
                  MultiGauge.Row.of(
                      torrent.and("asset", asset.key(), "side", "selling"), units.doubleValue())));
      buyingPrice.forEach(
          (asset, units) ->
              prices.add(
                  MultiGauge.Row.of(
                      torrent.and("asset", asset.key(), "side", "buying"), units.doubleValue())));
    }
    samples.clear();
    samples.putAll(next);
    downloadRate.register(down, true);
    uploadRate.register(up, true);
    downloaded.register(downBytes, true);
    uploaded.register(upBytes, true);
    paidSlots.register(slots, true);
    clearingPrice.register(prices, true);
    List<MultiGauge.Row<?>> askRows = new ArrayList<>();
    speed
        .asks()
        .forEach(
            (asset, price) ->
                askRows.add(
                    MultiGauge.Row.of(Tags.of("asset", asset.key()), price.units().doubleValue())));
    asks.register(askRows, true);
    earned.register(ledgerRows(speed.earnings(), "accepted"), true);
    spent.register(ledgerRows(speed.spending(), "signed"), true);
    List<MultiGauge.Row<?>> sessionRows = new ArrayList<>();
    bySession.forEach(
        (state, count) ->
            sessionRows.add(
                MultiGauge.Row.of(Tags.of("state", state.name().toLowerCase(Locale.ROOT)), count)));
    sessions.register(sessionRows, true);
  }

  private static void highest(Map<Asset, BigInteger> prices, Amount price) {
    prices.merge(price.asset(), price.units(), BigInteger::max);
  }

  /** Per asset, the exact sums of the ledgers (BigInteger), each turned into a double once. */
  private static List<MultiGauge.Row<?>> ledgerRows(
      Map<LedgerKey, Ledger> ledgers, String paidKind) {
    Map<String, BigInteger> paid = new TreeMap<>();
    Map<String, BigInteger> owed = new TreeMap<>();
    for (Ledger l : ledgers.values()) {
      paid.merge(l.asset().key(), l.paid(), BigInteger::add);
      owed.merge(l.asset().key(), l.owed(), BigInteger::add);
    }
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    paid.forEach(
        (asset, units) ->
            rows.add(
                MultiGauge.Row.of(Tags.of("asset", asset, "kind", paidKind), units.doubleValue())));
    owed.forEach(
        (asset, units) ->
            rows.add(
                MultiGauge.Row.of(Tags.of("asset", asset, "kind", "owed"), units.doubleValue())));
    return rows;
  }

  /**
   * The torrent's bytes now and its rates: recomputed once at least the window has passed since the
   * last computation, otherwise the last rates stand. Counters that went down (a restart) give a
   * rate of 0.
   */
  private static Sample sample(Sample previous, TorrentView t, long now) {
    if (previous == null) {
      return new Sample(t.downloadedBytes(), t.uploadedBytes(), now, 0, 0);
    }
    long elapsed = now - previous.atNanos();
    if (elapsed < RATE_WINDOW_NANOS) {
      return previous;
    }
    double seconds = elapsed / 1e9;
    return new Sample(
        t.downloadedBytes(),
        t.uploadedBytes(),
        now,
        Math.max(0, t.downloadedBytes() - previous.down()) / seconds,
        Math.max(0, t.uploadedBytes() - previous.up()) / seconds);
  }
}
