package io.bttspeed.bridge.torrent;

import bt.event.EventSource;
import bt.metainfo.TorrentId;
import bt.net.ConnectionKey;
import bt.protocol.Message;
import bt.service.IRuntimeLifecycleBinder;
import bt.torrent.annotation.Produces;
import bt.torrent.messaging.ConnectionState;
import bt.torrent.messaging.MessageContext;
import com.google.inject.Inject;
import io.bttspeed.bridge.accounting.PeerTrafficListener;
import io.bttspeed.bridge.choke.ChokerSettings;
import io.bttspeed.bridge.choke.PeerSample;
import io.bttspeed.bridge.choke.SlotChoker;
import io.bttspeed.bridge.choke.SlotPolicy;
import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.tron.supervision.Supervisor;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies our {@link SlotChoker} to Bt's connections, and keeps each connection's counters for the
 * accounting hooks. Bt asks every messaging agent to produce whenever a connection's outgoing queue
 * is empty; here that is where the connection's slot decision is written into its {@link
 * ConnectionState} before Bt's own choker reads it.
 *
 * <p>Bt's choker refuses to unchoke a peer within 10 s of choking it; that would stop a slot from
 * moving within a round. The last-choked time is package-private in Bt, so it is reset through a
 * method handle found once at start (a Bt without it fails at start, not in the middle of a swarm).
 *
 * <p>Public only because Bt compiles its agents through a public method-handle lookup.
 */
public final class ChokingAgent {
  private static final Logger LOG = LoggerFactory.getLogger(ChokingAgent.class);
  private static final MethodHandle SET_LAST_CHOKED = lastChokedSetter();

  /** A paid slot's share of a capped upload; an ordinary slot's is 1. */
  static final int PAID_UPLOAD_SHARE = 2;

  private final ChokerSettings settings;
  private final PeerTrafficListener listener;
  private final Map<TorrentId, SlotChoker<ConnectionKey>> chokers = new ConcurrentHashMap<>();
  private final Map<ConnectionKey, Tracked> connections = new ConcurrentHashMap<>();
  private final Random random = new Random();
  private volatile SlotPolicy<ConnectionKey> policy = SlotPolicy.none();

  @Inject
  ChokingAgent(
      ChokerSettings settings,
      PeerTrafficListener listener,
      EventSource events,
      IRuntimeLifecycleBinder lifecycle) {
    this.settings = settings;
    this.listener = listener;
    events.onPeerDisconnected(null, e -> disconnected(e.getConnectionKey()));
    // Supervised: a round that throws is logged and the next goes ahead; an Error stops the process
    // loudly.
    String thread = "bridge.choker-rounds";
    ScheduledExecutorService rounds = Supervisor.process().singleThreadScheduler(thread);
    long periodMs = settings.round().toMillis();
    lifecycle.onStartup(
        "Start choking rounds",
        () ->
            Supervisor.process()
                .atFixedRate(
                    rounds, thread, this::round, periodMs, periodMs, TimeUnit.MILLISECONDS));
    lifecycle.onShutdown("Stop choking rounds", rounds::shutdownNow);
  }

  @Produces
  public void produce(Consumer<Message> messages, MessageContext context) {
    ConnectionKey key = context.getConnectionKey();
    ConnectionState state = context.getConnectionState();
    connections.computeIfAbsent(key, k -> new Tracked(state));
    decide(key, choker(key.getTorrentId()).shouldUnchoke(key, state.isPeerInterested()));
  }

  /**
   * Runs one round for every torrent now (the scheduler calls this every round; a rechoke may call
   * it between).
   */
  synchronized void round() {
    Map<TorrentId, List<PeerSample<ConnectionKey>>> samples = new ConcurrentHashMap<>();
    double seconds = settings.round().toMillis() / 1000.0;
    connections.forEach(
        (key, tracked) -> {
          long down = tracked.state.getDownloaded();
          long up = tracked.state.getUploaded();
          long downRate = (long) ((down - tracked.lastDownloaded) / seconds);
          long upRate = (long) ((up - tracked.lastUploaded) / seconds);
          tracked.lastDownloaded = down;
          tracked.lastUploaded = up;
          samples
              .computeIfAbsent(key.getTorrentId(), t -> new ArrayList<>())
              .add(new PeerSample<>(key, tracked.state.isPeerInterested(), downRate, upRate));
        });
    samples.forEach(
        (torrent, list) -> {
          Set<ConnectionKey> holders = choker(torrent).round(list);
          // Applied here as well as in produce(): Bt asks a connection's agents for messages only
          // when its outgoing queue is empty, which on a busy upload (pieces waiting for the rate
          // limit) can be seconds away, so a choke decided now would wait that long. Bt's choker
          // acts on this flag at the connection's next incoming message, which a downloading peer
          // sends many times a second.
          list.forEach(sample -> decide(sample.peer(), holders.contains(sample.peer())));
        });
  }

