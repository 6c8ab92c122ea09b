package io.bttspeed.bridge.bench;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.bridge.app.SpeedSwarmHarness;
import io.bttspeed.bridge.demo.DemoSwarm;
import io.bttspeed.bridge.testing.Await;
import io.bttspeed.bridge.testing.TestFiles;
import io.bttspeed.proto.speed.v1.AddTorrentResponse;
import io.bttspeed.proto.speed.v1.SetLimitsRequest;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #14, load and soak: a profile, not CI ({@code mvn -B -ntp -Psoak -pl speed-bridge -am
 * test}, README "Load and soak"; tag {@code soak}, which every other run leaves out). All daemons
 * run in this one JVM with one real wallet service and its devnet, as in {@link
 * ManyPayersBenchmark}, and download without pause ({@link ContinuousDownloads}) while {@link
 * ResourceSamples} samples the JVM's heap after a GC, its threads and its file descriptors with the
 * wallet's voucher count.
 *
 * <ol>
 *   <li>Load: paying leechers (50) against one seeder, uncapped, for 10 minutes: vouchers the
 *       wallet accepted per second and the p99 of AcceptVoucher, both from the wallet's own
 *       metrics.
 *   <li>Soak: a smaller swarm (8 daemons: a seeder capped at 3 MiB/s, half the leechers bidding,
 *       every leecher told of every other) for 30 minutes.
 * </ol>
 *
 * <p>Each phase passes when heap, threads and file descriptors stay flat (the last third's median
 * within {@link ResourceSamples}' tolerances of the first third's, after the warm-up), no download
 * fails, and downloads and vouchers still advance in the last third (a stalled swarm would look
 * flat too). Parameters are system properties: {@code soak.loadLeechers} (50), {@code
 * soak.loadMinutes} (10), {@code soak.loadMiB} (8), {@code soak.soakDaemons} (8), {@code
 * soak.soakMinutes} (30), {@code soak.soakMiB} (8), {@code soak.soakCapMiBps} (3, 0 for none),
 * {@code soak.sampleSeconds} (10).
 */
