package io.bttspeed.tron.id;

import io.bttspeed.tron.Echo;
import io.bttspeed.tron.MalformedValueException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What the 32-byte ids share: exactly 32 bytes, parsed from 64 hex digits (either case, an optional
 * {@code 0x}), written as 64 lowercase ones. Two ids are equal only if they are of one kind: a
 * transaction and a channel with the same bytes are not the same thing.
 */
public abstract sealed class Bytes32 permits ChannelId, TxId {

  static final int LENGTH = 32;

  private final byte[] bytes;

  Bytes32(byte[] bytes, String what) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new MalformedValueException(
          "a " + what + " has 32 bytes, not " + (bytes == null ? "none" : bytes.length));
    }
    this.bytes = bytes.clone();
  }

  static byte[] parseHex(String text, String what) {
    if (text == null) {
      throw new MalformedValueException("a " + what + " is needed: 64 hex digits");
    }
    String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
    if (digits.length() != 2 * LENGTH || !digits.chars().allMatch(Bytes32::isHexDigit)) {
      throw new MalformedValueException("a " + what + " is 64 hex digits, not " + Echo.quote(text));
    }
    return HexFormat.of().parseHex(digits);
  }

  /**
   * ASCII only: {@link Character#digit} also takes other scripts' digits, which HexFormat does not.
   */
  private static boolean isHexDigit(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  public final byte[] bytes() {
    return bytes.clone();
  }

  /** 64 lowercase hex digits, without {@code 0x}: the form the API and the database use. */
  public final String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public final boolean equals(Object other) {
    return other != null
        && other.getClass() == getClass()
        && Arrays.equals(bytes, ((Bytes32) other).bytes);
  }

  @Override
  public final int hashCode() {
    return Arrays.hashCode(bytes);
  }
}
