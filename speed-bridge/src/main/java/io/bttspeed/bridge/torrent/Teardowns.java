package io.bttspeed.bridge.torrent;

import bt.event.EventSink;
import bt.event.EventSource;
import bt.metainfo.TorrentId;
import bt.net.IPeerConnectionPool;
import bt.net.PeerConnection;
import bt.torrent.TorrentRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bt tears a stopped torrent down after stop() returns (the tracker's stop announce first) and
 * refuses to start it again until then ("already registered"): a resume right after a pause failed.
 * This follows each stopped torrent until Bt reports it stopped, so that starting it again waits
 * for the teardown, bounded.
 *
 * <p>It also closes a stopped torrent's peer connections. Bt 1.10 only stops reading them and keeps
 * them open until its 3-minute inactivity purge, each with 2 MiB of direct buffers, and the peers
 * keep a silent connection: a daemon pausing a torrent with 50 peers held 100 MiB for minutes.
 */
final class Teardowns {
  private static final Logger LOG = LoggerFactory.getLogger(Teardowns.class);

  /** How long a start waits for Bt to tear the same torrent down. */
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final TorrentRegistry torrents;
  private final EventSink events;
  private final IPeerConnectionPool connections;

  /** Torrents being stopped, completed when Bt reports them stopped (and unregistered). */
  private final Map<TorrentId, CompletableFuture<Void>> stopping = new ConcurrentHashMap<>();

  Teardowns(
      TorrentRegistry torrents,
      EventSource source,
      EventSink events,
      IPeerConnectionPool connections) {
    this.torrents = torrents;
    this.events = events;
    this.connections = connections;
    // Bt's registry unregisters a stopped torrent in its own listener, subscribed before this one.
    source.onTorrentStopped(
        null,
        e -> {
          if (e.getTorrentId() == null) {
            return;
          }
          // Bt's pool purges a closed connection within a second and reports the peer gone.
          connections.visitConnections(e.getTorrentId(), PeerConnection::closeQuietly);
          CompletableFuture<Void> stopped = stopping.remove(e.getTorrentId());
          if (stopped != null) {
            stopped.complete(null);
          }
        });
  }

  /** Called just before Bt is told to stop the torrent. */
  void stopping(TorrentId id) {
    stopping.put(id, new CompletableFuture<>());
  }

  /** Returns once an earlier run of the torrent is torn down, or after the timeout, released. */
  void awaitTeardown(TorrentId id, Object label) {
    CompletableFuture<Void> stopped = stopping.get(id);
    boolean registered =
        torrents.getDescriptor(id).map(d -> d.getDataDescriptor() != null).orElse(false);
    try {
      if (stopped != null && registered) {
        stopped.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (TimeoutException e) {
      // Seen in tests: a torrent whose processing ended without Bt's finalizer running stays
      // registered for good, and every restart fails. Bt's registry forgets a torrent on the
      // stopped event; send it.
      LOG.warn("torrent {} still registered {} after it was stopped; releasing it", label, TIMEOUT);
      events.fireTorrentStopped(id);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (stopped != null) {
        stopping.remove(id, stopped);
      }
    }
  }
}
