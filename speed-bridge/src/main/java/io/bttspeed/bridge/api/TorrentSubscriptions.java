package io.bttspeed.bridge.api;

import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.domain.PeerAddress;
import io.bttspeed.bridge.manager.TorrentManager;
import io.bttspeed.bridge.manager.TorrentView;
import io.bttspeed.bridge.speed.SpeedNode;
import io.bttspeed.bridge.speed.SpeedPeerView;
import io.bttspeed.proto.speed.v1.TorrentUpdate;
import io.bttspeed.tron.supervision.Supervisor;
import io.bttspeed.wallet.error.NotFoundException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SubscribeTorrent streams: one timer thread sends every subscriber its torrent's state at its
 * interval.
 */
final class TorrentSubscriptions implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TorrentSubscriptions.class);

  private final TorrentManager torrents;
  private final SpeedNode speed;
  // Supervised: an Error on the timer thread stops the daemon loudly instead of silently ending
  // every stream.
  private final ScheduledExecutorService timer =
      Supervisor.process().singleThreadScheduler("speed-subscriptions");

  TorrentSubscriptions(TorrentManager torrents, SpeedNode speed) {
    this.torrents = torrents;
    this.speed = speed;
  }

  void subscribe(InfoHash infoHash, int intervalMs, StreamObserver<TorrentUpdate> reply) {
    ServerCallStreamObserver<TorrentUpdate> call = (ServerCallStreamObserver<TorrentUpdate>) reply;
    AtomicReference<TorrentView> previous = new AtomicReference<>();
    AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
    Runnable send =
        () -> {
          if (call.isCancelled()) {
            task.get().cancel(false);
            return;
          }
          try {
            TorrentView now = torrents.get(infoHash);
            TorrentView before = previous.getAndSet(now);
            TorrentUpdate.Builder update =
                TorrentUpdate.newBuilder().setTorrent(SpeedProtos.torrent(now));
            if (before != null) {
              update
                  .setDownloadRateBytesPerSecond(
                      rate(before.downloadedBytes(), now.downloadedBytes(), intervalMs))
                  .setUploadRateBytesPerSecond(
                      rate(before.uploadedBytes(), now.uploadedBytes(), intervalMs));
            }
            Map<PeerAddress, SpeedPeerView> trades = new HashMap<>();
            speed.peers(infoHash).forEach(v -> trades.put(v.peer(), v));
            torrents
                .peers(infoHash)
                .forEach(p -> update.addPeers(SpeedProtos.peer(p, trades.get(p.peer()))));
            call.onNext(update.build());
          } catch (NotFoundException e) {
            task.get().cancel(false);
            call.onCompleted(); // the torrent was removed: the stream ends
          } catch (RuntimeException e) {
            task.get().cancel(false);
            LOG.warn("a torrent subscription failed", e);
            call.onError(
                io.grpc.Status.INTERNAL
                    .withDescription("the subscription failed; see the daemon's log")
                    .asRuntimeException());
          }
        };
    synchronized (task) {
      task.set(
          timer.scheduleAtFixedRate(
              () -> {
                synchronized (task) {
                  send.run();
                }
              },
              0,
              intervalMs,
              TimeUnit.MILLISECONDS));
    }
    call.setOnCancelHandler(() -> task.get().cancel(false));
  }

  private static long rate(long before, long now, int intervalMs) {
    return Math.max(0, now - before) * 1000 / intervalMs;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
