package io.bttspeed.bridge.demo;

import io.bttspeed.proto.speed.v1.SpeedServiceGrpc;
import io.bttspeed.proto.speed.v1.SubscribeTorrentRequest;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Samples the swarm once a second and prints a block of the live table: per leecher its role,
 * verified percent, download rate, whether it holds a paid slot at the seeder, and the BTT it has
 * paid. Each leecher reports its own progress and spending; the seeder is asked which peers hold
 * its paid slots, matched to leechers by the TRON address of their bt_speed hello.
 */
final class ProgressTable {
  private static final double MIB = 1024.0 * 1024.0;

  private final SpeedServiceGrpc.SpeedServiceBlockingStub seeder;
  private final Map<PeerRun, Leecher> leechers;
  private final String infoHash;
  private final long sizeBytes;
  private final PrintStream out;
  private final Function<BigInteger, String> btt;

  ProgressTable(
      SpeedServiceGrpc.SpeedServiceBlockingStub seeder,
      Map<PeerRun, Leecher> leechers,
      String infoHash,
      long sizeBytes,
      PrintStream out,
      Function<BigInteger, String> btt) {
    this.seeder = seeder;
    this.leechers = leechers;
    this.infoHash = infoHash;
    this.sizeBytes = sizeBytes;
    this.out = out;
    this.btt = btt;
  }

  /** Samples every leecher at {@code seconds}; whether all of them are done (or gave up). */
  boolean sample(double seconds, double sinceLast) {
    Set<String> paidSlots = paidSlotHolders();
    boolean all = true;
    for (var e : leechers.entrySet()) {
      PeerRun peer = e.getKey();
      Leecher leecher = e.getValue();
      Leecher.Progress progress = leecher.progress();
      long rate =
          sinceLast <= 0
              ? 0
              : (long) ((progress.verifiedBytes() - peer.verifiedBytes()) / sinceLast);
      peer.record(
          new PeerRun.Sample(seconds, progress.verifiedBytes()),
          Math.max(0, rate),
          leecher.speedAddress().filter(paidSlots::contains).isPresent(),
          peer.role().bids() ? leecher.vouchered() : BigInteger.ZERO,
          progress.complete());
      if (progress.stopped().isPresent() && peer.stopped().isEmpty()) {
        peer.stop(progress.stopped().get());
        out.printf("%n%s stopped without the file: %s%n", peer.name(), peer.stopped().get());
      }
      // A leecher that gave up is waited for no longer: the others and the money still count.
      all &= progress.complete() || progress.stopped().isPresent();
    }
    print(seconds);
    return all;
  }

  /**
   * The TRON addresses of the peers holding the seeder's paid slots now; none if the seeder did not
   * answer in time (one missed sample should not end the demo).
   */
  private Set<String> paidSlotHolders() {
    Set<String> holders = new HashSet<>();
    // One update of the stream is enough: cancelling the context ends the call at once.
    try (Context.CancellableContext call = Context.current().withCancellation()) {
      call.run(
          () -> {
            var updates =
                seeder
                    .withDeadlineAfter(2, TimeUnit.SECONDS)
                    .subscribeTorrent(
                        SubscribeTorrentRequest.newBuilder()
                            .setInfoHash(infoHash)
                            .setIntervalMs(100)
                            .build());
            if (updates.hasNext()) {
              updates.next().getPeersList().stream()
                  .filter(p -> p.hasSelling() && p.getSelling().getPaidSlot())
                  .forEach(p -> holders.add(p.getSpeedAddress()));
            }
          });
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.DEADLINE_EXCEEDED) {
        throw e;
      }
    }
    return holders;
  }

  private void print(double seconds) {
    out.printf(
        "%n[%5.1f s] %-14s %-14s %6s %8s %5s  %s%n",
        seconds, "peer", "role", "done", "MiB/s", "paid", "BTT paid");
    for (PeerRun peer : leechers.keySet()) {
      out.printf(
          "          %-14s %-14s %5.1f%% %8.2f %5s  %s%n",
          peer.name(),
          peer.role().label(),
          100.0 * peer.verifiedBytes() / sizeBytes,
          peer.bytesPerSecond() / MIB,
          slot(peer),
          peer.role().bids() ? btt.apply(peer.paidBaseUnits()) : "-");
    }
    out.flush();
  }

  /** Whether it holds a paid slot; "-" for a peer that cannot, never speaking bt_speed. */
  private static String slot(PeerRun peer) {
    if (!peer.role().speaksBtSpeed()) {
      return "-";
    }
    return peer.paidSlot() ? "yes" : "no";
  }
}
