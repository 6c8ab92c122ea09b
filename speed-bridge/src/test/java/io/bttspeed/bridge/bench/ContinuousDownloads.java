package io.bttspeed.bridge.bench;

import com.google.protobuf.ByteString;
import io.bttspeed.bridge.app.SpeedSwarmHarness;
import io.bttspeed.proto.speed.v1.AddTorrentRequest;
import io.bttspeed.proto.speed.v1.GetTorrentRequest;
import io.bttspeed.proto.speed.v1.RemoveTorrentRequest;
import io.bttspeed.proto.speed.v1.SpeedServiceGrpc;
import io.bttspeed.proto.speed.v1.Torrent;
import io.bttspeed.proto.speed.v1.TorrentState;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps leechers downloading for as long as it runs. The seeder offers a few torrents; each leecher
 * holds one at a time, starting at its own place in the list, and as soon as it has all of it
 * removes it with its data and adds the next one. So paid pieces, and the vouchers for them, flow
 * the whole time, and every leecher keeps adding and removing torrents and connections, where a
 * leak would show. Every leecher is looked at through its SpeedService API once a second, each by
 * one of a few callers, as independent clients would: a RemoveTorrent with its data takes up to a
 * second (Bt lets the files go), and one caller for all would make the swarm wait on it.
 */
final class ContinuousDownloads implements AutoCloseable {
  private static final long CALL_DEADLINE_SECONDS = 30;

  /** A torrent the seeder offers: its infohash and its .torrent. */
  record Offer(String infoHash, ByteString torrentFile) {}

  private static final class Leecher {
    final SpeedSwarmHarness.Node node;
    final List<String> peers;
    int next;
    volatile String current = "";

    /**
     * Whether a caller is working on this leecher: set by the driver when it hands the leecher
     * over, cleared by the caller when done, so no two callers ever work on one leecher.
     */
    final java.util.concurrent.atomic.AtomicBoolean busy =
        new java.util.concurrent.atomic.AtomicBoolean();

    Leecher(SpeedSwarmHarness.Node node, List<String> peers, int first) {
      this.node = node;
      this.peers = peers;
      this.next = first;
    }

    SpeedServiceGrpc.SpeedServiceBlockingStub api() {
      return node.api().withDeadlineAfter(CALL_DEADLINE_SECONDS, TimeUnit.SECONDS);
    }
  }

  private final List<Offer> offers;
  private final List<Leecher> leechers = new ArrayList<>();
  private final ScheduledExecutorService driver =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "continuous-downloads");
            t.setDaemon(true);
            return t;
          });
  private final java.util.concurrent.ExecutorService callers =
      Executors.newFixedThreadPool(
          8,
          r -> {
            Thread t = new Thread(r, "continuous-downloads-caller");
            t.setDaemon(true);
            return t;
          });
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile boolean draining;
  private volatile boolean drained;
  private final AtomicLong callErrors = new AtomicLong();

  /**
   * @param offers the seeder's torrents, at least two so that no leecher downloads again what it
   *     just removed
   * @param leechers each with the peers it dials ({@code host:port}), the seeder among them
   */
  ContinuousDownloads(List<Offer> offers, List<LeecherPeers> leechers) {
    if (offers.size() < 2) {
      throw new IllegalArgumentException("at least two torrents, got " + offers.size());
    }
    this.offers = List.copyOf(offers);
    for (int i = 0; i < leechers.size(); i++) {
      this.leechers.add(
          new Leecher(leechers.get(i).node(), leechers.get(i).peers(), i % offers.size()));
    }
  }

  /** A leecher and the peers it is told of. */
  record LeecherPeers(SpeedSwarmHarness.Node node, List<String> peers) {}

  /** Every leecher adds its first torrent; from then on the driver keeps them busy. */
  void start() {
    leechers.forEach(this::addNext);
    driver.scheduleWithFixedDelay(this::step, 1, 1, TimeUnit.SECONDS);
  }

  /** Downloads that ended with every piece verified, since {@link #start}. */
  long completed() {
    return completed.get();
  }

  /** Downloads that ended in the FAILED state. */
  long failed() {
    return failed.get();
  }

  /** API calls that failed (a deadline, an unexpected status); each is retried next round. */
  long callErrors() {
    return callErrors.get();
  }

  /** From now on a leecher that ends a download adds no other. */
  void drain() {
    draining = true;
  }

  /** Undoes {@link #drain}: every leecher adds its next torrent again. */
  void resume() {
    drained = false;
    draining = false;
  }

  /** Whether, after {@link #drain}, every leecher has ended its download and removed it. */
  boolean drained() {
    return drained;
  }

  private void step() {
    int idle = 0;
    for (Leecher l : leechers) {
      if (l.busy.get()) {
        continue;
      }
      if (l.current.isEmpty() && draining) {
        idle++;
        continue;
      }
      l.busy.set(true);
      callers.execute(
          () -> {
            try {
              look(l);
            } finally {
              l.busy.set(false);
            }
          });
    }
    drained = draining && idle == leechers.size();
  }

  /** One look at a leecher: adds, or removes what it finished and adds the next. */
  private void look(Leecher l) {
    try {
      if (l.current.isEmpty()) {
        if (!draining) {
          addNext(l);
        }
        return;
      }
      Torrent t =
          l.api()
              .getTorrent(GetTorrentRequest.newBuilder().setInfoHash(l.current).build())
              .getTorrent();
      if (t.getState() == TorrentState.TORRENT_STATE_SEEDING) {
        remove(l);
        completed.incrementAndGet();
        if (!draining) {
          addNext(l);
        }
      } else if (t.getState() == TorrentState.TORRENT_STATE_FAILED) {
        remove(l);
        failed.incrementAndGet();
        System.out.printf(Locale.ROOT, "download failed: %s%n", t.getError());
        if (!draining) {
          addNext(l);
        }
      }
    } catch (StatusRuntimeException e) {
      if (callErrors.incrementAndGet() <= 10) {
        System.out.printf(Locale.ROOT, "call failed (retried): %s%n", e.getStatus());
      }
    }
  }

  /** Removes the leecher's torrent with its data; a failed call leaves it to the next round. */
  private static void remove(Leecher l) {
    l.api()
        .removeTorrent(
            RemoveTorrentRequest.newBuilder().setInfoHash(l.current).setDeleteData(true).build());
    l.current = "";
  }

  /** Adds the leecher's next torrent; a failed call leaves it to the next round. */
  private void addNext(Leecher l) {
    Offer o = offers.get(l.next);
    l.api()
        .addTorrent(
            AddTorrentRequest.newBuilder()
                .setTorrentFile(o.torrentFile())
                .addAllPeers(l.peers)
                .build());
    l.current = o.infoHash();
    l.next = (l.next + 1) % offers.size();
  }

  /** Stops driving; the leechers keep what they hold until the swarm closes. */
  @Override
  public void close() {
    driver.shutdownNow();
    callers.shutdownNow();
    try {
      driver.awaitTermination(1, TimeUnit.MINUTES);
      callers.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
