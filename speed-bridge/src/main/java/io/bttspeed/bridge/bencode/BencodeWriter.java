package io.bttspeed.bridge.bencode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Canonical bencode out: integers without leading zeros, dictionary keys in ascending order. */
public final class BencodeWriter {
  private BencodeWriter() {}

  /**
   * Canonical bencode of a tree of maps (any key order; written sorted), lists, byte arrays,
   * strings and longs.
   */
  public static byte[] encode(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, value);
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, Object value) {
    if (value instanceof Long || value instanceof Integer) {
      out.writeBytes(("i" + value + "e").getBytes(StandardCharsets.US_ASCII));
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
      Map<byte[], Object> sorted = new TreeMap<>(Arrays::compareUnsigned);
      map.forEach((k, v) -> sorted.put(((String) k).getBytes(StandardCharsets.UTF_8), v));
      out.write('d');
      sorted.forEach(
          (k, v) -> {
            write(out, k);
            write(out, v);
          });
      out.write('e');
    } else {
      throw new IllegalArgumentException("cannot bencode " + value.getClass());
    }
  }
}