@Tag("soak")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadAndSoakTest {
  private static final BigInteger ASK = BigInteger.TEN.pow(12);
  private static final BigInteger BID = ASK.multiply(BigInteger.TWO);
  private static final BigInteger BUDGET = BigInteger.TEN.pow(20);

  /**
   * The seeder offers four torrents: a leecher never downloads again the one it just removed, and
   * each torrent runs its own paid-slot auction, as a seeder of several torrents does.
   */
  private static final int TORRENTS = 4;

  /** One phase's parameters, read from {@code soak.<name>...} system properties. */
  record Phase(String name, int daemons, Duration length, int fileMib, Duration sampleEvery) {
    Phase {
      long samples = length.toMillis() / sampleEvery.toMillis() + 1;
      if (samples < ResourceSamples.WARM_UP + ResourceSamples.JUDGED) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "soak.%sMinutes / soak.sampleSeconds give %d samples; the verdicts need %d",
                name,
                samples,
                ResourceSamples.WARM_UP + ResourceSamples.JUDGED));
      }
    }

    static Phase load() {
      return new Phase(
          "load",
          property("soak.loadLeechers", 50, 1, 100),
          Duration.ofMinutes(property("soak.loadMinutes", 10, 1, 24 * 60)),
          property("soak.loadMiB", 8, 1, 64),
          Duration.ofSeconds(property("soak.sampleSeconds", 10, 1, 600)));
    }

    static Phase soak() {
      return new Phase(
          "soak",
          property("soak.soakDaemons", 8, 3, 100),
          Duration.ofMinutes(property("soak.soakMinutes", 30, 1, 24 * 60)),
          property("soak.soakMiB", 8, 1, 64),
          Duration.ofSeconds(property("soak.sampleSeconds", 10, 1, 600)));
    }
  }

  @TempDir Path dir;

  @Test
  @Order(1)
  void underPayingLeechersHeapThreadsAndFileDescriptorsStayFlat() {
    Phase phase = Phase.load();
    // On disk, as a real wallet keeps them: the first full soak ran the wallet's database and the
    // devnet's chain in the heap, which grew by every voucher and block they stored (+1.5 MiB/min).
    try (SpeedSwarmHarness swarm = new SpeedSwarmHarness(dir, DemoSwarm.Storage.DISK)) {
      long setup = System.nanoTime();
      SpeedSwarmHarness.Node seeder = swarm.daemon("seeder");
      BenchCalls.ask(seeder, ASK, 4);
      List<ContinuousDownloads.LeecherPeers> leechers = new ArrayList<>();
      for (int i = 0; i < phase.daemons(); i++) {
        SpeedSwarmHarness.Node leecher = swarm.daemon("payer-" + i);
        BenchCalls.fixedBid(leecher, BID, BUDGET);
        leechers.add(new ContinuousDownloads.LeecherPeers(leecher, List.of(peer(seeder))));
      }
      List<ContinuousDownloads.Offer> offers = offers(seeder, phase);
      System.out.printf(
          Locale.ROOT,
          "load: %d cores; one seeder (uncapped, 4 paid slots, ask 10^12/MiB, %d torrents of %d MiB),"
              + " %d leechers bidding 2x; %d daemons started and funded in %d s; %d min, a sample"
              + " every %d s%n",
          Runtime.getRuntime().availableProcessors(),
          TORRENTS,
          phase.fileMib(),
          phase.daemons(),
          phase.daemons() + 1,
          TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - setup),
          phase.length().toMinutes(),
          phase.sampleEvery().toSeconds());
      run(phase, swarm, offers, leechers);
    }
  }

  @Test
  @Order(2)
  void inALongRunningSwarmHeapThreadsAndFileDescriptorsStayFlat() {
    Phase phase = Phase.soak();
    int capMiBps = property("soak.soakCapMiBps", 3, 0, 1024);
    try (SpeedSwarmHarness swarm = new SpeedSwarmHarness(dir, DemoSwarm.Storage.DISK)) {
      long setup = System.nanoTime();
      SpeedSwarmHarness.Node seeder = swarm.daemon("seeder");
      BenchCalls.ask(seeder, ASK, 4);
      seeder
          .api()
          .setLimits(
              SetLimitsRequest.newBuilder()
                  .setUploadCapBytesPerSecond((long) capMiBps << 20)
                  .build());
      int count = phase.daemons() - 1;
      int bidders = (count + 1) / 2;
      List<SpeedSwarmHarness.Node> nodes = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        SpeedSwarmHarness.Node leecher = swarm.daemon((i < bidders ? "payer-" : "plain-") + i);
        if (i < bidders) {
          BenchCalls.fixedBid(leecher, BID, BUDGET);
        }
        nodes.add(leecher);
      }
      List<ContinuousDownloads.LeecherPeers> leechers = new ArrayList<>();
      for (SpeedSwarmHarness.Node n : nodes) {
        List<String> peers =
            Stream.concat(Stream.of(seeder), nodes.stream().filter(o -> o != n))
                .map(LoadAndSoakTest::peer)
                .toList();
        leechers.add(new ContinuousDownloads.LeecherPeers(n, peers));
      }
      List<ContinuousDownloads.Offer> offers = offers(seeder, phase);
      System.out.printf(
          Locale.ROOT,
          "soak: %d cores; one seeder (upload cap %s, 4 paid slots, ask 10^12/MiB, %d torrents of"
              + " %d MiB), %d leechers (%d bidding 2x), each told of all; %d daemons started and"
              + " funded in %d s; %d min, a sample every %d s%n",
          Runtime.getRuntime().availableProcessors(),
          capMiBps == 0 ? "none" : capMiBps + " MiB/s",
          TORRENTS,
          phase.fileMib(),
          count,
          bidders,
          phase.daemons(),
          TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - setup),
          phase.length().toMinutes(),
          phase.sampleEvery().toSeconds());
      run(phase, swarm, offers, leechers);
    }
  }

  /**
   * Runs the downloads for the phase's length, sampling at its interval; prints the figures and the
   * verdicts, then asserts them.
   */
  private static void run(
      Phase phase,
      SpeedSwarmHarness swarm,
      List<ContinuousDownloads.Offer> offers,
      List<ContinuousDownloads.LeecherPeers> leechers) {
    int metricsPort = swarm.walletMetricsPort();
    ResourceSamples samples = new ResourceSamples(phase.name());
    WalletScrape before;
    WalletScrape after;
    long failed;
    long callErrors;
    long start;
    try (ContinuousDownloads downloads = new ContinuousDownloads(offers, leechers)) {
      // A first round, drained, before the baseline at rest: each daemon starts some bounded pools
      // on first use and keeps them (its wallet workers, Bt's data worker, H2's LOB cleaner), and
      // those are not growth.
      downloads.start();
      downloads.drain();
      Await.until(Duration.ofMinutes(5), "a first round of downloads to end", downloads::drained);
      samples.atRestBefore();
      before = WalletScrape.of(metricsPort);
      start = System.nanoTime();
      downloads.resume();
      for (Duration at = Duration.ZERO;
          at.compareTo(phase.length()) <= 0;
          at = at.plus(phase.sampleEvery())) {
        sleepUntil(start + at.toNanos());
        samples.take(
            Duration.ofNanos(System.nanoTime() - start),
            WalletScrape.of(metricsPort).vouchersAccepted(),
            downloads.completed());
      }
      after = WalletScrape.of(metricsPort);
      downloads.drain();
      Await.until(
          Duration.ofMinutes(5),
          "every download to end once no more are added",
          downloads::drained);
      samples.atRestAfter();
      failed = downloads.failed();
      callErrors = downloads.callErrors();
    }
    List<ResourceSamples.Sample> all = samples.samples();
    ResourceSamples.Sample first = all.get(0);
    ResourceSamples.Sample last = all.get(all.size() - 1);
    double seconds = last.at().minus(first.at()).toMillis() / 1000.0;
    long vouchers = last.vouchers() - first.vouchers();
    System.out.printf(
        Locale.ROOT,
        "%s: vouchers accepted by the wallet: %d in %.0f s = %.1f/s; %d downloads of %d MiB"
            + " (%d failed; %d API calls retried)%n",
        phase.name(),
        vouchers,
        seconds,
        vouchers / seconds,
        last.downloads() - first.downloads(),
        phase.fileMib(),
        failed,
        callErrors);
    System.out.printf(
        Locale.ROOT,
        "%s: %s; forced GCs stopped the swarm for %.1f s (%.1f %% of the phase)%n",
        phase.name(),
        acceptLatency(before, after),
        samples.forcedGc().toMillis() / 1000.0,
        samples.forcedGc().toMillis() / 10.0 / seconds);
    List<ResourceSamples.Verdict> verdicts = samples.verdicts();
    verdicts.forEach(v -> System.out.printf(Locale.ROOT, "%s: %s%n", phase.name(), v));

    ResourceSamples.Sample beforeLastThird = samples.beforeLastThird();
    List<Executable> checks = new ArrayList<>();
    for (ResourceSamples.Verdict v : verdicts) {
      checks.add(() -> assertTrue(v.flat(), v.toString()));
    }
    checks.add(() -> assertEquals(0, failed, "failed downloads"));
    checks.add(
        () ->
            assertTrue(
                last.downloads() > beforeLastThird.downloads(),
                "no download completed in the last third: the swarm stalled"));
    checks.add(
        () ->
            assertTrue(
                last.vouchers() > beforeLastThird.vouchers(),
                "no voucher accepted in the last third: payments stalled"));
    assertAll(phase.name(), checks);
  }

  /** The p99 and mean of AcceptVoucher between two scrapes, from the wallet's histogram. */
  private static String acceptLatency(WalletScrape before, WalletScrape after) {
    var from = before.acceptLatency();
    var to = after.acceptLatency();
    if (from.isEmpty() || to.isEmpty()) {
      return "AcceptVoucher p99: none (this wallet exports no bttspeed_wallet_vouchers_accept_seconds)";
    }
    WalletScrape.Latency phase = to.get().since(from.get());
    return phase
        .quantileAtMost(0.99)
        .map(
            p99 ->
                String.format(
                    Locale.ROOT,
                    "AcceptVoucher p99 <= %s ms (the histogram's bucket), mean %.2f ms, over %d calls",
                    Double.isInfinite(p99) ? "inf" : String.format(Locale.ROOT, "%.2f", p99 * 1000),
                    phase.meanSeconds() * 1000,
                    phase.count()))
        .orElse("AcceptVoucher p99: no calls");
  }

  /** {@link #TORRENTS} files of the phase's size, each seeded and verified by the seeder. */
  private List<ContinuousDownloads.Offer> offers(SpeedSwarmHarness.Node seeder, Phase phase) {
    List<ContinuousDownloads.Offer> offers = new ArrayList<>();
    for (int i = 0; i < TORRENTS; i++) {
      Path content =
          TestFiles.random(
              dir.resolve("share/content-" + i + ".bin"), (long) phase.fileMib() << 20, 31 + i);
      AddTorrentResponse seeded = BenchCalls.seed(seeder, content);
      offers.add(
          new ContinuousDownloads.Offer(
              seeded.getTorrent().getInfoHash(), seeded.getTorrentFile()));
    }
    return offers;
  }

  private static String peer(SpeedSwarmHarness.Node node) {
    return "127.0.0.1:" + node.peerPort();
  }

  private static void sleepUntil(long nanoTime) {
    long wait = nanoTime - System.nanoTime();
    if (wait > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  /** An integer system property within [min, max], or its default; anything else stops the run. */
  private static int property(String key, int defaultValue, int min, int max) {
    String raw = System.getProperty(key);
    if (raw == null || raw.isBlank()) {
      return defaultValue;
    }
    int value;
    try {
      value = Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer, got \"" + raw + "\"", e);
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          key + " must be within " + min + ".." + max + ", got " + value);
    }
    return value;
  }
}
