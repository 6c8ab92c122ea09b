package io.bttspeed.bridge.bench;

import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.manager.TorrentManager;
import io.bttspeed.bridge.manager.TorrentState;
import io.bttspeed.bridge.metainfo.Metainfo;
import io.bttspeed.bridge.store.TorrentStore;
import io.bttspeed.bridge.testing.Await;
import io.bttspeed.bridge.testing.TestFiles;
import io.bttspeed.bridge.torrent.Engine;
import io.bttspeed.bridge.torrent.EngineSettings;
import io.bttspeed.bridge.torrent.TorrentCreator;
import io.bttspeed.bridge.torrent.TorrentProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The measured process of {@link IdleSeedingBenchmark}: one engine on 127.0.0.1 (no DHT, no local
 * service discovery) seeding every file of a directory, each as its own torrent. Prints {@code
 * READY} once every torrent has verified its data and seeds, then idles until its standard input
 * closes (the benchmark holds it open, so an orphan cannot outlive the benchmark) or ten minutes
 * pass.
 *
 * <p>Arguments: the content directory, a data directory, {@code manager} (the daemon's torrent
 * path: a {@link TorrentManager} over a real H2 {@link TorrentStore}, each file added as the Seed
 * RPC does) or {@code engine} (the bare {@link Engine}), and optionally the engine's processing
 * interval in ms (its default otherwise).
 */
public final class IdleSeedingNode {
  private static final Duration VERIFY_LIMIT = Duration.ofSeconds(90);
  private static final Duration LIFETIME = Duration.ofMinutes(10);

  private IdleSeedingNode() {}

  public static void main(String[] args) {
    try {
      run(args);
    } catch (Throwable e) {
      // Bt's threads would keep a failed node alive; the benchmark must see it end.
      e.printStackTrace();
      System.exit(1);
    }
  }

  private static void run(String[] args) throws IOException {
    Path content = Path.of(args[0]).toAbsolutePath();
    Path data = Path.of(args[1]).toAbsolutePath();
    String mode = args[2];
    EngineSettings settings = EngineSettings.defaults(TestFiles.freePort());
    if (args.length > 3) {
      settings = withProcessingInterval(settings, Duration.ofMillis(Long.parseLong(args[3])));
    }
    System.out.printf(Locale.ROOT, "PID %d%n", ProcessHandle.current().pid());
    System.out.printf(
        Locale.ROOT,
        "JAVA %s (%s)%n",
        System.getProperty("java.runtime.version"),
        System.getProperty("java.vm.name"));
    System.out.printf(
        Locale.ROOT,
        "ENGINE listen=%s port=%d dht=%s lsd=%s processingInterval=%s "
            + "peerDiscoveryInterval=%s hashingThreads=%d%n",
        settings.listenAddress().getHostAddress(),
        settings.port(),
        settings.dht(),
        settings.localServiceDiscovery(),
        settings.processingInterval(),
        settings.peerDiscoveryInterval(),
        settings.hashingThreads());
    List<Path> files = files(content);
    long start = System.nanoTime();
    Engine engine = Engine.start(settings);
    int seeding =
        switch (mode) {
          case "manager" -> seedThroughManager(engine, data, files);
          case "engine" -> seedOnEngine(engine, files);
          default ->
              throw new IllegalArgumentException("mode must be manager or engine, not " + mode);
        };
    System.out.printf(
        Locale.ROOT,
        "READY %d torrents seeding after %d ms%n",
        seeding,
        (System.nanoTime() - start) / 1_000_000);
    System.out.flush();
    awaitEndOfInput();
    System.exit(0);
  }

  private static int seedThroughManager(Engine engine, Path data, List<Path> files) {
    TorrentManager manager =
        new TorrentManager(
            engine, TorrentStore.open(data), data, data.resolve("downloads"), Clock.systemUTC());
    manager.restore();
    List<InfoHash> hashes = new ArrayList<>();
    for (Path file : files) {
      hashes.add(manager.seed(file, List.of(), List.of()).torrent().infoHash());
    }
    return awaitAll(
        hashes,
        h -> {
          var view = manager.get(h);
          return view.state() == TorrentState.SEEDING
              && view.piecesTotal() > 0
              && view.piecesComplete() == view.piecesTotal();
        });
  }

  private static int seedOnEngine(Engine engine, List<Path> files) {
    List<InfoHash> hashes = new ArrayList<>();
    for (Path file : files) {
      TorrentCreator.Created created = TorrentCreator.create(file, List.of());
      InfoHash infoHash = Metainfo.parse(created.metainfo()).infoHash();
      engine.start(infoHash, created.metainfo(), created.downloadDirectory(), List.of(), h -> {});
      hashes.add(infoHash);
    }
    return awaitAll(hashes, h -> engine.progress(h).map(TorrentProgress::complete).orElse(false));
  }

  private static int awaitAll(List<InfoHash> hashes, Predicate<InfoHash> seeding) {
    Await.until(
        VERIFY_LIMIT,
        () ->
            hashes.stream().filter(seeding.negate()).count()
                + " of "
                + hashes.size()
                + " torrents to verify their data",
        () -> hashes.stream().allMatch(seeding));
    return hashes.size();
  }

  private static EngineSettings withProcessingInterval(EngineSettings s, Duration interval) {
    return new EngineSettings(
        s.listenAddress(),
        s.port(),
        s.dht(),
        s.dhtPort(),
        s.localServiceDiscovery(),
        s.assignedPieces(),
        interval,
        s.peerDiscoveryInterval(),
        s.unreachablePeerBan(),
        s.hashingThreads());
  }

  private static List<Path> files(Path content) throws IOException {
    try (Stream<Path> list = Files.list(content)) {
      return list.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static void awaitEndOfInput() {
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(LIFETIME.toMillis());
              } catch (InterruptedException e) {
                return;
              }
              System.exit(3);
            },
            "idle-node-lifetime");
    watchdog.setDaemon(true);
    watchdog.start();
    try {
      while (System.in.read() >= 0) {
        // Nothing is sent; end of input is the signal.
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
