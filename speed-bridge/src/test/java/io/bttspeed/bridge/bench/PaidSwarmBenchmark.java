package io.bttspeed.bridge.bench;

import io.bttspeed.bridge.app.SpeedSwarmHarness;
import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.testing.Await;
import io.bttspeed.bridge.testing.TestFiles;
import io.bttspeed.bridge.torrent.PeerLink;
import io.bttspeed.proto.speed.v1.AddTorrentRequest;
import io.bttspeed.proto.speed.v1.AddTorrentResponse;
import io.bttspeed.proto.speed.v1.GetSpendingRequest;
import io.bttspeed.proto.speed.v1.PeerMoney;
import io.bttspeed.proto.speed.v1.SetAskRequest;
import io.bttspeed.proto.speed.v1.SetLimitsRequest;
import io.bttspeed.proto.speed.v1.SpeedServiceGrpc;
import io.bttspeed.proto.speed.v1.TorrentState;
import io.bttspeed.proto.wallet.v1.Asset;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Speed figures of issue #13, side by side in one run, with real daemons on 127.0.0.1 sharing
 * one real wallet service and devnet (instant blocks):
 *
 * <ol>
 *   <li>one seeder, one leecher, uncapped: throughput with payments off (no ask, no bid) and on
 *       (ask and a fixed bid: channel, bid, per-piece vouchers, receipts), each on fresh daemons;
 *   <li>the bt_speed bytes of the paid run (every message both ways on the one connection, from
 *       {@link PeerLink#protocolBytesSent()}/{@link PeerLink#protocolBytesReceived()}) as a share
 *       of the payload;
 *   <li>a capped seeder (2 paid slots) with two bidders and two non-bidders: the median download
 *       rate of each group against the fair share (the cap divided by the leechers).
 * </ol>
 *
 * <p>{@code mvn -q -pl speed-bridge exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.bttspeed.bridge.bench.PaidSwarmBenchmark -Dexec.args="256 3"} (MiB of the
 * uncapped file, 1..256, and off/on pairs after a warm-up; the capped swarm uses 12 MiB at 1.5
 * MiB/s).
 */
public final class PaidSwarmBenchmark {
  private static final BigInteger ASK = BigInteger.TEN.pow(12);
  private static final BigInteger BUDGET = BigInteger.TEN.pow(21);
  private static final Asset THIS_CHAINS_BTT = BenchCalls.THIS_CHAINS_BTT;
  private static final Duration LIMIT = Duration.ofMinutes(4);
  private static final long SWARM_FILE = 12L << 20;
  private static final long SWARM_CAP = 1536L * 1024;

  private PaidSwarmBenchmark() {}

  public static void main(String[] args) throws Exception {
    int mib = args.length > 0 ? Integer.parseInt(args[0]) : 128;
    int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    if (mib < 1 || mib > 256 || pairs < 1 || pairs > 10) {
      throw new IllegalArgumentException("usage: PaidSwarmBenchmark [MiB 1..256] [pairs 1..10]");
    }
    Path dir = Files.createTempDirectory("paid-swarm-bench");
    System.out.printf(
        Locale.ROOT,
        "%d cores; one seeder, one leecher, %d MiB, uncapped, on 127.0.0.1; a warm-up, then %d"
            + " pairs%n",
        Runtime.getRuntime().availableProcessors(),
        mib,
        pairs);
    long bytes = (long) mib << 20;
    // The JVM's first transfer runs cold (the JIT's warm-up: up to 2× slower) and is not counted.
    // Then off/on pairs whose order alternates (off-on, on-off, ...), so neither side always runs
    // right after the other's warm caches; each side is the sum of its runs.
    uncapped(dir.resolve("warm-up"), bytes, true);
    List<Transfer> runs = new ArrayList<>();
    for (int pair = 0; pair < pairs; pair++) {
      boolean onFirst = pair % 2 == 1;
      runs.add(uncapped(dir.resolve("pair-" + pair + "-a"), bytes, onFirst));
      runs.add(uncapped(dir.resolve("pair-" + pair + "-b"), bytes, !onFirst));
    }
    long offMillis = 0;
    long onMillis = 0;
    Transfer on = null;
    for (Transfer t : runs) {
      System.out.printf(
          Locale.ROOT,
          "payments %-3s   %7d ms  %s MiB/s%n",
          t.payments ? "on" : "off",
          t.millis,
          rate(t.bytes, t.millis));
      if (t.payments) {
        onMillis += t.millis;
        on = t;
      } else {
        offMillis += t.millis;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "payments on, %d runs: %s MiB/s; off, %d runs: %s MiB/s; on = %s %% of off%n",
        pairs,
        rate(pairs * bytes, onMillis),
        pairs,
        rate(pairs * bytes, offMillis),
        ratio(offMillis * 100, onMillis));
    System.out.printf(
        Locale.ROOT,
        "bt_speed bytes %d (both ways) for %d payload bytes (%d of them paid) = %s %%%n",
        on.protocolBytes,
        on.bytes,
        on.paidBytes,
        ratio(on.protocolBytes * 100, on.bytes));

    try {
      swarm(dir.resolve("swarm"));
    } catch (AssertionError e) {
      // Reported, not hidden: a leecher of the capped swarm that stalls is a finding of the run.
      System.out.println("capped swarm: not every leecher finished: " + e.getMessage());
    }
    System.exit(0);
  }

  private record Transfer(
      boolean payments, long bytes, long millis, long protocolBytes, long paidBytes) {}

  private static Transfer uncapped(Path dir, long bytes, boolean payments) {
    try (SpeedSwarmHarness swarm = new SpeedSwarmHarness(dir)) {
      SpeedSwarmHarness.Node seeder = swarm.daemon("seeder");
      SpeedSwarmHarness.Node leecher = swarm.daemon("leecher");
      if (payments) {
        seeder
            .api()
            .setAsk(
                SetAskRequest.newBuilder()
                    .setAsset(THIS_CHAINS_BTT)
                    .setPriceBaseUnitsPerMib(ASK.toString())
                    .build());
        BenchCalls.fixedBid(leecher, ASK.multiply(BigInteger.TWO), BUDGET);
      }
      String infoHash = seed(seeder, dir, bytes);
      AddTorrentResponse seeded = seededTorrent;
      long start = System.nanoTime();
      leecher
          .api()
          .addTorrent(
              AddTorrentRequest.newBuilder()
                  .setTorrentFile(seeded.getTorrentFile())
                  .addPeers("127.0.0.1:" + seeder.peerPort())
                  .build());
      long[] protocol = {0};
      InfoHash hash = InfoHash.parse(infoHash);
      Await.until(
          LIMIT,
          "the uncapped download",
          () -> {
            protocol[0] = Math.max(protocol[0], protocolBytes(leecher, hash));
            return BenchCalls.state(leecher, infoHash) == TorrentState.TORRENT_STATE_SEEDING;
          });
      long millis = (System.nanoTime() - start) / 1_000_000;
      long paid = 0;
      if (payments) {
        // The last vouchers and receipts travel after the last piece: count them too.
        Await.until(
            Duration.ofSeconds(60),
            "the last vouchers",
            () -> {
              protocol[0] = Math.max(protocol[0], protocolBytes(leecher, hash));
              PeerMoney m = spending(leecher.api());
              return m != null
                  && !m.getOwedBaseUnits().equals("0")
                  && m.getOwedBaseUnits().equals(m.getVoucheredBaseUnits());
            });
        protocol[0] = Math.max(protocol[0], protocolBytes(leecher, hash));
        paid = spending(leecher.api()).getPaidBytes();
      }
      return new Transfer(payments, bytes, millis, protocol[0], paid);
    }
  }

  private static void swarm(Path dir) {
    try (SpeedSwarmHarness swarm = new SpeedSwarmHarness(dir)) {
      SpeedSwarmHarness.Node seeder = swarm.daemon("seeder");
      Map<String, SpeedSwarmHarness.Node> leechers = new LinkedHashMap<>();
      for (String name : List.of("bidder-1", "bidder-2", "plain-1", "plain-2")) {
        leechers.put(name, swarm.daemon(name));
      }
      seeder
          .api()
          .setAsk(
              SetAskRequest.newBuilder()
                  .setAsset(THIS_CHAINS_BTT)
                  .setPriceBaseUnitsPerMib(ASK.toString())
                  .setPaidSlots(2)
                  .build());
      BenchCalls.fixedBid(leechers.get("bidder-1"), ASK.multiply(BigInteger.valueOf(3)), BUDGET);
      BenchCalls.fixedBid(leechers.get("bidder-2"), ASK.multiply(BigInteger.TWO), BUDGET);
      String infoHash = seed(seeder, dir, SWARM_FILE);
      seeder
          .api()
          .setLimits(SetLimitsRequest.newBuilder().setUploadCapBytesPerSecond(SWARM_CAP).build());
      long start = System.nanoTime();
      for (SpeedSwarmHarness.Node leecher : leechers.values()) {
        leecher
            .api()
            .addTorrent(
                AddTorrentRequest.newBuilder()
                    .setTorrentFile(seededTorrent.getTorrentFile())
                    .addPeers("127.0.0.1:" + seeder.peerPort())
                    .build());
      }
      Map<String, Long> finished = new LinkedHashMap<>();
      // Bytes each leecher had when the first one finished: the rates while all four compete for
      // the cap (afterwards the rest share what the finished ones no longer take).
      Map<String, Long> atFirstFinish = new LinkedHashMap<>();
      long[] firstFinishMillis = {0};
      InfoHash hash = InfoHash.parse(infoHash);
      Await.until(
          Duration.ofSeconds(120),
          () -> "the capped swarm: " + finished,
          () -> {
            Map<String, Long> bytes = new LinkedHashMap<>();
            leechers.forEach(
                (name, node) ->
                    bytes.put(
                        name,
                        node.engine()
                            .progress(hash)
                            .map(io.bttspeed.bridge.torrent.TorrentProgress::downloadedBytes)
                            .orElse(0L)));
            long now = (System.nanoTime() - start) / 1_000_000;
            leechers.forEach(
                (name, node) -> {
                  if (!finished.containsKey(name)
                      && BenchCalls.state(node, infoHash) == TorrentState.TORRENT_STATE_SEEDING) {
                    finished.put(name, now);
                  }
                });
            if (!finished.isEmpty() && atFirstFinish.isEmpty()) {
              atFirstFinish.putAll(bytes);
              firstFinishMillis[0] = now;
            }
            return finished.size() == leechers.size();
          });
      long bidders = median(finished.get("bidder-1"), finished.get("bidder-2"));
      long plain = median(finished.get("plain-1"), finished.get("plain-2"));
      long fairMillis = SWARM_FILE * 1000 * leechers.size() / SWARM_CAP;
      System.out.printf(
          Locale.ROOT,
          "capped swarm: %d MiB, seeder cap %s MiB/s, 2 paid slots, 2 bidders, 2 non-bidders;"
              + " completion ms %s%n",
          SWARM_FILE >> 20,
          rate(SWARM_CAP, 1000),
          finished);
      System.out.printf(Locale.ROOT, "  bidders median     %s MiB/s%n", rate(SWARM_FILE, bidders));
      System.out.printf(
          Locale.ROOT,
          "  non-bidders median %s MiB/s (%s %% of the fair share)%n",
          rate(SWARM_FILE, plain),
          ratio(fairMillis * 100, plain));
      System.out.printf(
          Locale.ROOT,
          "  fair share         %s MiB/s; bidders / non-bidders = %s%n",
          rate(SWARM_FILE, fairMillis),
          ratio(plain, bidders));
      long t = firstFinishMillis[0];
      long bidderBytes = median(atFirstFinish.get("bidder-1"), atFirstFinish.get("bidder-2"));
      long plainBytes = median(atFirstFinish.get("plain-1"), atFirstFinish.get("plain-2"));
      System.out.printf(
          Locale.ROOT,
          "  while all four compete (the first %d ms): bidders median %s MiB/s, non-bidders median"
              + " %s MiB/s (%s %% of the fair share); bidders / non-bidders = %s%n",
          t,
          rate(bidderBytes, t),
          rate(plainBytes, t),
          ratio(plainBytes * fairMillis * 100, SWARM_FILE * t),
          ratio(bidderBytes, plainBytes));
    }
  }

  private static AddTorrentResponse seededTorrent;

  /**
   * Seeds fresh random content on {@code seeder}; returns its infohash (the response kept in
   * seededTorrent).
   */
  private static String seed(SpeedSwarmHarness.Node seeder, Path dir, long bytes) {
    Path content = TestFiles.random(dir.resolve("share/content.bin"), bytes, 17);
    seededTorrent =
        seeder
            .api()
            .addTorrent(AddTorrentRequest.newBuilder().setSeedPath(content.toString()).build());
    String infoHash = seededTorrent.getTorrent().getInfoHash();
    Await.until(
        LIMIT,
        "the seeder to verify its data",
        () -> BenchCalls.state(seeder, infoHash) == TorrentState.TORRENT_STATE_SEEDING);
    return infoHash;
  }

  private static long protocolBytes(SpeedSwarmHarness.Node node, InfoHash infoHash) {
    long sum = 0;
    for (PeerLink link : new ArrayList<>(node.engine().links(infoHash))) {
      sum += link.protocolBytesSent() + link.protocolBytesReceived();
    }
    return sum;
  }

  private static PeerMoney spending(SpeedServiceGrpc.SpeedServiceBlockingStub api) {
    var peers = api.getSpending(GetSpendingRequest.getDefaultInstance()).getPeersList();
    return peers.isEmpty() ? null : peers.get(0);
  }

  private static long median(long a, long b) {
    return (a + b) / 2;
  }

  /** MiB/s with two decimals, in integers: bytes × 1,000 × 100 / (ms × 2^20). */
  private static String rate(long bytes, long millis) {
    long hundredths = bytes * 100_000L / (Math.max(1, millis) * (1L << 20));
    return String.format(Locale.ROOT, "%d.%02d", hundredths / 100, hundredths % 100);
  }

  /** numerator / denominator with three decimals, in integers. */
  private static String ratio(long numerator, long denominator) {
    long thousandths = numerator * 1000 / Math.max(1, denominator);
    return String.format(Locale.ROOT, "%d.%03d", thousandths / 1000, thousandths % 1000);
  }
}
