package io.bttspeed.bridge.testing;

import io.bttspeed.bridge.bencode.BencodeWriter;
import java.util.List;
import java.util.Map;

/** Writes bencode, to craft .torrent files (hostile ones included) in tests. */
public final class Bencoder {
  private Bencoder() {}

  /** Canonical bencode, through the project's one writer; numbers are written as longs. */
  public static byte[] encode(Object value) {
    return BencodeWriter.encode(value);
  }

  /**
   * A multi-file .torrent named {@code name} whose one file has the path {@code path} (5 bytes, one
   * piece).
   */
  public static byte[] torrentWithPath(String name, List<String> path) {
    Map<String, Object> file = Map.of("length", 5, "path", path);
    Map<String, Object> info =
        Map.of(
            "name",
            name,
            "piece length",
            16384,
            "pieces",
            new byte[20],
            "files",
            List.of(file, Map.of("length", 1, "path", List.of("other"))));
    return encode(Map.of("info", info));
  }
}
