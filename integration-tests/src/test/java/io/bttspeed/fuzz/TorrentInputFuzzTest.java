package io.bttspeed.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bttspeed.bridge.metainfo.MagnetLink;
import io.bttspeed.bridge.metainfo.Metainfo;
import io.bttspeed.bridge.metainfo.MetainfoException;
import io.bttspeed.bridge.torrent.TorrentCreator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The .torrent and magnet parsers under hostile input: whatever the bytes, the answer is a {@link
 * Metainfo} or a {@link MetainfoException} (the documented refusal), never another exception, a
 * hang or an unbounded allocation. Mutations start from real .torrents made by our own creator, so
 * they reach deep into the format; a failing try prints its seed, and {@code
 * -Djqwik.seeds.whenfixed=...} or the printed {@code @Property(seed=...)} replays it.
 */
class TorrentInputFuzzTest {
  private static Path dir;
  private static List<byte[]> torrents;
  private static List<String> magnets;

  @BeforeContainer
  static void makeRealTorrents() throws IOException {
    dir = Files.createTempDirectory("fuzz-torrents");
    torrents = new ArrayList<>();
    magnets = new ArrayList<>();
    Random random = new Random(1);
    for (int n = 0; n < 3; n++) {
      Path root = dir.resolve("content" + n);
      for (int f = 0; f <= n; f++) {
        byte[] data = new byte[20_000 * (f + 1)];
        random.nextBytes(data);
        Files.createDirectories(root.resolve("sub"));
        Files.write(root.resolve(f == 0 ? "a.bin" : "sub/f" + f + ".bin"), data);
      }
      byte[] metainfo =
          TorrentCreator.create(
                  n == 0 ? root.resolve("a.bin") : root, List.of("http://127.0.0.1:1/announce"))
              .metainfo();
      torrents.add(metainfo);
      magnets.add(Metainfo.parse(metainfo).magnet());
    }
  }

  @AfterContainer
  static void removeThem() throws IOException {
    try (var paths = Files.walk(dir)) {
      paths
          .sorted((a, b) -> b.getNameCount() - a.getNameCount())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }

  @Property
  void arbitraryBytesAreATorrentOrARefusal(@ForAll @Size(max = 2048) byte[] bytes) {
    parseOrRefuse(bytes);
  }

  @Property
  void mutatedRealTorrentsAreATorrentOrARefusal(
      @ForAll @IntRange(min = 0, max = 2) int which,
      @ForAll("mutations") List<Mutation> mutations) {
    byte[] bytes = torrents.get(which).clone();
    for (Mutation m : mutations) {
      bytes = m.apply(bytes);
    }
    parseOrRefuse(bytes);
  }

  @Property
  void mutatedMagnetsAreALinkOrARefusal(
      @ForAll @IntRange(min = 0, max = 2) int which,
      @ForAll("mutations") List<Mutation> mutations) {
    byte[] bytes = magnets.get(which).getBytes(StandardCharsets.UTF_8);
    for (Mutation m : mutations) {
      bytes = m.apply(bytes);
    }
    magnetOrRefuse(new String(bytes, StandardCharsets.UTF_8));
  }

  @Property
  void arbitraryTextAfterTheMagnetPrefixIsALinkOrARefusal(@ForAll @Size(max = 600) String rest) {
    magnetOrRefuse("magnet:?" + rest);
  }

  @Property
  void realTorrentsParseToTheSameBytesAndMagnet(@ForAll @IntRange(min = 0, max = 2) int which) {
    Metainfo metainfo = Metainfo.parse(torrents.get(which));
    assertArrayEquals(torrents.get(which), metainfo.bytes());
    assertEquals(metainfo.infoHash(), MagnetLink.parse(metainfo.magnet()).infoHash());
  }

  @Example
  void deepNestingIsRefusedWithoutExhaustingTheStack() {
    int depth = 1_000_000;
    byte[] bytes = ("l".repeat(depth) + "e".repeat(depth)).getBytes(StandardCharsets.US_ASCII);
    assertThrows(MetainfoException.class, () -> Metainfo.parse(bytes));
  }

  @Example
  void aHugeDeclaredStringLengthIsRefusedWithoutAllocatingIt() {
    byte[] bytes = "d4:infod6:pieces2000000000:abce".getBytes(StandardCharsets.US_ASCII);
    assertThrows(MetainfoException.class, () -> Metainfo.parse(bytes));
    byte[] overflow =
        "d4:infod6:pieces99999999999999999999999:abce".getBytes(StandardCharsets.US_ASCII);
    assertThrows(MetainfoException.class, () -> Metainfo.parse(overflow));
  }

  @Example
  void anOversizedTorrentOrMagnetIsRefusedBeforeParsing() {
    assertThrows(MetainfoException.class, () -> Metainfo.parse(new byte[Metainfo.MAX_BYTES + 1]));
    assertThrows(
        MetainfoException.class,
        () -> MagnetLink.parse("magnet:?xt=" + "a".repeat(MagnetLink.MAX_CHARS)));
  }

  private static void parseOrRefuse(byte[] bytes) {
    try {
      Metainfo.parse(bytes);
    } catch (MetainfoException expected) {
      // the documented refusal
    }
  }

  private static void magnetOrRefuse(String text) {
    try {
      MagnetLink.parse(text);
    } catch (MetainfoException expected) {
      // the documented refusal
    }
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    Arbitrary<Mutation> one =
        Arbitraries.oneOf(
            Arbitraries.integers()
                .between(0, Integer.MAX_VALUE)
                .flatMap(at -> Arbitraries.bytes().map(b -> (Mutation) in -> set(in, at, b))),
            Arbitraries.integers()
                .between(0, Integer.MAX_VALUE)
                .map(at -> (Mutation) in -> truncate(in, at)),
            Arbitraries.integers()
                .between(0, Integer.MAX_VALUE)
                .flatMap(
                    at ->
                        Arbitraries.of(
                                "i-0e",
                                "i00e",
                                "d",
                                "l",
                                "e",
                                "0:",
                                "99999999999:",
                                "i9223372036854775808e",
                                "4:name",
                                "%",
                                "%zz",
                                "&xt=urn:btih:",
                                "&tr=",
                                "/../",
                                "..")
                            .map(text -> (Mutation) in -> insert(in, at, text))));
    return one.list().ofMinSize(1).ofMaxSize(4);
  }

  /** One change to the bytes of a valid input. */
  @FunctionalInterface
  interface Mutation {
    byte[] apply(byte[] in);
  }

  private static byte[] set(byte[] in, int at, byte b) {
    if (in.length == 0) {
      return in;
    }
    byte[] out = in.clone();
    out[at % in.length] = b;
    return out;
  }

  private static byte[] truncate(byte[] in, int at) {
    return in.length == 0 ? in : Arrays.copyOf(in, at % in.length);
  }

  private static byte[] insert(byte[] in, int at, String text) {
    byte[] add = text.getBytes(StandardCharsets.US_ASCII);
    int pos = in.length == 0 ? 0 : at % (in.length + 1);
    byte[] out = new byte[in.length + add.length];
    System.arraycopy(in, 0, out, 0, pos);
    System.arraycopy(add, 0, out, pos, add.length);
    System.arraycopy(in, pos, out, pos + add.length, in.length - pos);
    return out;
  }
}
