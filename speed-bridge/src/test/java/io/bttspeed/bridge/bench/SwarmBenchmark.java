package io.bttspeed.bridge.bench;

import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.metainfo.Metainfo;
import io.bttspeed.bridge.testing.Await;
import io.bttspeed.bridge.testing.ExternalProcess;
import io.bttspeed.bridge.testing.TestFiles;
import io.bttspeed.bridge.torrent.Engine;
import io.bttspeed.bridge.torrent.EngineSettings;
import io.bttspeed.bridge.torrent.TorrentCreator;
import io.bttspeed.bridge.torrent.TorrentProgress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One seeder, one leecher, one file on 127.0.0.1, uncapped: our engine against python3-libtorrent
 * in the same run, every pairing, so the figures can be read side by side on the machine that
 * printed them. Each transfer is timed from the leecher's start to its last verified piece (for
 * libtorrent, as the leecher itself measures it). aria2 leeches too, from both seeders, through a
 * local opentracker ({@link Aria2Leecher}); it is timed from its start to its exit with code 0.
 *
 * <p>{@code mvn -q -pl speed-bridge exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.bttspeed.bridge.bench.SwarmBenchmark -Dexec.args="256 3"} (MiB, repetitions).
 */
public final class SwarmBenchmark {
  private static final String PYTHON = "/usr/bin/python3";
  private static final Duration LIMIT = Duration.ofMinutes(5);

  private final Path dir;
  private final Path content;
  private final Path torrentFile;
  private final byte[] metainfo;
  private final InfoHash infoHash;
  private final long bytes;

  private SwarmBenchmark(Path dir, long bytes) throws IOException {
    this.dir = dir;
    this.bytes = bytes;
    this.content = TestFiles.random(dir.resolve("seed/content.bin"), bytes, 7);
    TorrentCreator.Created created = TorrentCreator.create(content, List.of());
    this.metainfo = created.metainfo();
    this.infoHash = Metainfo.parse(metainfo).infoHash();
    this.torrentFile = Files.write(dir.resolve("content.torrent"), metainfo);
  }

  public static void main(String[] args) throws Exception {
    int mib = args.length > 0 ? Integer.parseInt(args[0]) : 256;
    int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    if (mib < 1 || mib > 4096 || repetitions < 1 || repetitions > 20) {
      throw new IllegalArgumentException("usage: SwarmBenchmark [MiB 1..4096] [repetitions 1..20]");
    }
    Path dir = Files.createTempDirectory("swarm-bench");
    SwarmBenchmark bench = new SwarmBenchmark(dir, (long) mib << 20);
    boolean libtorrent = libtorrentAvailable();
    Optional<String> noAria2 = Aria2Leecher.unavailable();
    System.out.printf(
        Locale.ROOT,
        "%d MiB, one seeder and one leecher on 127.0.0.1, %d cores, %d runs each%n",
        mib,
        Runtime.getRuntime().availableProcessors(),
        repetitions);
    if (noAria2.isEmpty()) {
      System.out.println(
          "aria2 rows: from aria2c's start to its exit with code 0, nothing subtracted (its tracker"
              + " announce and final checks are in it)");
    }
    for (int run = 1; run <= repetitions; run++) {
      bench.report("ours -> ours", bench.oursToOurs(run));
      if (libtorrent) {
        bench.report("libtorrent -> libtorrent", bench.libtorrentToLibtorrent(run));
        bench.report("ours -> libtorrent", bench.oursToLibtorrent(run));
        bench.report("libtorrent -> ours", bench.libtorrentToOurs(run));
      } else if (run == 1) {
        System.out.println("python3-libtorrent is not installed: no reference figures");
      }
      if (noAria2.isEmpty()) {
        bench.reportOrWhyNot("ours -> aria2", bench::oursToAria2, run);
        if (libtorrent) {
          bench.reportOrWhyNot("libtorrent -> aria2", bench::libtorrentToAria2, run);
        }
      } else if (run == 1) {
        System.out.println("no aria2 rows: " + noAria2.get());
      }
    }
    System.exit(0);
  }

  private void report(String pairing, long millis) {
    // Tenths of a MiB per second, in integers: bytes × 1,000 × 10 / (ms × 2^20).
    long tenths = bytes * 10_000L / (Math.max(1, millis) * (1L << 20));
    System.out.printf(
        Locale.ROOT, "%-26s %7d ms  %5d.%d MiB/s%n", pairing, millis, tenths / 10, tenths % 10);
  }

  /** aria2 rows depend on a tracker too: one that fails says why and the table goes on. */
  private void reportOrWhyNot(String pairing, Row row, int run) {
    try {
      report(pairing, row.millis(run));
    } catch (IOException | RuntimeException | AssertionError e) {
      System.out.printf(Locale.ROOT, "%-26s failed: %s%n", pairing, e.getMessage());
    }
  }

  private interface Row {
    long millis(int run) throws IOException;
  }

  private long oursToOurs(int run) {
    int seederPort = TestFiles.freePort();
    try (Engine seeder = Engine.start(EngineSettings.defaults(seederPort));
        Engine leecher = Engine.start(EngineSettings.defaults(TestFiles.freePort()))) {
      seed(seeder, metainfo);
      return leech(leecher, dir.resolve("ours-ours-" + run), seederPort);
    }
  }

  private long oursToLibtorrent(int run) {
    int seederPort = TestFiles.freePort();
    try (Engine seeder = Engine.start(EngineSettings.defaults(seederPort))) {
      seed(seeder, metainfo);
      return libtorrentLeech(dir.resolve("ours-lt-" + run), seederPort);
    }
  }

