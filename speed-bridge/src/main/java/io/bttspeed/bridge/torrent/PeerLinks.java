package io.bttspeed.bridge.torrent;

import bt.event.EventSource;
import bt.net.ConnectionKey;
import bt.torrent.messaging.ConnectionState;
import com.google.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live {@link PeerLink} of every connection, made on first sight and dropped when the
 * connection ends.
 */
final class PeerLinks {
  private static final Logger LOG = LoggerFactory.getLogger(PeerLinks.class);
  private final Map<ConnectionKey, PeerLink> links = new ConcurrentHashMap<>();
  private final SpeedListener listener;

  @Inject
  PeerLinks(SpeedListener listener, EventSource events) {
    this.listener = listener;
    events.onPeerDisconnected(null, e -> disconnected(e.getConnectionKey()));
  }

  PeerLink of(ConnectionKey key, ConnectionState state) {
    return links.computeIfAbsent(key, k -> new PeerLink(k, state));
  }

  /** The link of a connection, or null when it is not known (yet, or any more). */
  PeerLink get(ConnectionKey key) {
    return links.get(key);
  }

  List<PeerLink> all() {
    return List.copyOf(links.values());
  }

  private void disconnected(ConnectionKey key) {
    PeerLink link = links.remove(key);
    if (link != null) {
      link.closed();
      try {
        listener.disconnected(link);
      } catch (RuntimeException e) {
        LOG.warn("a speed listener failed on a disconnect", e);
      }
    }
  }
}
