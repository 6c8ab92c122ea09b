package io.bttspeed.bridge.bencode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one bencode reader for hostile input (.torrent files, magnet metadata and {@code bt_speed}
 * payloads). The caller bounds the input's size; the {@link BencodeRules} bound nesting and
 * container sizes, so memory stays within a small multiple of the input. Values: {@code Long},
 * {@code byte[]}, {@code List<Object>} and {@code Map<String, Object>} with keys decoded as
 * ISO-8859-1, so that every byte string is exactly one key.
 */
public final class BencodeReader {
  private final byte[] in;
  private final BencodeRules rules;
  private final Map<String, Span> topLevelSpans = new HashMap<>();
  private int pos;

  private BencodeReader(byte[] in, BencodeRules rules) {
    this.in = in;
    this.rules = rules;
  }

  /** Where a value lies in the input: {@code [start, end)}. */
  public record Span(int start, int end) {}

  /**
   * One decoded value, and where each value of the top-level dictionary lies in the input (the
   * infohash is the SHA-1 of the {@code info} value's exact bytes).
   */
  public record Decoded(Object value, Map<String, Span> topLevelSpans) {}

  /** Decodes the one value that must span all of {@code in}. */
  public static Decoded decode(byte[] in, BencodeRules rules) throws BencodeException {
    BencodeReader reader = new BencodeReader(in, rules);
    Object value = reader.value(0);
    if (reader.pos != in.length) {
      throw new BencodeException("trailing bytes after the bencoded value");
    }
    return new Decoded(value, Map.copyOf(reader.topLevelSpans));
  }

  /** Decodes {@code in}, which must be one dictionary. */
  public static Map<String, Object> decodeDictionary(byte[] in, BencodeRules rules)
      throws BencodeException {
    if (in.length == 0 || in[0] != 'd') {
      throw new BencodeException("not a bencoded dictionary");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) decode(in, rules).value();
    return map;
  }

  private Object value(int depth) throws BencodeException {
    byte b = peek();
    if (b == 'i') {
      pos++;
      return number('e', true);
    }
    if (b >= '0' && b <= '9') {
      return string();
    }
    if (b != 'l' && b != 'd') {
      throw new BencodeException("not bencode at byte " + pos);
    }
    if (depth >= rules.maxDepth()) {
      throw new BencodeException("nested deeper than " + rules.maxDepth() + " levels");
    }
    pos++;
    return b == 'l' ? list(depth) : dictionary(depth);
  }

  private List<Object> list(int depth) throws BencodeException {
    List<Object> list = new ArrayList<>();
    while (peek() != 'e') {
      if (list.size() == rules.maxItems()) {
        throw new BencodeException("a list of more than " + rules.maxItems() + " items");
      }
      list.add(value(depth + 1));
    }
    pos++;
    return list;
  }

  private Map<String, Object> dictionary(int depth) throws BencodeException {
    Map<String, Object> map = new LinkedHashMap<>();
    byte[] previous = null;
    while (peek() != 'e') {
      if (map.size() == rules.maxItems()) {
        throw new BencodeException("a dictionary of more than " + rules.maxItems() + " entries");
      }
      if (peek() < '0' || peek() > '9') {
        throw new BencodeException("a dictionary key that is not a byte string at byte " + pos);
      }
      byte[] keyBytes = string();
      if (rules.sortedKeys()
          && previous != null
          && Arrays.compareUnsigned(previous, keyBytes) >= 0) {
        throw new BencodeException("dictionary keys not in strictly ascending order");
      }
      previous = keyBytes;
      String key = new String(keyBytes, StandardCharsets.ISO_8859_1);
      int start = pos;
      Object value = value(depth + 1);
      if (map.put(key, value) != null) {
        throw new BencodeException("duplicate key in a dictionary: " + printable(key));
      }
      if (depth == 0) {
        topLevelSpans.put(key, new Span(start, pos));
      }
    }
    pos++;
    return map;
  }

  private byte[] string() throws BencodeException {
    long length = number(':', false);
    if (length > in.length - pos) {
      throw new BencodeException("a byte string runs past the end");
    }
    byte[] out = Arrays.copyOfRange(in, pos, pos + (int) length);
    pos += (int) length;
    return out;
  }

  /** A canonical decimal up to {@code end}: no leading zeros, no {@code -0}, within a long. */
  private long number(char end, boolean signed) throws BencodeException {
    int at = pos;
    boolean negative = signed && peek() == '-';
    if (negative) {
      pos++;
    }
    int start = pos;
    long value = 0;
    while (peek() != end) {
      byte d = in[pos];
      if (d < '0' || d > '9' || pos - start >= 19) {
        throw new BencodeException("a non-canonical bencoded number at byte " + at);
      }
      try {
        value = Math.addExact(Math.multiplyExact(value, 10), d - '0');
      } catch (ArithmeticException e) {
        throw new BencodeException("a bencoded number beyond 64 bits at byte " + at);
      }
      pos++;
    }
    int digits = pos - start;
    if (digits == 0 || (in[start] == '0' && (digits > 1 || negative))) {
      throw new BencodeException("a non-canonical bencoded number at byte " + at);
    }
    pos++;
    return negative ? -value : value;
  }

  private byte peek() throws BencodeException {
    if (pos >= in.length) {
      throw new BencodeException("the bencode ends early, inside a value");
    }
    return in[pos];
  }

  /** A key or value fit for an error message: at most 64 characters, control characters as ?. */
  public static String printable(String s) {
    String cut = s.length() > 64 ? s.substring(0, 64) + "…" : s;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
