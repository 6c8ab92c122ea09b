package io.bttspeed.bridge.torrent;

import bt.event.EventSource;
import bt.module.BitTorrentProtocol;
import bt.net.Peer;
import bt.protocol.Message;
import bt.protocol.extended.ExtendedProtocol;
import bt.protocol.handler.MessageHandler;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Bt's table of each connected peer's extension ids (BEP 10's "m" dictionary), emptied of a peer
 * when its connection ends.
 *
 * <p>Bt 1.10's {@code ExtendedHandshakeMessageHandler} adds an entry for every peer that sends an
 * extended handshake and never removes one. A peer is a new object per connection, so a daemon that
 * meets peers all day keeps a peer, its options and a map for every connection it ever had: the
 * soak's heap grew about 1.9 MiB a minute (docs/benchmarks.md). The table sits two private fields
 * deep inside Bt's singleton protocol, with no binding to replace it, so it is reached by its
 * fields once the runtime is built. Bt is pinned at 1.10, and a Bt without those fields fails here
 * at start, not quietly.
 *
 * <p>A peer goes when Bt reports its connection ended, and otherwise at a sweep: Bt closes a
 * duplicate connection (two peers that dial each other at once) without any event, after the peer's
 * extended handshake was already read. Five leechers meshed over two torrents kept 26 to 110 such
 * peers each once every connection had ended (MeshIntegrityTest).
 */
final class PeerExtensionMappings {
  /** BEP 10's message id, under which Bt files its extended protocol. */
  private static final int EXTENDED_MESSAGE_ID = ExtendedProtocol.EXTENDED_MESSAGE_ID;

  /** How often, at most, peers without a connection are looked for. */
  private static final Duration SWEEP_EVERY = Duration.ofSeconds(5);

  private final Map<Peer, ?> byPeer;

  /** Peers without a connection at the last sweep: dropped if still without one at the next. */
  private Set<Peer> suspects = identitySet();

  private long sweptAt = System.nanoTime();

  PeerExtensionMappings(Map<Peer, ?> byPeer) {
    this.byPeer = byPeer;
  }

  /** The live table of the runtime behind {@code injector}. */
  static PeerExtensionMappings of(Injector injector) {
    MessageHandler<Message> protocol =
        injector.getInstance(
            Key.get(new TypeLiteral<MessageHandler<Message>>() {}, BitTorrentProtocol.class));
    Map<?, ?> handlers = (Map<?, ?>) BtFields.read(protocol, "handlers");
    Object extended = handlers.get(EXTENDED_MESSAGE_ID);
    if (!(extended instanceof ExtendedProtocol)) {
      throw new IllegalStateException("Bt files no extended protocol under id 20: " + extended);
    }
    Object handshakes = BtFields.read(extended, "extendedHandshakeHandler");
    @SuppressWarnings("unchecked")
    Map<Peer, ?> byPeer = (Map<Peer, ?>) BtFields.read(handshakes, "peerTypeMappings");
    return new PeerExtensionMappings(byPeer);
  }

  /**
   * Forgets a peer's ids as soon as Bt reports its connection gone, on every torrent, and then (at
   * most every {@link #SWEEP_EVERY}) sweeps for peers whose connection ended unreported.
   *
   * @param connected the remote peers of every connection open now
   */
  void forgetOnDisconnect(EventSource events, Supplier<Set<Peer>> connected) {
    events.onPeerDisconnected(
        null,
        e -> {
          byPeer.remove(e.getPeer());
          sweepIfDue(connected);
        });
  }

  private synchronized void sweepIfDue(Supplier<Set<Peer>> connected) {
    long now = System.nanoTime();
    if (now - sweptAt < SWEEP_EVERY.toNanos()) {
      return;
    }
    sweptAt = now;
    sweep(connected.get());
  }

  /**
   * Drops the peers that had no connection at this sweep and the one before; a peer whose
   * connection is still being set up (its handshake read, not yet in Bt's pool) has one sweep's
   * time to get there.
   */
  synchronized void sweep(Set<Peer> connected) {
    Set<Peer> without = identitySet();
    for (Peer p : byPeer.keySet()) {
      if (connected.contains(p)) {
        continue;
      }
      if (suspects.contains(p)) {
        byPeer.remove(p);
      } else {
        without.add(p);
      }
    }
    suspects = without;
  }

  /** An identity set of peers, which is how Bt's table tells them apart. */
  static Set<Peer> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }

  /** Peers whose ids are kept; for tests. */
  int size() {
    return byPeer.size();
  }
}
