package io.bttspeed.bridge.torrent;

import bt.event.EventSink;
import bt.event.EventSource;
import bt.metainfo.TorrentId;
import bt.net.IPeerConnectionPool;
import bt.net.PeerConnection;
import bt.torrent.TorrentDescriptor;
import bt.torrent.TorrentRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows each run of a torrent in Bt from its start until Bt reports it stopped, so that starting
 * the torrent again waits for the last run's teardown, bounded. Bt tears a stopped torrent down
 * after stop() returns (the tracker's stop announce first) and refuses to start it again until then
 * ("already registered").
 *
 * <p>Bt's stop() alone does not end every run. Its download stage waits for all pieces without
 * looking at the stop, and so does a magnet's wait for metadata, and a run stopped before Bt
 * registered it (a remove right after an add) is not stopped at all: each went on for good, holding
 * a thread (and the registration). Interrupting the run's thread is Bt's own way out (it then
 * finalizes the torrent and reports it stopped), so a stopped run is interrupted while its thread
 * waits in one of those stages. A run stopped before its processing task even began is never
 * processed and Bt reports nothing for it: the task's return ({@link ProcessingExecutor}) ends it.
 *
 * <p>It also closes a stopped torrent's peer connections. Bt 1.10 only stops reading them and keeps
 * them open until its 3-minute inactivity purge, each with 2 MiB of direct buffers, and the peers
 * keep a silent connection: a daemon pausing a torrent with 50 peers held 100 MiB for minutes.
 */
final class Teardowns {
  private static final Logger LOG = LoggerFactory.getLogger(Teardowns.class);

  /** How long a start waits for Bt to tear the same torrent down, before stepping in. */
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** One run of a torrent in Bt. */
  private final class Run implements ProcessingExecutor.Watch {
    final TorrentId id;
    final boolean magnet;

    /** Completed when Bt reports the run stopped, or its processing task returned. */
    final CompletableFuture<Void> ended = new CompletableFuture<>();

    volatile boolean stopRequested;

    /**
     * The thread processing the run while it waits in a stage that only an interrupt ends: a
     * magnet's wait for metadata (from the task's start until Bt reports the metadata), and the
     * download stage's wait for all pieces (from Bt reporting the run started, its data verified,
     * until it reports it stopped). Never while it reads or writes files: an interrupt would close
     * them.
     */
    private Thread thread;

    private boolean returned;

    Run(TorrentId id, boolean magnet) {
      this.id = id;
      this.magnet = magnet;
    }

    @Override
    public synchronized void began(Thread t) {
      if (magnet) {
        thread = t;
      }
    }

    @Override
    public void returned() {
      synchronized (this) {
        returned = true;
        thread = null;
      }
      processingReturned(this);
    }

    synchronized void hold(Thread t) {
      if (!returned) {
        thread = t;
      }
    }

    synchronized void release() {
      thread = null;
    }

    /** For a log line: how far Bt got with the run. */
    synchronized String progress() {
      return thread == null
          ? "Bt held no thread of it in a wait"
          : "Bt held " + thread.getName() + " (" + thread.getState() + ") in a wait";
    }

    /** Interrupts the run's processing, if it waits in a stage only an interrupt ends. */
    synchronized void interrupt() {
      if (thread != null) {
        thread.interrupt();
      }
    }
  }

  /**
   * Ends a run Bt was told to stop: stops its descriptor (which Bt's stop() misses for a run not
   * yet registered, and which ends the seeding stage within a second) and, for a run whose download
   * stage waits for pieces, interrupts that wait. A complete torrent is not interrupted: its thread
   * may be flushing files, which an interrupt would break.
   */
  private void end(TorrentId id, Run run) {
    Optional<TorrentDescriptor> descriptor = torrents.getDescriptor(id);
    descriptor.ifPresent(TorrentDescriptor::stop);
    boolean complete =
        descriptor
            .map(TorrentDescriptor::getDataDescriptor)
            .map(d -> d.getBitfield().getPiecesRemaining() == 0)
            .orElse(false);
    if (!complete) {
      run.interrupt();
    }
  }

  private final TorrentRegistry torrents;
  private final EventSink events;
  private final IPeerConnectionPool connections;
  private final ProcessingExecutor processing;
  private final Map<TorrentId, Run> runs = new ConcurrentHashMap<>();

  Teardowns(
      TorrentRegistry torrents,
      EventSource source,
      EventSink events,
      IPeerConnectionPool connections,
      ProcessingExecutor processing) {
    this.torrents = torrents;
    this.events = events;
    this.connections = connections;
    this.processing = processing;
    // All three on the thread that processes the torrent.
    source.onMetadataAvailable(
        null,
        e -> {
          Run run = e.getTorrentId() == null ? null : runs.get(e.getTorrentId());
          if (run != null) {
            run.release(); // the magnet's files are read next: no interrupt until it started
          }
        });
    source.onTorrentStarted(
        null,
        e -> {
          Run run = e.getTorrentId() == null ? null : runs.get(e.getTorrentId());
          if (run != null) {
            run.hold(Thread.currentThread());
            if (run.stopRequested) {
              // Stopped before Bt had registered it (a remove right after an add).
              end(e.getTorrentId(), run);
            }
          }
        });
    // Bt's registry unregisters a stopped torrent in its own listener, subscribed before this one.
    source.onTorrentStopped(
        null,
        e -> {
          if (e.getTorrentId() == null) {
            return;
          }
          // Bt's pool purges a closed connection within a second and reports the peer gone.
          connections.visitConnections(e.getTorrentId(), PeerConnection::closeQuietly);
          Run run = runs.remove(e.getTorrentId());
          if (run != null) {
            run.release();
            run.ended.complete(null);
          }
        });
  }

  /**
   * Starts a run of the torrent (after {@link #awaitTeardown}) through {@code startAsync}, Bt's
   * start of it; returns what that returns.
   */
  <T> T start(TorrentId id, boolean magnet, Supplier<T> startAsync) {
    Run run = new Run(id, magnet);
    runs.put(id, run);
    return processing.starting(run, startAsync);
  }

  /**
   * A run's processing task returned. Bt reported the run stopped before, unless it skipped the run
   * (stopped before its task began, never registered) or its processing ended without its finalizer
   * (still registered: Bt's registry forgets a torrent on the stopped event, so it is sent).
   */
  private void processingReturned(Run run) {
    if (run.ended.isDone() || runs.get(run.id) != run) {
      return;
    }
    if (torrents.getDescriptor(run.id).isPresent()) {
      events.fireTorrentStopped(run.id);
    } else if (runs.remove(run.id, run)) {
      run.ended.complete(null);
    }
  }

  /** Called when Bt has been told to stop the torrent: ends its run if Bt's stop does not. */
  void stopped(TorrentId id) {
    Run run = runs.get(id);
    if (run != null) {
      run.stopRequested = true;
      end(id, run);
    }
  }

  /** Returns once the torrent's last run has ended, or after the timeout, released. */
  void awaitTeardown(TorrentId id, Object label) {
    Run run = runs.get(id);
    if (run == null || within(run.ended)) {
      return;
    }
    // Still running after its stop.
    end(id, run);
    if (within(run.ended)) {
      LOG.info("torrent {} still ran {} after it was stopped; stopped it again", label, TIMEOUT);
      return;
    }
    // Seen in tests: a torrent whose processing ended without Bt's finalizer running stays
    // registered for good, and every restart fails. Bt's registry forgets a torrent on the
    // stopped event; send it.
    LOG.warn(
        "torrent {} still registered {} after it was stopped twice ({}); releasing it",
        label,
        TIMEOUT.multipliedBy(2),
        run.progress());
    runs.remove(id, run);
    run.release();
    events.fireTorrentStopped(id);
  }

  /** Whether Bt reports the run ended within {@link #TIMEOUT} (or the wait is interrupted). */
  private static boolean within(CompletableFuture<Void> ended) {
    try {
      ended.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }
}
