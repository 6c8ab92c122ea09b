package io.bttspeed.bridge.bench;

import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.testing.Await;
import io.bttspeed.bridge.testing.ExternalProcess;
import io.bttspeed.bridge.testing.TestFiles;
import io.bttspeed.bridge.testing.TrackerQueries;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * aria2 as the leecher of a {@link SwarmBenchmark} row. aria2 cannot be handed a peer, only a
 * tracker, so each row gets its own opentracker on 127.0.0.1 that whitelists the one torrent. A
 * fresh tracker per row: a seeder killed in an earlier row would otherwise still be listed, and
 * could be the only peer aria2 is given.
 */
final class Aria2Leecher implements AutoCloseable {
  private static final String ARIA2 = "/usr/bin/aria2c";
  private static final String OPENTRACKER = "/usr/bin/opentracker";
  private static final Duration TRACKER_START = Duration.ofSeconds(30);
  private static final Duration SEEDER_ANNOUNCE = Duration.ofSeconds(60);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final ExternalProcess tracker;
  private final int trackerPort;
  private final InfoHash infoHash;

  private Aria2Leecher(ExternalProcess tracker, int trackerPort, InfoHash infoHash) {
    this.tracker = tracker;
    this.trackerPort = trackerPort;
    this.infoHash = infoHash;
  }

  /** Why aria2 rows cannot run on this machine, or empty when they can. */
  static Optional<String> unavailable() {
    for (String program : List.of(ARIA2, OPENTRACKER)) {
      if (!ExternalProcess.available(program)) {
        return Optional.of(program + " is not installed");
      }
    }
    return Optional.empty();
  }

  static String announceUrl(int trackerPort) {
    return "http://127.0.0.1:" + trackerPort + "/announce";
  }

  /**
   * Starts a tracker in {@code benchDir}/{@code name} that knows only {@code infoHash} and waits
   * until it answers.
   */
  static Aria2Leecher startTracker(Path benchDir, String name, int trackerPort, InfoHash infoHash)
      throws IOException {
    // Run as root, opentracker gives up root for nobody, who must be able to read the whitelist.
    Path trackerDir = Files.createDirectories(benchDir.resolve(name));
    Path whitelist = Files.writeString(trackerDir.resolve("whitelist"), infoHash.hex() + "\n");
    Files.setPosixFilePermissions(benchDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(trackerDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(whitelist, PosixFilePermissions.fromString("rw-r--r--"));
    String port = Integer.toString(trackerPort);
    ExternalProcess tracker =
        new ExternalProcess(
            "opentracker",
            List.of(
                OPENTRACKER, "-i", "127.0.0.1", "-p", port, "-P", port, "-w", whitelist.toString()),
            trackerDir);
    Aria2Leecher leecher = new Aria2Leecher(tracker, trackerPort, infoHash);
    try {
      Await.until(
          TRACKER_START,
          () -> "opentracker to answer; it printed " + tracker.tail(),
          () -> leecher.scrape().isPresent());
    } catch (RuntimeException | AssertionError e) {
      tracker.close();
      throw e;
    }
    return leecher;
  }

  /** Waits until a seeder has told the tracker it has the whole torrent. */
  void awaitSeeder() {
    Await.until(
        SEEDER_ANNOUNCE,
        () -> "a seeder in the tracker's swarm; the scrape says " + scrape(),
        () -> scrape().map(s -> s.contains("8:completei1e")).orElse(false));
  }

  /**
   * Downloads the torrent into {@code into}: the milliseconds from aria2c's start to its exit with
   * code 0, all of it counted (announce, download, aria2's own checks, stop announce).
   */
  long leech(Path torrentFile, Path into, Duration limit) {
    long start = System.nanoTime();
    try (ExternalProcess aria2 =
        new ExternalProcess(
            "aria2",
            List.of(
                ARIA2,
                "--dir=" + into,
                "--seed-time=0",
                "--enable-dht=false",
                "--enable-dht6=false",
                "--bt-enable-lpd=false",
                "--enable-peer-exchange=false",
                "--bt-require-crypto=false",
                "--listen-port=" + TestFiles.freePort(),
                "--console-log-level=warn",
                "--summary-interval=0",
                "--bt-stop-timeout=" + limit.toSeconds(),
                torrentFile.toString()),
            into.getParent())) {
      int exit = aria2.awaitExit(limit.plusSeconds(10));
      long millis = (System.nanoTime() - start) / 1_000_000;
      if (exit != 0) {
        throw new IllegalStateException("aria2 exited with " + exit + ": " + aria2.tail());
      }
      return millis;
    }
  }

  private Optional<String> scrape() {
    URI uri =
        URI.create(
            "http://127.0.0.1:"
                + trackerPort
                + "/scrape?info_hash="
                + TrackerQueries.infoHash(infoHash));
    try {
      HttpResponse<byte[]> answer =
          HTTP.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      return Optional.of(new String(answer.body(), StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    tracker.close();
  }
}
