package io.bttspeed.bridge.torrent;

import bt.Bt;
import bt.BtClientBuilder;
import bt.event.EventSink;
import bt.event.EventSource;
import bt.metainfo.IMetadataService;
import bt.metainfo.Torrent;
import bt.metainfo.TorrentId;
import bt.net.IMessageDispatcher;
import bt.runtime.BtClient;
import bt.runtime.BtRuntime;
import bt.torrent.TorrentRegistry;
import bt.torrent.TorrentSessionState;
import io.bttspeed.bridge.accounting.PeerTrafficListener;
import io.bttspeed.bridge.choke.ChokerSettings;
import io.bttspeed.bridge.choke.SlotPolicy;
import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.limits.Direction;
import io.bttspeed.bridge.limits.Rate;
import io.bttspeed.bridge.limits.RateLimits;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded BitTorrent engine: one Bt runtime with our bindings, and one Bt client per running
 * torrent. It knows nothing of persistence or the API; {@code bridge.manager} decides what runs.
 */
public final class Engine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  private final BtRuntime runtime;
  private final TorrentRegistry torrents;

  private final Teardowns teardowns;

  private final RateLimits<TorrentId> limits = RateLimits.systemClock();
  private final NamedPeers namedPeers = new NamedPeers();
  private final Map<InfoHash, RunningTorrent> running = new ConcurrentHashMap<>();
  private final EngineSettings settings;
  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  private Engine(
      EngineSettings settings,
      ChokerSettings choker,
      PeerTrafficListener traffic,
      SpeedListener speed,
      SlotPolicy<PeerLink> slots) {
    this.settings = settings;
    ProcessingExecutor processing = ProcessingExecutor.forPort(settings.port());
    this.runtime =
        BtRuntimes.build(
            settings, new BridgeModule(limits, namedPeers, choker, traffic, speed, processing));
    this.torrents = runtime.service(TorrentRegistry.class);
    this.teardowns =
        new Teardowns(
            torrents,
            runtime.service(EventSource.class),
            runtime.service(EventSink.class),
            runtime.service(bt.net.IPeerConnectionPool.class),
            processing);
    runtime
        .service(ChokingAgent.class)
        .setPolicy(new LinkSlotPolicy(slots, runtime.service(PeerLinks.class)));
    this.runtime.startup();
  }

  /** Starts an engine listening on {@code settings.port()}. */
  public static Engine start(EngineSettings settings) {
    return new Engine(
        settings,
        ChokerSettings.defaults(),
        PeerTrafficListener.NONE,
        SpeedListener.NONE,
        SlotPolicy.none());
  }

  /**
   * Starts an engine with its upload slots given out by {@code choker}, reporting traffic to {@code
   * traffic}.
   */
  public static Engine start(
      EngineSettings settings, ChokerSettings choker, PeerTrafficListener traffic) {
    return new Engine(settings, choker, traffic, SpeedListener.NONE, SlotPolicy.none());
  }

  /**
   * Starts an engine that speaks {@code bt_speed}: it advertises the extension, hands its messages
   * to {@code speed}, and fills the choker's policy slots from {@code slots} (the paid slots of the
   * auction).
   */
  public static Engine start(
      EngineSettings settings,
      ChokerSettings choker,
      PeerTrafficListener traffic,
      SpeedListener speed,
      SlotPolicy<PeerLink> slots) {
    return new Engine(settings, choker, traffic, speed, slots);
  }

  /**
   * Reassigns every torrent's slots now, not at the next round (a paid slot lost to debt goes at
   * once).
   */
  public void rechoke() {
    runtime.service(ChokingAgent.class).round();
  }

  /** The live links of a torrent's connections. */
  public List<PeerLink> links(InfoHash infoHash) {
    return runtime.service(PeerLinks.class).all().stream()
        .filter(l -> l.torrent().equals(infoHash))
        .toList();
  }

  public EngineSettings settings() {
    return settings;
  }

  /**
   * Parses metainfo that has already passed {@code Metainfo}'s checks; Bt's parser is only ever
   * given that.
   */
  Torrent parse(byte[] metainfo) {
    return runtime.service(IMetadataService.class).fromByteArray(metainfo);
  }

  /**
   * Starts (or resumes) a torrent from its metainfo: existing data under {@code directory} is
   * verified first, so only missing pieces are downloaded.
   *
   * @param onComplete called once when every piece is verified (at once for a complete seed)
   */
  public void start(
      InfoHash infoHash,
      byte[] metainfo,
      Path directory,
      List<InetSocketAddress> peers,
      Consumer<InfoHash> onComplete) {
    Torrent torrent = parse(metainfo);
    launch(
        infoHash, Bt.client(runtime).torrent(() -> torrent), false, directory, peers, onComplete);
    running.get(infoHash).sized(torrent);
  }

  /** Starts a torrent from a magnet link: the metadata comes from peers first. */
  public void startMagnet(
      InfoHash infoHash,
      String magnet,
      Path directory,
      List<InetSocketAddress> peers,
      Consumer<byte[]> onMetainfo,
      Consumer<InfoHash> onComplete) {
    Consumer<Torrent> onMetadata =
        torrent -> {
          RunningTorrent entry = running.get(infoHash);
          if (entry != null) {
            entry.sized(torrent);
          }
          onMetainfo.accept(metainfoOf(torrent));
        };
    launch(
        infoHash,
        Bt.client(runtime).magnet(magnet).afterTorrentFetched(onMetadata),
        true,
        directory,
        peers,
        onComplete);
  }

  /** A .torrent holding the info dictionary exchanged with peers (BEP-9), for the store. */
  private static byte[] metainfoOf(Torrent torrent) {
    byte[] info = torrent.getSource().getExchangedMetadata();
    byte[] out = new byte[info.length + 8];
    System.arraycopy("d4:info".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, out, 0, 7);
    System.arraycopy(info, 0, out, 7, info.length);
    out[out.length - 1] = 'e';
    return out;
  }

  private void launch(
      InfoHash infoHash,
      BtClientBuilder builder,
      boolean magnet,
      Path directory,
      List<InetSocketAddress> peers,
      Consumer<InfoHash> onComplete) {
    TorrentId id = TorrentId.fromBytes(infoHash.bytes());
    teardowns.awaitTeardown(id, infoHash);
    namedPeers.add(id, peers);
    RunningTorrent entry = new RunningTorrent(id, torrents);
    if (running.putIfAbsent(infoHash, entry) != null) {
      throw new IllegalStateException("torrent " + infoHash + " is already running");
    }
    BtClient client =
        builder
            .storage(new ConfinedStorage(directory))
            .randomizedRarestSelector()
            .afterDownloaded(t -> onComplete.accept(infoHash))
            .build();
    entry.client = client;
    entry.setAsideEarlierState();
    // No state listener: Bt gives each listener a scheduler thread of its own, which for 100 idle
    // torrents cost 100 threads and about 2 % of a core (docs/benchmarks.md, idle cost). The state
    // is read when asked.
    entry.done = teardowns.start(id, magnet, client::startAsync);
  }

  /** Stops a running torrent (pause, or before removal); its data stays where it is. */
  public void stop(InfoHash infoHash) {
    RunningTorrent entry = running.remove(infoHash);
    if (entry != null) {
      entry.client.stop();
      teardowns.stopped(entry.id);
      namedPeers.forget(entry.id);
    }
  }

  /**
   * Stops a torrent and returns once Bt has torn it down (its connections closed, its files
   * released), or after the teardown's timeout. Deleting a torrent's files before that let Bt's
   * workers still serve blocks from them and reopen them once gone.
   */
  public void stopAndRelease(InfoHash infoHash) {
    stop(infoHash);
    awaitReleased(infoHash);
  }

  /**
   * Returns once Bt has torn down a torrent that was stopped (at once if it was not), or after the
   * teardown's timeout. Bt 1.10 takes up to a second: its seeding stage looks for the stop once a
   * second.
   */
  public void awaitReleased(InfoHash infoHash) {
    teardowns.awaitTeardown(TorrentId.fromBytes(infoHash.bytes()), infoHash);
  }

  public boolean isRunning(InfoHash infoHash) {
    return running.containsKey(infoHash);
  }

  /**
   * Whether Bt's processing of a running torrent ended without being stopped: an error inside Bt
   * (which Bt logs) ended it, and it transfers nothing until it is stopped and started again.
   */
  public boolean ended(InfoHash infoHash) {
    RunningTorrent entry = running.get(infoHash);
    return entry != null && entry.done != null && entry.done.isDone();
  }

  /** The latest state Bt reported for a running torrent. */
  public Optional<TorrentProgress> progress(InfoHash infoHash) {
    RunningTorrent entry = running.get(infoHash);
    if (entry == null) {
      return Optional.empty();
    }
    TorrentSessionState state = entry.state();
    if (state == null) {
      return Optional.of(TorrentProgress.STARTING);
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return Optional.of(
            new TorrentProgress(
                state.getPiecesTotal(),
                state.getPiecesComplete(),
                state.getDownloaded(),
                state.getUploaded(),
                state.getConnectedPeers().size()));
      } catch (NullPointerException e) {
        // Bt 1.10 sums its connected peers' transfer by looking each one up again, and a peer that
        // disconnects in between has no state: its own race, over in microseconds.
        if (attempt == 5) {
          throw new IllegalStateException("Bt's transfer totals kept changing under the read", e);
        }
      }
    }
  }

  /**
   * Bytes of the torrent not yet verified (whole pieces counted at the piece size, so the last
   * piece may count a little more than it holds); empty while its size is unknown (a magnet before
   * its metadata) or not running.
   */
  public Optional<Long> remainingBytes(InfoHash infoHash) {
    RunningTorrent entry = running.get(infoHash);
    return entry == null ? Optional.empty() : entry.remainingBytes();
  }

  public void setGlobalLimit(Direction direction, Rate rate) {
    limits.setGlobal(direction, rate);
  }

  public void setTorrentLimit(InfoHash infoHash, Direction direction, Rate rate) {
    limits.setTorrent(TorrentId.fromBytes(infoHash.bytes()), direction, rate);
  }

  /** A running torrent's connections with their live counters. */
  public List<PeerCounters> peers(InfoHash infoHash) {
    return runtime.service(ChokingAgent.class).counters(TorrentId.fromBytes(infoHash.bytes()));
  }

  /** Peers of a torrent that are unchoked on the wire now. */
  List<PeerCounters> unchoked(InfoHash infoHash) {
    return peers(infoHash).stream().filter(PeerCounters::unchoked).toList();
  }

  /** Connections the message dispatcher still serves; zero once every peer has gone. */
  int dispatcherConnections() {
    return ((LimitingMessageDispatcher) runtime.service(IMessageDispatcher.class))
        .connectionCount();
  }

  /** The dispatcher's and the selector's view of every connection, for diagnosing a stall. */
  String diagnostics() {
    return ConnectionDiagnostics.of(runtime);
  }

  long namedPeerPolls() {
    return namedPeers.polls();
  }

  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return; // idempotent: the daemon's node and its torrent manager both close the engine they
      // share
    }
    for (InfoHash infoHash : List.copyOf(running.keySet())) {
      stop(infoHash);
    }
    runtime.shutdown();
  }

  /** Bt's pool that dials and accepts peers; for tests of its settings. */
  java.util.concurrent.ThreadPoolExecutor connectionWorkers() {
    return IdleConnectionWorkers.pool(connectionSource());
  }

  /** Peers whose extension ids Bt keeps; for tests that they are forgotten. */
  int peersWithExtensionMappings() {
    return PeerExtensionMappings.of(runtime.getInjector()).size();
  }

  /** As {@link #peersWithExtensionMappings}, after two sweeps for peers without a connection. */
  int peersWithExtensionMappingsAfterSweeps() {
    PeerExtensionMappings mappings = PeerExtensionMappings.of(runtime.getInjector());
    mappings.sweep(BtRuntimes.connectedPeers(runtime));
    mappings.sweep(BtRuntimes.connectedPeers(runtime));
    return mappings.size();
  }

  private bt.net.IConnectionSource connectionSource() {
    return runtime.service(bt.net.IConnectionSource.class);
  }
}
