package io.bttspeed.bridge.torrent;

import bt.metainfo.TorrentId;
import bt.net.ConnectionKey;
import bt.torrent.TorrentRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Connection keys that disconnected and whose state Bt may still hold, so that the dispatcher holds
 * back the reads of a new connection with the same key until Bt has settled the old one.
 */
final class DisconnectedKeys {
  /**
   * Bt 1.10's {@code TorrentWorker} does not forget a connection when it goes: it queues the key,
   * and removes the key's piece statistics (the peer's bitfield) and assignment only at its next
   * assignment update. That update runs inside a supplier call of one of the torrent's connections,
   * at the latest when 5 s have passed since the previous one; with no connection left it never
   * runs. A new outgoing connection to the same peer has the same key (address, listen port,
   * torrent), so when its bitfield was read before that update, the update removed the new bitfield
   * as the old one: the leecher of a seeder that restarted on the same port saw a peer with no
   * pieces, was never interested, and the seeder (which sends its bitfield once) never uploaded
   * again. So a new channel of a key that went reads nothing until one of its suppliers was called
   * at least this long after the disconnect: that call is such an update (no update ran since, or
   * one did and drained the queue), and it drops the old state before the new bitfield arrives. 5 s
   * and a margin for an update already running when the key went.
   */
  static final Duration BT_SETTLES_A_DISCONNECT_AFTER = Duration.ofSeconds(6);

  private static final long SETTLE_NANOS = BT_SETTLES_A_DISCONNECT_AFTER.toNanos();

  /** How often keys that Bt has certainly settled are forgotten. */
  private static final long PRUNE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

  /**
   * When each disconnected key went (System.nanoTime()), kept until Bt has settled it: until a new
   * channel of that key takes it over, a supplier of its torrent ran {@link
   * #BT_SETTLES_A_DISCONNECT_AFTER} later, or its torrent stopped (a restart has a new worker).
   */
  private final Map<ConnectionKey, Long> disconnectedAt = new ConcurrentHashMap<>();

  private final TorrentRegistry torrents;

  /** When settled keys were last forgotten; dispatcher thread only. */
  private long prunedAt = System.nanoTime();

  DisconnectedKeys(TorrentRegistry torrents) {
    this.torrents = torrents;
  }

  void disconnected(ConnectionKey key) {
    disconnectedAt.put(key, System.nanoTime());
  }

  /**
   * The System.nanoTime() after which a supplier call of a new channel of {@code key} must start
   * before it reads, or null when Bt holds nothing of an earlier connection with that key.
   */
  Long readsAfter(ConnectionKey key) {
    Long at = disconnectedAt.remove(key);
    return at == null ? null : at + SETTLE_NANOS;
  }

  /** Whether keys wait and a prune is due (at most one a second); dispatcher thread only. */
  boolean pruneDue() {
    if (disconnectedAt.isEmpty()) {
      return false;
    }
    long now = System.nanoTime();
    if (now - prunedAt < PRUNE_EVERY_NANOS) {
      return false;
    }
    prunedAt = now;
    return true;
  }

  /**
   * Forgets the keys Bt has settled, given when each torrent's suppliers were last called
   * (System.nanoTime()).
   */
  void prune(Map<TorrentId, Long> lastSupplied) {
    disconnectedAt
        .entrySet()
        .removeIf(
            e -> {
              TorrentId torrent = e.getKey().getTorrentId();
              Long last = lastSupplied.get(torrent);
              return !torrents.isSupportedAndActive(torrent)
                  || (last != null && last - (e.getValue() + SETTLE_NANOS) >= 0);
            });
  }
}
