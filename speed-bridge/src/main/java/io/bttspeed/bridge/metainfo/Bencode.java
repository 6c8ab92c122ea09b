package io.bttspeed.bridge.metainfo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bounded bencode reader for hostile input: the caller bounds the size, this bounds the nesting
 * depth, accepts only canonical integers that fit a long, refuses duplicate keys and trailing
 * bytes. Values: {@code Long}, {@code byte[]}, {@code List<Object>}, {@code Map<String, Object>}
 * (keys decoded as UTF-8). The byte range of the top-level dictionary's {@code info} value is
 * remembered, for the infohash.
 */
final class Bencode {
  static final int MAX_DEPTH = 32;

  private final byte[] in;
  private int pos;
  private int infoStart = -1;
  private int infoEnd = -1;

  private Bencode(byte[] in) {
    this.in = in;
  }

  /** Decodes one value that must span all of {@code in}. */
  static Decoded decode(byte[] in) {
    Bencode reader = new Bencode(in);
    Object value = reader.value(0);
    if (reader.pos != in.length) {
      throw new MetainfoException("trailing bytes after the bencoded value");
    }
    return new Decoded(value, reader.infoStart, reader.infoEnd);
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw new MetainfoException("bencode nested deeper than " + MAX_DEPTH);
    }
    byte b = peek();
    if (b == 'i') {
      pos++;
      long v = integer('e');
      return v;
    }
    if (b == 'l') {
      pos++;
      List<Object> list = new ArrayList<>();
      while (peek() != 'e') {
        list.add(value(depth + 1));
      }
      pos++;
      return list;
    }
    if (b == 'd') {
      pos++;
      Map<String, Object> map = new LinkedHashMap<>();
      while (peek() != 'e') {
        String key = new String(string(), StandardCharsets.UTF_8);
        int start = pos;
        Object v = value(depth + 1);
        if (map.put(key, v) != null) {
          throw new MetainfoException("duplicate key in a bencoded dictionary: " + printable(key));
        }
        if (depth == 0 && key.equals("info")) {
          infoStart = start;
          infoEnd = pos;
        }
      }
      pos++;
      return map;
    }
    if (b >= '0' && b <= '9') {
      return string();
    }
    throw new MetainfoException("not bencode at byte " + pos);
  }

  private byte[] string() {
    long length = integer(':');
    if (length < 0 || length > in.length - pos) {
      throw new MetainfoException("a bencoded string runs past the end");
    }
    byte[] s = new byte[(int) length];
    System.arraycopy(in, pos, s, 0, s.length);
    pos += s.length;
    return s;
  }

  /** A canonical decimal up to {@code end}: no leading zeros, no "-0", within a long. */
  private long integer(char end) {
    int start = pos;
    boolean negative = peek() == '-';
    if (negative) {
      pos++;
    }
    int digitsStart = pos;
    long value = 0;
    while (peek() != end) {
      byte d = in[pos];
      if (d < '0' || d > '9' || pos - digitsStart >= 20) {
        throw new MetainfoException("bad bencoded integer at byte " + start);
      }
      try {
        value = Math.addExact(Math.multiplyExact(value, 10), d - '0');
      } catch (ArithmeticException e) {
        throw new MetainfoException("bencoded integer out of range at byte " + start);
      }
      pos++;
    }
    int digits = pos - digitsStart;
    pos++;
    if (digits == 0 || (digits > 1 && in[digitsStart] == '0') || (negative && value == 0)) {
      throw new MetainfoException("non-canonical bencoded integer at byte " + start);
    }
    return negative ? -value : value;
  }

  private byte peek() {
    if (pos >= in.length) {
      throw new MetainfoException("bencode ends early");
    }
    return in[pos];
  }

  static String printable(String s) {
    String cut = s.length() > 64 ? s.substring(0, 64) + "…" : s;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }

  /**
   * A decoded value and where the top-level {@code info} value lies, {@code [infoStart, infoEnd)},
   * -1 if none.
   */
  record Decoded(Object value, int infoStart, int infoEnd) {}
}
