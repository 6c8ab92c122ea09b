package io.bttspeed.bridge.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The strict, bounded bencode of {@code bt_speed} payloads. Decoding yields {@code Map<String,
 * Object>} (keys as ISO-8859-1, so every byte string maps to one key), {@code List<Object>}, {@code
 * byte[]} and {@code Long}. It refuses, without allocating more than the payload: trailing bytes,
 * nesting deeper than {@link #MAX_DEPTH}, containers of more than {@link #MAX_ITEMS} entries,
 * non-canonical integers or lengths, and dictionaries whose keys are not strictly ascending
 * (unsorted or duplicated keys would let two readers see two messages).
 */
final class WireBencode {
  static final int MAX_DEPTH = 4;
  static final int MAX_ITEMS = 64;

  private final byte[] in;
  private int pos;

  private WireBencode(byte[] in) {
    this.in = in;
  }

  /** The one top-level dictionary of {@code payload}. */
  static Map<String, Object> decodeDictionary(byte[] payload) throws ProtocolViolation {
    WireBencode reader = new WireBencode(payload);
    if (payload.length == 0 || payload[0] != 'd') {
      throw new ProtocolViolation("the payload is not a bencoded dictionary");
    }
    Object value = reader.value(1);
    if (reader.pos != payload.length) {
      throw new ProtocolViolation("trailing bytes after the dictionary");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) value;
    return map;
  }

  private Object value(int depth) throws ProtocolViolation {
    if (depth > MAX_DEPTH) {
      throw new ProtocolViolation("nested deeper than " + MAX_DEPTH + " levels");
    }
    byte b = peek();
    if (b == 'i') {
      pos++;
      long v = number('e', true);
      return v;
    }
    if (b == 'l') {
      pos++;
      List<Object> list = new ArrayList<>();
      while (peek() != 'e') {
        if (list.size() == MAX_ITEMS) {
          throw new ProtocolViolation("a list of more than " + MAX_ITEMS + " items");
        }
        list.add(value(depth + 1));
      }
      pos++;
      return list;
    }
    if (b == 'd') {
      pos++;
      Map<String, Object> map = new LinkedHashMap<>();
      byte[] previous = null;
      while (peek() != 'e') {
        if (map.size() == MAX_ITEMS) {
          throw new ProtocolViolation("a dictionary of more than " + MAX_ITEMS + " entries");
        }
        if (peek() < '0' || peek() > '9') {
          throw new ProtocolViolation("a dictionary key that is not a byte string");
        }
        byte[] key = string();
        if (previous != null && Arrays.compareUnsigned(previous, key) >= 0) {
          throw new ProtocolViolation("dictionary keys not in strictly ascending order");
        }
        previous = key;
        map.put(new String(key, StandardCharsets.ISO_8859_1), value(depth + 1));
      }
      pos++;
      return map;
    }
    if (b >= '0' && b <= '9') {
      return string();
    }
    throw new ProtocolViolation("not bencode at byte " + pos);
  }

  private byte[] string() throws ProtocolViolation {
    long length = number(':', false);
    if (length > in.length - pos) {
      throw new ProtocolViolation("a byte string longer than the payload");
    }
    byte[] out = Arrays.copyOfRange(in, pos, pos + (int) length);
    pos += (int) length;
    return out;
  }

  /** Canonical decimal up to {@code end}: no leading zeros, no {@code -0}, within a long. */
  private long number(char end, boolean signed) throws ProtocolViolation {
    boolean negative = false;
    if (signed && peek() == '-') {
      negative = true;
      pos++;
    }
    int start = pos;
    long value = 0;
    while (peek() != end) {
      byte d = in[pos];
      if (d < '0' || d > '9' || pos - start >= 19) {
        throw new ProtocolViolation("not a canonical bencoded number at byte " + pos);
      }
      try {
        value = Math.addExact(Math.multiplyExact(value, 10), d - '0');
      } catch (ArithmeticException e) {
        throw new ProtocolViolation("a bencoded number beyond 64 bits at byte " + start);
      }
      pos++;
    }
    int digits = pos - start;
    if (digits == 0 || (in[start] == '0' && (digits > 1 || negative))) {
      throw new ProtocolViolation("not a canonical bencoded number at byte " + start);
    }
    pos++;
    return negative ? -value : value;
  }

  private byte peek() throws ProtocolViolation {
    if (pos >= in.length) {
      throw new ProtocolViolation("the payload ends inside a value");
    }
    return in[pos];
  }

  /**
   * Canonical bencode of a tree of maps (any key order; written sorted), lists, byte arrays,
   * strings and longs.
   */
  static byte[] encode(Object value) {
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