  private void decide(ConnectionKey key, boolean unchoke) {
    Tracked tracked = connections.get(key);
    if (tracked == null) {
      return;
    }
    ConnectionState state = tracked.state;
    if (unchoke && state.isChoking()) {
      resetLastChoked(state);
    }
    state.setShouldChoke(!unchoke);
  }

  /**
   * The connection's share of a capped upload, relative to an ordinary slot's 1: a paid slot gets
   * {@link #PAID_UPLOAD_SHARE}. Slots alone split a cap evenly between unchoked peers, so a bid
   * bought only the right to be one of them (about 1.5 times a non-bidder's rate in a five-leecher
   * swarm); with the double share a bidder gets about three times, and the peers in the open slots
   * still get their part (DESIGN §5 keeps one tit-for-tat and one optimistic slot open to
   * everyone).
   */
  int uploadShare(ConnectionKey key) {
    SlotChoker<ConnectionKey> choker = chokers.get(key.getTorrentId());
    return choker != null && choker.holdsPolicySlot(key) ? PAID_UPLOAD_SHARE : 1;
  }

  /** The seam for the next issue's paid slots. */
  void setPolicy(SlotPolicy<ConnectionKey> newPolicy) {
    this.policy = newPolicy;
    chokers.clear();
  }

  /** Peers of the torrent that hold a slot and are unchoked on the wire now. */
  List<ConnectionKey> unchokedOnTheWire(TorrentId torrent) {
    List<ConnectionKey> out = new ArrayList<>();
    connections.forEach(
        (key, tracked) -> {
          if (key.getTorrentId().equals(torrent) && !tracked.state.isChoking()) {
            out.add(key);
          }
        });
    return out;
  }

  /** Live counters of a torrent's connections. */
  List<PeerCounters> counters(TorrentId torrent) {
    List<PeerCounters> out = new ArrayList<>();
    connections.forEach(
        (key, tracked) -> {
          if (key.getTorrentId().equals(torrent)) {
            out.add(
                new PeerCounters(
                    Peers.address(key.getPeer()),
                    key.getPeer().getPeerId().map(ClientNames::of).orElse(""),
                    tracked.state.getUploaded(),
                    tracked.state.getDownloaded(),
                    !tracked.state.isChoking(),
                    tracked.state.isPeerInterested()));
          }
        });
    return out;
  }

  private SlotChoker<ConnectionKey> choker(TorrentId torrent) {
    return chokers.computeIfAbsent(torrent, t -> new SlotChoker<>(settings, policy, random));
  }

  private void disconnected(ConnectionKey key) {
    Tracked tracked = connections.remove(key);
    SlotChoker<ConnectionKey> choker = chokers.get(key.getTorrentId());
    if (choker != null) {
      choker.forget(key);
    }
    if (tracked != null) {
      try {
        listener.connectionClosed(
            InfoHash.of(key.getTorrentId().getBytes()),
            Peers.address(key.getPeer()),
            tracked.state.getUploaded(),
            tracked.state.getDownloaded());
      } catch (RuntimeException e) {
        LOG.warn("a traffic listener failed", e);
      }
    }
  }

  private static void resetLastChoked(ConnectionState state) {
    try {
      SET_LAST_CHOKED.invokeExact(state, 0L);
    } catch (Throwable t) {
      throw new IllegalStateException("cannot reset Bt's last-choked time", t);
    }
  }

  private static MethodHandle lastChokedSetter() {
    try {
      var method = ConnectionState.class.getDeclaredMethod("setLastChoked", long.class);
      method.setAccessible(true);
      return MethodHandles.lookup()
          .unreflect(method)
          .asType(MethodType.methodType(void.class, ConnectionState.class, long.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ExceptionInInitializerError(
          "this Bt has no ConnectionState.setLastChoked(long): " + e);
    }
  }

  private static final class Tracked {
    final ConnectionState state;
    long lastDownloaded;
    long lastUploaded;

    Tracked(ConnectionState state) {
      this.state = state;
    }
  }
}
