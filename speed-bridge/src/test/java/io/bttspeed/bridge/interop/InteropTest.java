package io.bttspeed.bridge.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.domain.PeerAddress;
import io.bttspeed.bridge.manager.TorrentManager;
import io.bttspeed.bridge.manager.TorrentState;
import io.bttspeed.bridge.metainfo.Metainfo;
import io.bttspeed.bridge.store.TorrentStore;
import io.bttspeed.bridge.testing.Await;
import io.bttspeed.bridge.testing.ExternalProcess;
import io.bttspeed.bridge.testing.TestFiles;
import io.bttspeed.bridge.testing.TrackerQueries;
import io.bttspeed.bridge.torrent.Engine;
import io.bttspeed.bridge.torrent.EngineSettings;
import io.bttspeed.bridge.torrent.TorrentCreator;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our client with real BitTorrent clients on 127.0.0.1: python3-libtorrent both ways (as a leecher
 * with each of its encryption policies), aria2 through a local opentracker in whitelist mode. Each
 * test skips itself when the Debian package it needs is missing.
 */
@Tag("interop")
@Timeout(150)
class InteropTest {
  private static final String PYTHON = "/usr/bin/python3";
  private static final String ARIA2 = "/usr/bin/aria2c";
  private static final String OPENTRACKER = "/usr/bin/opentracker";
  private static final long SIZE = 5L * 1024 * 1024 + 77;

  @TempDir Path dir;
  private TorrentManager ours;
  private int ourPort;

  @BeforeEach
  void startOurs() {
    ourPort = TestFiles.freePort();
    Path data = dir.resolve("ours");
    ours =
        new TorrentManager(
            Engine.start(EngineSettings.defaults(ourPort)),
            TorrentStore.open(data),
            data,
            data.resolve("downloads"),
            Clock.systemUTC());
  }

  @AfterEach
  void stopOurs() {
    ours.close();
  }

  @Test
  void libtorrentSeederToOurLeecher() throws IOException {
    assumeTrue(libtorrentAvailable(), "python3-libtorrent is not installed");
    Path content = TestFiles.random(dir.resolve("lt/content.bin"), SIZE, 41);
    int ltPort = TestFiles.freePort();
    try (ExternalProcess lt =
        new ExternalProcess(
            "libtorrent seeder",
            List.of(
                PYTHON,
                script(),
                "seed",
                content.toString(),
                dir.resolve("lt.torrent").toString(),
                Integer.toString(ltPort)),
            dir)) {
      lt.awaitLine("READY", Duration.ofSeconds(30));
      InfoHash infoHash =
          ours.addMetainfo(
                  Files.readAllBytes(dir.resolve("lt.torrent")),
                  Optional.of(dir.resolve("got")),
                  List.of(new PeerAddress("127.0.0.1", ltPort)),
                  false)
              .infoHash();
      Await.until(
          Duration.ofSeconds(90),
          () -> "our download from libtorrent: " + ours.get(infoHash),
          () -> ours.get(infoHash).state() == TorrentState.SEEDING);
      assertTrue(TestFiles.sameContent(content, dir.resolve("got/content.bin")));
    }
  }

  /**
   * libtorrent's encryption policies as a leecher of our seeder, and what the connection it gets
   * must be: MSE is accepted with either crypto method, plaintext selected whenever offered.
   */
  enum LeecherEncryption {
    /** libtorrent's default: it opens with MSE offering RC4 and plaintext; we answer plaintext. */
    DEFAULT(null, "ENCRYPTED plaintext"),
    /** Encryption required, RC4 only: an encrypted connection or none. */
    FORCED_RC4("forced", "ENCRYPTED rc4"),
    /** MSE required, but only the handshake obfuscated: IA decrypted, then a plain stream. */
    FORCED_PLAINTEXT("forced-plaintext", "ENCRYPTED plaintext"),
    /** A plain BitTorrent handshake only. */
    DISABLED("disabled", null);

    final String policy;
    final String expectedLine;

    LeecherEncryption(String policy, String expectedLine) {
      this.policy = policy;
      this.expectedLine = expectedLine;
    }
  }

  @ParameterizedTest
  @EnumSource(LeecherEncryption.class)
  void ourSeederToLibtorrentLeecher(LeecherEncryption encryption) {
    assumeTrue(libtorrentAvailable(), "python3-libtorrent is not installed");
    Path content = TestFiles.random(dir.resolve("share/content.bin"), SIZE, 42);
    TorrentManager.Seeded seeded = ours.seed(content, List.of(), List.of());
    Await.until(
        Duration.ofSeconds(30),
        "our seed",
        () -> ours.get(seeded.torrent().infoHash()).state() == TorrentState.SEEDING);
    List<String> command = new ArrayList<>(List.of(PYTHON, script()));
    if (encryption.policy != null) {
      command.addAll(List.of("--encryption", encryption.policy));
    }
    command.addAll(
        List.of(
            "leech",
            seeded.torrentFile().toString(),
            dir.resolve("lt-got").toString(),
            Integer.toString(TestFiles.freePort()),
            "127.0.0.1:" + ourPort));
    try (ExternalProcess lt = new ExternalProcess("libtorrent leecher", command, dir)) {
      assertEquals(0, lt.awaitExit(Duration.ofSeconds(120)), lt.tail());
      assertTrue(TestFiles.sameContent(content, dir.resolve("lt-got/content.bin")));
      if (encryption.expectedLine == null) {
        assertTrue(lt.lineAfter("ENCRYPTED").isEmpty(), lt.tail());
      } else {
        assertTrue(lt.lineAfter(encryption.expectedLine).isPresent(), lt.tail());
      }
    }
  }

