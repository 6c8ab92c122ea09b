package io.bttspeed.bridge.wallet;

import java.util.Arrays;
import java.util.HexFormat;

/** A payment channel's id: the 32 bytes the hub derives (keccak of payer, payee, token and the payer's nonce). */
public final class ChannelId {
  public static final int LENGTH = 32;
  private final byte[] bytes;

  private ChannelId(byte[] bytes) {
    this.bytes = bytes;
  }

  /** From the 32 raw bytes of the wire format. */
  public static ChannelId ofBytes(byte[] raw) {
    if (raw == null || raw.length != LENGTH) {
      throw new IllegalArgumentException("a channel id is exactly 32 bytes");
    }
    return new ChannelId(raw.clone());
  }

  /** From the 64 lower-case hex digits of the wallet's API. */
  public static ChannelId parseHex(String hex) {
    if (hex == null || hex.length() != 2 * LENGTH || !hex.matches("[0-9a-f]+")) {
      throw new IllegalArgumentException("a channel id is 64 lower-case hex digits");
    }
    return new ChannelId(HexFormat.of().parseHex(hex));
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChannelId other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
