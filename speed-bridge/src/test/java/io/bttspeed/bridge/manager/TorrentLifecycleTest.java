package io.bttspeed.bridge.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.domain.PeerAddress;
import io.bttspeed.bridge.limits.Rate;
import io.bttspeed.bridge.testing.Await;
import io.bttspeed.bridge.testing.TestFiles;
import io.bttspeed.wallet.error.NotFoundException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Seed, download, pause, resume, remove, and a restart in the middle of a download. */
@Timeout(120)
class TorrentLifecycleTest {
  private static final long SIZE = 3L * 1024 * 1024;

  @TempDir Path dir;

  @Test
  void downloadSurvivesARestartAndKeepsTheVerifiedPieces() {
    Path content = TestFiles.random(dir.resolve("share/movie.bin"), SIZE, 11);
    int seederPort = TestFiles.freePort();
    try (TorrentManager seeder = ManagerFixture.open(dir.resolve("seeder"), seederPort)) {
      TorrentManager.Seeded seeded = seeder.seed(content, List.of(), List.of());
      InfoHash infoHash = seeded.torrent().infoHash();
      Path downloads = dir.resolve("downloads");
      Path leecherData = dir.resolve("leecher");
      int leecherPort = TestFiles.freePort();
      List<PeerAddress> peers = List.of(new PeerAddress("127.0.0.1", seederPort));

      int piecesAtStop;
      try (TorrentManager leecher = ManagerFixture.open(leecherData, leecherPort)) {
        // Slow enough to stop in the middle.
        leecher.setLimits(Optional.empty(), Rate.UNLIMITED, Rate.bytesPerSecond(512 * 1024));
        leecher.addMetainfo(seeded.metainfo(), Optional.of(downloads), peers, false);
        Await.until(
            Duration.ofSeconds(30),
            "a third of the pieces",
            () ->
                leecher.get(infoHash).piecesComplete() * 3 >= leecher.get(infoHash).piecesTotal());
        piecesAtStop = leecher.get(infoHash).piecesComplete();
        assertEquals(TorrentState.DOWNLOADING, leecher.get(infoHash).state());
      }

      try (TorrentManager leecher = ManagerFixture.open(leecherData, leecherPort)) {
        leecher.setLimits(Optional.empty(), Rate.UNLIMITED, Rate.UNLIMITED);
        Await.until(
            Duration.ofSeconds(60),
            "the download to complete after the restart",
            () -> leecher.get(infoHash).state() == TorrentState.SEEDING);
        TorrentView done = leecher.get(infoHash);
        long pieceBytes = SIZE / done.piecesTotal() + 1;
        assertTrue(
            done.downloadedBytes() <= SIZE - (long) (piecesAtStop - 1) * pieceBytes,
            "pieces verified before the restart are not downloaded again: "
                + done.downloadedBytes()
                + " bytes downloaded, "
                + piecesAtStop
                + " pieces were held");
        assertTrue(TestFiles.sameContent(content, downloads.resolve("movie.bin")));
      }
    }
  }

  @Test
  void pauseStopsResumeRestartsAndRemoveWithDataDeletesOnlyTheTorrentsFiles() throws Exception {
    Path content = TestFiles.random(dir.resolve("share/album/track1.bin"), 300_000, 12);
    TestFiles.random(dir.resolve("share/album/sub/track2.bin"), 200_000, 13);
    Path unrelated = TestFiles.random(dir.resolve("share/keep.bin"), 10, 14);
    try (TorrentManager manager = ManagerFixture.open(dir.resolve("data"))) {
      TorrentManager.Seeded seeded = manager.seed(content.getParent(), List.of(), List.of());
      InfoHash infoHash = seeded.torrent().infoHash();
      assertTrue(Files.isRegularFile(seeded.torrentFile()));
      assertTrue(seeded.magnet().startsWith("magnet:?xt=urn:btih:" + infoHash.hex()));
      Await.until(
          Duration.ofSeconds(30),
          "seeding",
          () -> manager.get(infoHash).state() == TorrentState.SEEDING);

      assertEquals(TorrentState.PAUSED, manager.pause(infoHash).state());
      assertEquals(TorrentState.PAUSED, manager.get(infoHash).state());
      manager.resume(infoHash);
      Await.until(
          Duration.ofSeconds(30),
          "seeding again",
          () -> manager.get(infoHash).state() == TorrentState.SEEDING);

      manager.remove(infoHash, true);
      assertThrows(NotFoundException.class, () -> manager.get(infoHash));
      assertFalse(
          Files.exists(dir.resolve("share/album")),
          "the torrent's files and emptied directories are gone");
      assertTrue(Files.exists(unrelated), "a file the torrent does not name stays");
      assertEquals(
          List.of(),
          openFilesUnder(dir.resolve("share/album")),
          "Bt released the files before they were deleted, so none stays open, deleted");
    }
  }

