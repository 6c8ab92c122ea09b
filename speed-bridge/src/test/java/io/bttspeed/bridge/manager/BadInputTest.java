package io.bttspeed.bridge.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.bridge.testing.Bencoder;
import io.bttspeed.bridge.testing.TestFiles;
import io.bttspeed.wallet.error.AlreadyExistsException;
import io.bttspeed.wallet.error.InvalidArgumentException;
import io.bttspeed.wallet.error.WalletException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad input is refused with a clear error and changes nothing: no torrent stored, no file
 * written.
 */
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
  @TempDir static Path classDir;
  private TorrentManager manager;
  private Path dir;
  private Path downloads;

  @BeforeAll
  void open() {
    manager = ManagerFixture.open(classDir.resolve("data"));
  }

  @BeforeEach
  void freshDirectories() throws IOException {
    dir = Files.createTempDirectory(classDir, "case");
    downloads = Files.createDirectories(dir.resolve("dl"));
  }

  @AfterAll
  void close() {
    manager.close();
  }

  static Stream<Arguments> malformedTorrents() {
    byte[] deep = new byte[2 * 40 + 2];
    for (int i = 0; i < 41; i++) {
      deep[i] = 'l';
      deep[deep.length - 1 - i] = 'e';
    }
    Map<String, Object> goodInfo =
        Map.of("name", "x", "piece length", 16384, "pieces", new byte[20], "length", 5);
    return Stream.of(
        Arguments.of("empty", new byte[0], "empty"),
        Arguments.of("not bencode", "hello".getBytes(StandardCharsets.UTF_8), "not bencode"),
        Arguments.of(
            "truncated",
            Bencoder.encode(Map.of("info", goodInfo)).length > 5
                ? java.util.Arrays.copyOf(Bencoder.encode(Map.of("info", goodInfo)), 30)
                : new byte[1],
            "ends early"),
        Arguments.of("nested too deep", deep, "deeper"),
        Arguments.of("oversized", new byte[10 * 1024 * 1024 + 1], "larger"),
        Arguments.of("no info", Bencoder.encode(Map.of("announce", "x")), "info"),
        Arguments.of(
            "leading zero", "d4:infoi01ee".getBytes(StandardCharsets.US_ASCII), "non-canonical"),
        Arguments.of(
            "hashes do not match the size",
            Bencoder.encode(
                Map.of(
                    "info",
                    Map.of("name", "x", "piece length", 4, "pieces", new byte[20], "length", 5))),
            "hashes"),
        Arguments.of(
            "parent directory", Bencoder.torrentWithPath("t", List.of("..", "escape")), "leave"),
        Arguments.of(
            "absolute path element",
            Bencoder.torrentWithPath("t", List.of("/etc/passwd")),
            "separator"),
        Arguments.of(
            "separator in a name",
            Bencoder.torrentWithPath("t", List.of("a/../../b")),
            "separator"),
        Arguments.of("name is ..", Bencoder.torrentWithPath("..", List.of("f")), "leave"),
        Arguments.of("windows drive", Bencoder.torrentWithPath("t", List.of("C:evil")), "Windows"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedTorrents")
  void malformedTorrentIsRefusedAndNothingChanges(String label, byte[] torrent, String expected)
      throws IOException {
    InvalidArgumentException e =
        assertThrows(
            InvalidArgumentException.class,
            () -> manager.addMetainfo(torrent, Optional.of(downloads), List.of(), false));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertNothingChanged();
  }

  @Test
  void symbolicLinkInTheDownloadDirectoryIsNotWrittenThrough() throws IOException {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.createSymbolicLink(downloads.resolve("t"), outside);
    byte[] torrent = Bencoder.torrentWithPath("t", List.of("f"));
    InvalidArgumentException e =
        assertThrows(
            InvalidArgumentException.class,
            () -> manager.addMetainfo(torrent, Optional.of(downloads), List.of(), false));
    assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    assertTrue(manager.list().isEmpty());
    try (Stream<Path> files = Files.list(outside)) {
      assertEquals(0, files.count(), "nothing written through the link");
    }
  }

  @ParameterizedTest(name = "[{index}]")
  @MethodSource("badMagnets")
  void malformedMagnetIsRefused(String magnet) throws IOException {
    assertThrows(
        InvalidArgumentException.class,
        () -> manager.addMagnet(magnet, Optional.of(downloads), List.of(), false));
    assertNothingChanged();
  }

  static Stream<String> badMagnets() {
    return Stream.of(
        "",
        "http://example.com",
        "magnet:?dn=x",
        "magnet:?xt=urn:btih:1234",
        "magnet:?xt=urn:btih:" + "z".repeat(40),
        "magnet:?xt=urn:btih:" + "a".repeat(40) + "&x.pe=nohost",
        "magnet:?xt=urn:btih:" + "a".repeat(40) + "&xt=urn:btih:" + "b".repeat(40),
        "magnet:?xt=urn:btih:" + "a".repeat(40) + "&dn=" + "x".repeat(9000));
  }

  @Test
  void missingPathToSeedIsRefused() throws IOException {
    InvalidArgumentException e =
        assertThrows(
            InvalidArgumentException.class,
            () -> manager.seed(dir.resolve("no-such-file"), List.of(), List.of()));
    assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    assertThrows(
        InvalidArgumentException.class,
        () -> manager.seed(Path.of("relative"), List.of(), List.of()));
    assertNothingChanged();
  }

  @Test
  void relativeDownloadDirectoryIsRefused() throws IOException {
    byte[] torrent = Bencoder.torrentWithPath("t", List.of("f"));
    assertThrows(
        InvalidArgumentException.class,
        () -> manager.addMetainfo(torrent, Optional.of(Path.of("rel")), List.of(), false));
    assertNothingChanged();
  }

  @Test
  void sameInfohashTwiceIsAlreadyExistsAndKeepsTheFirst() throws IOException {
    Path content = TestFiles.random(dir.resolve("share/a.bin"), 100_000, 5);
    TorrentManager.Seeded seeded = manager.seed(content, List.of(), List.of());
    WalletException e =
        assertThrows(
            AlreadyExistsException.class,
            () -> manager.addMetainfo(seeded.metainfo(), Optional.of(downloads), List.of(), false));
    assertTrue(e.getMessage().contains(seeded.torrent().infoHash().hex()), e.getMessage());
    assertThrows(
        AlreadyExistsException.class,
        () -> manager.addMagnet(seeded.magnet(), Optional.of(downloads), List.of(), false));
    assertEquals(1, manager.list().size());
    assertEquals(content.getParent(), manager.list().get(0).downloadDirectory());
    assertNothingChangedIn(downloads);
    manager.remove(seeded.torrent().infoHash(), false);
  }

  private void assertNothingChanged() throws IOException {
    assertTrue(manager.list().isEmpty(), "no torrent stored");
    assertNothingChangedIn(downloads);
    assertFalse(Files.exists(dir.resolve("escape")));
  }

  private static void assertNothingChangedIn(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      assertEquals(List.of(), files.toList(), "nothing written to the download directory");
    }
  }
}
