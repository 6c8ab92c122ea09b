package io.bttspeed.bridge.domain;

import java.util.HexFormat;
import java.util.Locale;

/**
 * A torrent's v1 infohash: the SHA-1 of its bencoded info dictionary. Canonical text form: 40
 * lowercase hex digits.
 *
 * @param hex 40 lowercase hex digits
 */
public record InfoHash(String hex) {
  public static final int BYTES = 20;

  public InfoHash {
    if (hex == null || hex.length() != 2 * BYTES || !hex.equals(hex.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("an infohash is 40 lowercase hex digits");
    }
    HexFormat.of().parseHex(hex);
  }

  /** Parses user input: 40 hex digits in either case. */
  public static InfoHash parse(String text) {
    if (text == null || text.length() != 2 * BYTES) {
      throw new IllegalArgumentException("an infohash is 40 hex digits");
    }
    try {
      return new InfoHash(HexFormat.of().formatHex(HexFormat.of().parseHex(text)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("an infohash is 40 hex digits");
    }
  }

  public static InfoHash of(byte[] bytes) {
    if (bytes.length != BYTES) {
      throw new IllegalArgumentException("an infohash is 20 bytes");
    }
    return new InfoHash(HexFormat.of().formatHex(bytes));
  }

  public byte[] bytes() {
    return HexFormat.of().parseHex(hex);
  }

  @Override
  public String toString() {
    return hex;
  }
}
