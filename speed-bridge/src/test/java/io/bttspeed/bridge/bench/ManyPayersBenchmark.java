package io.bttspeed.bridge.bench;

import io.bttspeed.bridge.app.SpeedSwarmHarness;
import io.bttspeed.bridge.testing.Await;
import io.bttspeed.bridge.testing.TestFiles;
import io.bttspeed.proto.speed.v1.AddTorrentRequest;
import io.bttspeed.proto.speed.v1.AddTorrentResponse;
import io.bttspeed.proto.speed.v1.GetEarningsRequest;
import io.bttspeed.proto.speed.v1.PeerMoney;
import io.bttspeed.proto.speed.v1.TorrentState;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Issue #13: one seeder daemon serving many paying leechers (50 by default), all daemons in this
 * one JVM sharing one real wallet service and devnet: the vouchers the seeder's wallet accepted per
 * second while the swarm downloads, and the seeder's CPU per verified MiB.
 *
 * <p>The seeder's CPU is the CPU time of its engine's threads (their names start with its peer
 * port: the message dispatcher, Bt's workers, the socket reader), read from the JVM; the wallet
 * service's share of accepting the vouchers is not in it (it is one process for every daemon here).
 * Vouchers come from the wallet's own counter ({@code bttspeed_wallet_vouchers_accepted_total} on
 * its Prometheus endpoint).
 *
 * <p>{@code mvn -q -pl speed-bridge exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.bttspeed.bridge.bench.ManyPayersBenchmark -Dexec.args="50 8"} (leechers, MiB
 * of the file).
 */
public final class ManyPayersBenchmark {
  private static final BigInteger ASK = BigInteger.TEN.pow(12);
  private static final BigInteger BUDGET = BigInteger.TEN.pow(20);

  private ManyPayersBenchmark() {}

  public static void main(String[] args) throws Exception {
    int leechers = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int mib = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    if (leechers < 1 || leechers > 100 || mib < 1 || mib > 64) {
      throw new IllegalArgumentException(
          "usage: ManyPayersBenchmark [leechers 1..100] [MiB 1..64]");
    }
    Path dir = Files.createTempDirectory("many-payers-bench");
    try (SpeedSwarmHarness swarm = new SpeedSwarmHarness(dir)) {
      long setupStart = System.nanoTime();
      SpeedSwarmHarness.Node seeder = swarm.daemon("seeder");
      BenchCalls.ask(seeder, ASK, 4);
      List<SpeedSwarmHarness.Node> nodes = new ArrayList<>();
      for (int i = 0; i < leechers; i++) {
        SpeedSwarmHarness.Node leecher = swarm.daemon("payer-" + i);
        BenchCalls.fixedBid(leecher, ASK.multiply(BigInteger.TWO), BUDGET);
        nodes.add(leecher);
      }
      long bytes = (long) mib << 20;
      Path content = TestFiles.random(dir.resolve("share/content.bin"), bytes, 23);
      AddTorrentResponse seeded = BenchCalls.seed(seeder, content);
      String infoHash = seeded.getTorrent().getInfoHash();
      System.out.printf(
          Locale.ROOT,
          "%d cores; one seeder (4 paid slots, ask 10^12/MiB), %d leechers bidding 2x, %d MiB each;"
              + " %d daemons started and funded in %d s%n",
          Runtime.getRuntime().availableProcessors(),
          leechers,
          mib,
          leechers + 1,
          (System.nanoTime() - setupStart) / 1_000_000_000L);

      int metricsPort = swarm.walletMetricsPort();
      String prefix = seeder.peerPort() + ".";
      long vouchersBefore = WalletScrape.of(metricsPort).vouchersAccepted();
      long cpuBefore = cpuNanos(prefix);
      long start = System.nanoTime();
      for (SpeedSwarmHarness.Node leecher : nodes) {
        leecher
            .api()
            .addTorrent(
                AddTorrentRequest.newBuilder()
                    .setTorrentFile(seeded.getTorrentFile())
                    .addPeers("127.0.0.1:" + seeder.peerPort())
                    .build());
      }
      Await.until(
          Duration.ofMinutes(15),
          () -> "every leecher to finish",
          () ->
              nodes.stream()
                  .allMatch(
                      n -> BenchCalls.state(n, infoHash) == TorrentState.TORRENT_STATE_SEEDING));
      long downloadMillis = (System.nanoTime() - start) / 1_000_000;
      // The last vouchers travel after the last pieces: wait until the count stands still.
      long[] last = {-1};
      Await.until(
          Duration.ofMinutes(2),
          "the last vouchers",
          () -> {
            long now = WalletScrape.of(metricsPort).vouchersAccepted();
            boolean still = now == last[0];
            last[0] = now;
            if (!still) {
              pause();
            }
            return still;
          });
      long millis = (System.nanoTime() - start) / 1_000_000;
      long vouchers = last[0] - vouchersBefore;
      long cpu = cpuNanos(prefix) - cpuBefore;
      long verifiedMib = (long) leechers * mib;
      BigInteger earned = BigInteger.ZERO;
      long paidBytes = 0;
      for (PeerMoney m :
          seeder.api().getEarnings(GetEarningsRequest.getDefaultInstance()).getPeersList()) {
        earned = earned.add(new BigInteger(m.getVoucheredBaseUnits()));
        paidBytes += m.getPaidBytes();
      }
      System.out.printf(
          Locale.ROOT,
          "all %d downloads done in %d ms (%d MiB verified); vouchers accepted by the wallet: %d in"
              + " %d ms = %d/s%n",
          leechers,
          downloadMillis,
          verifiedMib,
          vouchers,
          millis,
          vouchers * 1000 / Math.max(1, millis));
      System.out.printf(
          Locale.ROOT,
          "seeder engine CPU: %d ms = %d ms per verified MiB; seeder earned %s base units for %d"
              + " paid bytes (%d MiB)%n",
          cpu / 1_000_000,
          cpu / 1_000_000 / Math.max(1, verifiedMib),
          earned,
          paidBytes,
          paidBytes >> 20);
    }
    System.exit(0);
  }

  /** CPU time of every live thread whose name starts with {@code prefix}. */
  private static long cpuNanos(String prefix) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (var info : threads.dumpAllThreads(false, false)) {
      if (info.getThreadName().startsWith(prefix)) {
        total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return total;
  }

  /** Two seconds between two reads of the counter: "still" means still for that long. */
  private static void pause() {
    try {
      Thread.sleep(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
