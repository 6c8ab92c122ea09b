package io.bttspeed.contracts;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 20-byte address as the TVM sees it: a TRON address without its {@code 0x41} prefix. ABI
 * arguments, {@code msg.sender}, event topics and ecrecover all work on this form; the base58 and
 * 21-byte forms belong at the edge (Trident), and {@link #fromTron}/{@link #toTron} convert between
 * them.
 */
public final class EvmAddress {
  /** The byte every mainnet, Nile and devnet TRON address starts with. */
  public static final byte TRON_PREFIX = 0x41;

  public static final int LENGTH = 20;

  /** The zero address, which the contracts treat as "none" (an unknown channel has payer zero). */
  public static final EvmAddress ZERO = new EvmAddress(new byte[LENGTH]);

  private final byte[] bytes;

  private EvmAddress(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps 20 bytes. */
  public static EvmAddress of(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "an EVM address has 20 bytes, got " + (bytes == null ? "null" : bytes.length));
    }
    return new EvmAddress(bytes.clone());
  }

  /** Parses 40 hex digits, with or without {@code 0x}. */
  public static EvmAddress fromHex(String hex) {
    String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    if (digits.length() != 2 * LENGTH) {
      throw new IllegalArgumentException("an EVM address has 40 hex digits: " + hex);
    }
    return new EvmAddress(HexFormat.of().parseHex(digits));
  }

  /** Drops the {@code 0x41} prefix of a 21-byte TRON address. */
  public static EvmAddress fromTron(byte[] tronAddress) {
    if (tronAddress == null || tronAddress.length != LENGTH + 1 || tronAddress[0] != TRON_PREFIX) {
      throw new IllegalArgumentException("a TRON address has 21 bytes starting with 0x41");
    }
    return new EvmAddress(Arrays.copyOfRange(tronAddress, 1, LENGTH + 1));
  }

  /** The 21-byte TRON form, {@code 0x41 ‖ address}. */
  public byte[] toTron() {
    byte[] tron = new byte[LENGTH + 1];
    tron[0] = TRON_PREFIX;
    System.arraycopy(bytes, 0, tron, 1, LENGTH);
    return tron;
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  /** 40 lower-case hex digits without {@code 0x}. */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  public boolean isZero() {
    return equals(ZERO);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EvmAddress that && Arrays.equals(bytes, that.bytes);
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
