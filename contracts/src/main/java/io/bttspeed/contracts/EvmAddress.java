package io.bttspeed.contracts;

import io.bttspeed.tron.address.TronAddress;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 20-byte address as the TVM sees it: a TRON address without its {@code 0x41} prefix. ABI
 * arguments, {@code msg.sender}, event topics and ecrecover all work on this form; the base58 and
 * 21-byte forms are tron-core's {@link TronAddress}, and {@link #fromTron}/{@link #toTron} convert
 * through it.
 */
public final class EvmAddress {
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
    return fromTron(TronAddress.of(tronAddress));
  }

  public static EvmAddress fromTron(TronAddress address) {
    return new EvmAddress(address.evm());
  }

  /** The 21-byte TRON form, {@code 0x41 ‖ address}. */
  public byte[] toTron() {
    return toTronAddress().toByteArray();
  }

  public TronAddress toTronAddress() {
    return TronAddress.fromEvm(bytes);
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
