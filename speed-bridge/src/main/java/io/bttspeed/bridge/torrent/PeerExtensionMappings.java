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
import java.lang.reflect.Field;
import java.util.Map;

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
 */
final class PeerExtensionMappings {
  /** BEP 10's message id, under which Bt files its extended protocol. */
  private static final int EXTENDED_MESSAGE_ID = ExtendedProtocol.EXTENDED_MESSAGE_ID;

  private final Map<Peer, ?> byPeer;

  private PeerExtensionMappings(Map<Peer, ?> byPeer) {
    this.byPeer = byPeer;
  }

  /** The live table of the runtime behind {@code injector}. */
  static PeerExtensionMappings of(Injector injector) {
    MessageHandler<Message> protocol =
        injector.getInstance(
            Key.get(new TypeLiteral<MessageHandler<Message>>() {}, BitTorrentProtocol.class));
    Map<?, ?> handlers = (Map<?, ?>) field(protocol, "handlers");
    Object extended = handlers.get(EXTENDED_MESSAGE_ID);
    if (!(extended instanceof ExtendedProtocol)) {
      throw new IllegalStateException("Bt files no extended protocol under id 20: " + extended);
    }
    Object handshakes = field(extended, "extendedHandshakeHandler");
    @SuppressWarnings("unchecked")
    Map<Peer, ?> byPeer = (Map<Peer, ?>) field(handshakes, "peerTypeMappings");
    return new PeerExtensionMappings(byPeer);
  }

  /** Forgets a peer's ids as soon as Bt reports its connection gone, on every torrent. */
  void forgetOnDisconnect(EventSource events) {
    events.onPeerDisconnected(null, e -> byPeer.remove(e.getPeer()));
  }

  /** Peers whose ids are kept; for tests. */
  int size() {
    return byPeer.size();
  }

  private static Object field(Object owner, String name) {
    try {
      Field field = owner.getClass().getDeclaredField(name);
      field.setAccessible(true);
      Object value = field.get(owner);
      if (value == null) {
        throw new IllegalStateException(owner.getClass().getName() + "." + name + " is null");
      }
      return value;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "Bt 1.10's " + owner.getClass().getName() + " has no field " + name, e);
    }
  }
}