  /**
   * A libtorrent seeder that refuses encryption (an incoming MSE handshake is dropped) serves our
   * leecher: our outgoing connections are plain BitTorrent.
   */
  @Test
  void libtorrentSeederThatRefusesEncryptionToOurLeecher() throws IOException {
    assumeTrue(libtorrentAvailable(), "python3-libtorrent is not installed");
    Path content = TestFiles.random(dir.resolve("lt/content.bin"), SIZE, 44);
    int ltPort = TestFiles.freePort();
    try (ExternalProcess lt =
        new ExternalProcess(
            "libtorrent seeder",
            List.of(
                PYTHON,
                script(),
                "--encryption",
                "disabled",
                "seed",
                content.toString(),
                dir.resolve("lt.torrent").toString(),
                Integer.toString(ltPort)),
            dir)) {
      lt.awaitLine("READY", Duration.ofSeconds(30));
      InfoHash infoHash =
          ours.addMetainfo(
                  Files.readAllBytes(dir.resolve("lt.torrent")),
                  Optional.of(dir.resolve("got")),
                  List.of(new PeerAddress("127.0.0.1", ltPort)),
                  false)
              .infoHash();
      Await.until(
          Duration.ofSeconds(90),
          () -> "our download from libtorrent: " + ours.get(infoHash),
          () -> ours.get(infoHash).state() == TorrentState.SEEDING);
      assertTrue(TestFiles.sameContent(content, dir.resolve("got/content.bin")));
    }
  }

  @Test
  void ourSeederToAria2ThroughAWhitelistOpentracker() throws Exception {
    assumeTrue(
        ExternalProcess.available(ARIA2) && ExternalProcess.available(OPENTRACKER),
        "aria2 or opentracker is not installed");
    Path content = TestFiles.random(dir.resolve("share/content.bin"), SIZE, 43);
    int trackerPort = TestFiles.freePort();
    String announce = "http://127.0.0.1:" + trackerPort + "/announce";
    TorrentCreator.Created created = TorrentCreator.create(content, List.of(announce));
    InfoHash infoHash = Metainfo.parse(created.metainfo()).infoHash();
    Path torrentFile = Files.write(dir.resolve("content.torrent"), created.metainfo());
    // Run as root, opentracker gives up root for nobody, who must be able to read the whitelist.
    Path trackerDir = Files.createDirectories(dir.resolve("tracker"));
    Path whitelist = Files.writeString(trackerDir.resolve("whitelist"), infoHash.hex() + "\n");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(trackerDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(whitelist, PosixFilePermissions.fromString("rw-r--r--"));
    try (ExternalProcess tracker =
        new ExternalProcess(
            "opentracker",
            List.of(
                OPENTRACKER,
                "-i",
                "127.0.0.1",
                "-p",
                Integer.toString(trackerPort),
                "-P",
                Integer.toString(trackerPort),
                "-w",
                whitelist.toString()),
            trackerDir)) {
      Await.until(
          Duration.ofSeconds(30),
          "the tracker to answer",
          () -> scrape(trackerPort, infoHash) != null);
      ours.addMetainfo(
          created.metainfo(), Optional.of(created.downloadDirectory()), List.of(), false);
      Await.until(
          Duration.ofSeconds(60),
          "our seeder in the tracker's swarm",
          () -> String.valueOf(scrape(trackerPort, infoHash)).contains("8:completei1e"));
      try (ExternalProcess aria2 =
          new ExternalProcess(
              "aria2",
              List.of(
                  ARIA2,
                  "--dir=" + dir.resolve("aria2-got"),
                  "--seed-time=0",
                  "--enable-dht=false",
                  "--enable-dht6=false",
                  "--bt-enable-lpd=false",
                  "--enable-peer-exchange=false",
                  "--listen-port=" + TestFiles.freePort(),
                  "--console-log-level=warn",
                  "--summary-interval=0",
                  "--bt-stop-timeout=100",
                  torrentFile.toString()),
              dir)) {
        assertEquals(0, aria2.awaitExit(Duration.ofSeconds(120)), aria2.tail());
      }
      assertTrue(TestFiles.sameContent(content, dir.resolve("aria2-got/content.bin")));
    }
  }

  private static String scrape(int port, InfoHash infoHash) {
    String hash = TrackerQueries.infoHash(infoHash);
    try {
      HttpResponse<byte[]> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + port + "/scrape?info_hash=" + hash))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());
      return new String(r.body(), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static boolean libtorrentAvailable() {
    if (!ExternalProcess.available(PYTHON)) {
      return false;
    }
    try {
      return new ProcessBuilder(PYTHON, "-c", "import libtorrent").start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private String script() {
    Path target = dir.resolve("lt_peer.py");
    if (!Files.exists(target)) {
      try (InputStream in = InteropTest.class.getResourceAsStream("/interop/lt_peer.py")) {
        Files.copy(in, target);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return target.toString();
  }
}