  private long libtorrentToOurs(int run) {
    int seederPort = TestFiles.freePort();
    try (ExternalProcess lt = libtorrentSeed(torrentFile, seederPort);
        Engine leecher = Engine.start(EngineSettings.defaults(TestFiles.freePort()))) {
      return leech(leecher, dir.resolve("lt-ours-" + run), seederPort);
    }
  }

  private long libtorrentToLibtorrent(int run) {
    int seederPort = TestFiles.freePort();
    try (ExternalProcess lt = libtorrentSeed(torrentFile, seederPort)) {
      return libtorrentLeech(dir.resolve("lt-lt-" + run), seederPort);
    }
  }

  private long oursToAria2(int run) throws IOException {
    int trackerPort = TestFiles.freePort();
    Path announcing = announcingTorrent("ours-aria2-" + run + ".torrent", trackerPort);
    try (Aria2Leecher aria2 =
            Aria2Leecher.startTracker(dir, "tracker-ours-" + run, trackerPort, infoHash);
        Engine seeder = Engine.start(EngineSettings.defaults(TestFiles.freePort()))) {
      seed(seeder, Files.readAllBytes(announcing));
      return aria2Leech(aria2, announcing, dir.resolve("ours-aria2-" + run));
    }
  }

  private long libtorrentToAria2(int run) throws IOException {
    int trackerPort = TestFiles.freePort();
    Path announcing = announcingTorrent("lt-aria2-" + run + ".torrent", trackerPort);
    try (Aria2Leecher aria2 =
            Aria2Leecher.startTracker(dir, "tracker-lt-" + run, trackerPort, infoHash);
        ExternalProcess lt = libtorrentSeed(announcing, TestFiles.freePort())) {
      return aria2Leech(aria2, announcing, dir.resolve("lt-aria2-" + run));
    }
  }

  /**
   * The same content with the tracker's announce URL, for the seeders to announce to and aria2 to
   * find them through. The announce URL is outside the info dictionary, so the infohash (the one
   * the tracker whitelists) is the same as the other rows'.
   */
  private Path announcingTorrent(String name, int trackerPort) throws IOException {
    byte[] announcing =
        TorrentCreator.create(content, List.of(Aria2Leecher.announceUrl(trackerPort))).metainfo();
    InfoHash announced = Metainfo.parse(announcing).infoHash();
    if (!announced.equals(infoHash)) {
      throw new IllegalStateException("the announce URL changed the infohash to " + announced);
    }
    return Files.write(dir.resolve(name), announcing);
  }

  private long aria2Leech(Aria2Leecher aria2, Path torrent, Path into) {
    aria2.awaitSeeder();
    long millis = aria2.leech(torrent, into, LIMIT);
    requireSame(into.resolve(content.getFileName()));
    return millis;
  }

  private void seed(Engine seeder, byte[] seeded) {
    seeder.start(infoHash, seeded, content.getParent(), List.of(), h -> {});
    Await.until(
        LIMIT,
        "the seeder to verify its data",
        () -> seeder.progress(infoHash).map(TorrentProgress::complete).orElse(false));
  }

  private long leech(Engine leecher, Path into, int seederPort) {
    long start = System.nanoTime();
    leecher.start(
        infoHash, metainfo, into, List.of(new InetSocketAddress("127.0.0.1", seederPort)), h -> {});
    Await.until(
        LIMIT,
        "our leecher to finish",
        () -> leecher.progress(infoHash).map(TorrentProgress::complete).orElse(false));
    long millis = (System.nanoTime() - start) / 1_000_000;
    requireSame(into.resolve(content.getFileName()));
    return millis;
  }

  private ExternalProcess libtorrentSeed(Path torrent, int port) {
    ExternalProcess lt =
        new ExternalProcess(
            "libtorrent seeder",
            List.of(
                PYTHON,
                script(),
                "serve",
                torrent.toString(),
                content.getParent().toString(),
                Integer.toString(port)),
            dir);
    lt.awaitLine("READY", Duration.ofSeconds(30));
    return lt;
  }

  private long libtorrentLeech(Path into, int seederPort) {
    try (ExternalProcess lt =
        new ExternalProcess(
            "libtorrent leecher",
            List.of(
                PYTHON,
                script(),
                "leech",
                torrentFile.toString(),
                into.toString(),
                Integer.toString(TestFiles.freePort()),
                "127.0.0.1:" + seederPort,
                Long.toString(LIMIT.toSeconds())),
            dir)) {
      if (lt.awaitExit(LIMIT.plusSeconds(10)) != 0) {
        throw new IllegalStateException("libtorrent did not finish: " + lt.tail());
      }
      long millis = Long.parseLong(lt.lineAfter("COMPLETE ").orElseThrow().trim());
      requireSame(into.resolve(content.getFileName()));
      return millis;
    }
  }

  private void requireSame(Path downloaded) {
    if (!TestFiles.sameContent(content, downloaded)) {
      throw new IllegalStateException(downloaded + " differs from the seeded content");
    }
  }

  private String script() {
    Path target = dir.resolve("lt_peer.py");
    if (!Files.exists(target)) {
      try (InputStream in = SwarmBenchmark.class.getResourceAsStream("/interop/lt_peer.py")) {
        Files.copy(in, target);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return target.toString();
  }

  private static boolean libtorrentAvailable() throws InterruptedException {
    try {
      return ExternalProcess.available(PYTHON)
          && new ProcessBuilder(PYTHON, "-c", "import libtorrent").start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