  /**
   * Bt's download stage waits for all pieces without looking at a stop: each pause or remove of an
   * unfinished download left a Bt thread waiting for good, and the torrent registered, so adding it
   * again failed inside Bt. Now the stop ends that processing.
   */
  @Test
  void stoppingAnUnfinishedDownloadEndsBtsProcessingOfIt() {
    Path content = TestFiles.random(dir.resolve("share/unfinished.bin"), 300_000, 31);
    byte[] metainfo;
    try (TorrentManager seeder = ManagerFixture.open(dir.resolve("seeder"))) {
      metainfo = seeder.seed(content, List.of(), List.of()).metainfo();
    }
    try (TorrentManager manager = ManagerFixture.open(dir.resolve("leecher"))) {
      // No peers: the download waits for pieces that never come.
      pausesAndRemovesEndBtsWait(
          manager,
          "waitForAllPieces",
          () ->
              manager
                  .addMetainfo(metainfo, Optional.of(dir.resolve("downloads")), List.of(), false)
                  .infoHash());
    }
  }

  /**
   * A magnet whose metadata never comes waits in Bt for good: its pause or remove left that thread
   * waiting and the torrent registered until the daemon stopped, so every removed magnet cost a
   * thread, and adding it again waited 10 s for a teardown that never came. Now the stop ends the
   * wait, and the magnet can be added again at once.
   */
  @Test
  void stoppingAMagnetThatHasNoMetadataEndsBtsWaitForIt() {
    String magnet = "magnet:?xt=urn:btih:" + "5e".repeat(20) + "&dn=nowhere";
    PrintStream stderr = System.err;
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    try (TorrentManager manager = ManagerFixture.open(dir.resolve("leecher"))) {
      System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
      // No peers: nobody ever sends the metadata.
      pausesAndRemovesEndBtsWait(
          manager,
          "waitForTorrent",
          () ->
              manager
                  .addMagnet(magnet, Optional.of(dir.resolve("downloads")), List.of(), false)
                  .infoHash());
    } finally {
      System.setErr(stderr);
    }
    // A stop is not an error: Bt once logged each of these three as one, with a stack trace.
    String log = logged.toString(StandardCharsets.UTF_8);
    assertFalse(log.contains("ERROR") || log.contains("\tat "), "logged: " + log);
  }

  /**
   * Three rounds: {@code add} a torrent, await a thread of Bt's waiting in {@code method} for it,
   * pause it (rounds 0 and 2, then remove it) or remove it (round 1), and await that thread's end.
   */
  private static void pausesAndRemovesEndBtsWait(
      TorrentManager manager, String method, Supplier<InfoHash> add) {
    for (int i = 0; i < 3; i++) {
      // Threads of other runtimes are told apart by identity, not by a count that may move.
      Set<Thread> others = waitingIn(method);
      InfoHash infoHash = add.get();
      AtomicReference<Thread> waiting = new AtomicReference<>();
      Await.until(
          Duration.ofSeconds(30),
          "Bt to wait in " + method,
          () -> {
            Set<Thread> now = waitingIn(method);
            now.removeAll(others);
            now.stream().findFirst().ifPresent(waiting::set);
            return waiting.get() != null;
          });
      if (i % 2 == 0) {
        manager.pause(infoHash);
      } else {
        manager.remove(infoHash, false);
      }
      Await.until(
          Duration.ofSeconds(30),
          "Bt's wait in " + method + " to end once the torrent stopped",
          () -> !waitingIn(method).contains(waiting.get()));
      // And out of Bt's processing (which logs how the stage ended) once the thread returns.
      Await.until(
          Duration.ofSeconds(30),
          "the thread to leave Bt's processing of the stopped torrent",
          () -> !inBtsProcessing(waiting.get()));
      if (i % 2 == 0) {
        manager.remove(infoHash, false);
      }
    }
  }

  /**
   * A torrent whose processing Bt ends on an error of its own (here its file turned into a
   * directory while it was paused) shows FAILED rather than a download that never moves, and
   * resuming it once the cause is gone starts it again.
   */
  @Test
  void aTorrentBtGaveUpOnShowsFailedAndResumesOnceFixed() throws Exception {
    Path content = TestFiles.random(dir.resolve("share/broken.bin"), 300_000, 41);
    byte[] metainfo;
    try (TorrentManager seeder = ManagerFixture.open(dir.resolve("seeder"))) {
      metainfo = seeder.seed(content, List.of(), List.of()).metainfo();
    }
    Path downloads = dir.resolve("downloads");
    try (TorrentManager manager = ManagerFixture.open(dir.resolve("leecher"))) {
      InfoHash infoHash =
          manager.addMetainfo(metainfo, Optional.of(downloads), List.of(), true).infoHash();
      Files.createDirectories(downloads.resolve("broken.bin/in-the-way"));
      manager.resume(infoHash);
      Await.until(
          Duration.ofSeconds(30),
          "the torrent to show FAILED",
          () -> manager.get(infoHash).state() == TorrentState.FAILED);
      assertTrue(
          manager.get(infoHash).error().orElse("").startsWith("Bt stopped"),
          manager.get(infoHash).toString());

      Files.delete(downloads.resolve("broken.bin/in-the-way"));
      Files.delete(downloads.resolve("broken.bin"));
      manager.resume(infoHash);
      Await.until(
          Duration.ofSeconds(30),
          "the torrent to download again",
          () -> manager.get(infoHash).state() == TorrentState.DOWNLOADING);
    }
  }

