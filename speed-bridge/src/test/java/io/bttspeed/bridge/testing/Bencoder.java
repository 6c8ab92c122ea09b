package io.bttspeed.bridge.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes bencode, to craft .torrent files (hostile ones included) in tests. */
public final class Bencoder {
  private Bencoder() {}

  public static byte[] encode(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, value);
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, Object value) {
    if (value instanceof Number n) {
      out.writeBytes(("i" + n.longValue() + "e").getBytes(StandardCharsets.US_ASCII));
    } else if (value instanceof String s) {
      write(out, s.getBytes(StandardCharsets.UTF_8));
    } else if (value instanceof byte[] b) {
      out.writeBytes((b.length + ":").getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(b);
    } else if (value instanceof List<?> list) {
      out.write('l');
      list.forEach(v -> write(out, v));
      out.write('e');
    } else if (value instanceof Map<?, ?> map) {
      out.write('d');
      new TreeMap<>(map)
          .forEach(
              (k, v) -> {
                write(out, k);
                write(out, v);
              });
      out.write('e');
    } else {
      throw new IllegalArgumentException("cannot bencode " + value);
    }
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
