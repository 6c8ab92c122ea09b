package io.bttspeed.contracts.channel;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A channel's id: keccak256 of the ABI encoding of (payer, payee, token, per-payer nonce), as the
 * contract computes it in {@code open}. The bindings can derive it before the open transaction is
 * confirmed.
 */
public final class ChannelId {
  public static final int LENGTH = 32;

  private final byte[] bytes;

  private ChannelId(byte[] bytes) {
    this.bytes = bytes;
  }

  public static ChannelId of(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new IllegalArgumentException("a channel id has 32 bytes");
    }
    return new ChannelId(bytes.clone());
  }

  /** Parses 64 hex digits, with or without {@code 0x}. */
  public static ChannelId fromHex(String hex) {
    String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    if (digits.length() != 2 * LENGTH) {
      throw new IllegalArgumentException("a channel id has 64 hex digits: " + hex);
    }
    return new ChannelId(HexFormat.of().parseHex(digits));
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ChannelId that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "0x" + hex();
  }
}