  /** Threads with {@code method} on their stack. */
  private static boolean inBtsProcessing(Thread thread) {
    return java.util.Arrays.stream(thread.getStackTrace())
        .anyMatch(f -> f.getClassName().startsWith("bt.processor."));
  }

  private static Set<Thread> waitingIn(String method) {
    return Thread.getAllStackTraces().entrySet().stream()
        .filter(
            e ->
                java.util.Arrays.stream(e.getValue())
                    .anyMatch(f -> f.getMethodName().equals(method)))
        .map(Map.Entry::getKey)
        .collect(Collectors.toCollection(java.util.HashSet::new));
  }

  /**
   * Removes with data and adds of the same torrent, released together from six threads, round after
   * round: each call succeeds or is refused as documented (NOT_FOUND, ALREADY_EXISTS, or
   * FAILED_PRECONDITION while the files are being deleted), none hangs, and each round leaves the
   * torrent either listed and working or gone with none of its files open; a last remove leaves
   * nothing behind.
   */
  @Test
  void removesWithDataRacingAddsOfTheSameTorrentLeaveItWorkingOrGone() throws Exception {
    Path content = TestFiles.random(dir.resolve("share/race/a.bin"), 300_000, 21);
    Path downloads = dir.resolve("downloads");
    Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    try (TorrentManager manager = ManagerFixture.open(dir.resolve("data"))) {
      TorrentManager.Seeded seeded = manager.seed(content.getParent(), List.of(), List.of());
      InfoHash infoHash = seeded.torrent().infoHash();
      ExecutorService pool = Executors.newFixedThreadPool(6);
      try {
        for (int round = 0; round < 12; round++) {
          CountDownLatch go = new CountDownLatch(1);
          List<Future<?>> calls = new ArrayList<>();
          for (int i = 0; i < 3; i++) {
            calls.add(
                pool.submit(
                    () -> {
                      go.await();
                      return outcome(outcomes, "remove", () -> manager.remove(infoHash, true));
                    }));
            calls.add(
                pool.submit(
                    () -> {
                      go.await();
                      return outcome(
                          outcomes,
                          "add",
                          () ->
                              manager.addMetainfo(
                                  seeded.metainfo(), Optional.of(downloads), List.of(), false));
                    }));
          }
          go.countDown();
          for (Future<?> call : calls) {
            call.get(30, TimeUnit.SECONDS);
          }
          if (manager.list().stream().anyMatch(t -> t.infoHash().equals(infoHash))) {
            assertTrue(
                manager.get(infoHash).state() != TorrentState.FAILED,
                "round " + round + ": " + manager.get(infoHash));
          } else {
            assertEquals(List.of(), openFilesUnder(downloads), "round " + round);
          }
        }
      } finally {
        pool.shutdownNow();
      }
      assertEquals(
          Set.of(),
          outcomes.keySet().stream()
              .filter(
                  k ->
                      !Set.of(
                              "remove OK",
                              "remove NotFoundException",
                              "add OK",
                              "add AlreadyExistsException",
                              "add FailedPreconditionException")
                          .contains(k))
              .collect(Collectors.toSet()),
          "only documented outcomes: " + outcomes);
      assertTrue(
          outcomes.containsKey("remove OK") && outcomes.containsKey("add OK"), "" + outcomes);

      if (manager.list().stream().anyMatch(t -> t.infoHash().equals(infoHash))) {
        manager.remove(infoHash, true);
      }
      assertEquals(List.of(), openFilesUnder(downloads));
      assertFalse(Files.exists(downloads.resolve("race/a.bin")), "its file is gone");
    }
    System.out.println("remove/add race outcomes: " + outcomes);
  }

  /** Runs a call and counts how it ended: OK, or the simple name of what it threw. */
  private static Void outcome(Map<String, AtomicInteger> outcomes, String what, Runnable call) {
    String how;
    try {
      call.run();
      how = "OK";
    } catch (RuntimeException e) {
      how = e.getClass().getSimpleName();
    }
    outcomes.computeIfAbsent(what + " " + how, k -> new AtomicInteger()).incrementAndGet();
    return null;
  }

  /** This process's open files (Linux's /proc/self/fd) under {@code root}. */
  private static List<String> openFilesUnder(Path root) throws IOException {
    List<String> open = new ArrayList<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
      for (Path fd : fds) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith(root.toString())) {
            open.add(target);
          }
        } catch (IOException e) {
          // closed while listed
        }
      }
    }
    return open;
  }
}
