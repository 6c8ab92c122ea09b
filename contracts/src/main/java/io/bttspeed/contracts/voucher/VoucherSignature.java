package io.bttspeed.contracts.voucher;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A voucher signature in the form the contracts accept: 65 bytes r ‖ s ‖ v, v normalised to 27/28,
 * s in the lower half of the curve order (the contracts reject the malleable high-s twin, so a
 * wallet must never produce or store one).
 */
public final class VoucherSignature {
  public static final int LENGTH = 65;

  /** secp256k1's group order n; s must be at most n / 2. */
  private static final BigInteger CURVE_ORDER =
      new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

  private static final BigInteger HALF_CURVE_ORDER = CURVE_ORDER.shiftRight(1);

  private final byte[] bytes;

  private VoucherSignature(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Validates and normalises 65 bytes r ‖ s ‖ v; v may be 0/1 or 27/28.
   *
   * @throws IllegalArgumentException for the wrong length, another v, r or s out of range, or a
   *     high s
   */
  public static VoucherSignature of(byte[] signature) {
    if (signature == null || signature.length != LENGTH) {
      throw new IllegalArgumentException("a voucher signature has 65 bytes r ‖ s ‖ v");
    }
    byte[] normalised = signature.clone();
    int v = normalised[64] & 0xff;
    if (v == 0 || v == 1) {
      v += 27;
    }
    if (v != 27 && v != 28) {
      throw new IllegalArgumentException("signature v must be 0, 1, 27 or 28, got " + v);
    }
    normalised[64] = (byte) v;
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(normalised, 0, 32));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(normalised, 32, 64));
    if (r.signum() == 0 || r.compareTo(CURVE_ORDER) >= 0 || s.signum() == 0) {
      throw new IllegalArgumentException("signature r or s out of range");
    }
    if (s.compareTo(HALF_CURVE_ORDER) > 0) {
      throw new IllegalArgumentException("signature s is in the upper half of the curve order");
    }
    return new VoucherSignature(normalised);
  }

  /** Assembles r, s (each at most 32 bytes, unsigned big-endian) and v. */
  public static VoucherSignature of(BigInteger r, BigInteger s, int v) {
    byte[] bytes = new byte[LENGTH];
    putWord(r, bytes, 0);
    putWord(s, bytes, 32);
    bytes[64] = (byte) v;
    return of(bytes);
  }

  private static void putWord(BigInteger value, byte[] target, int offset) {
    if (value.signum() < 0 || value.bitLength() > 256) {
      throw new IllegalArgumentException("not a 32-byte unsigned value");
    }
    byte[] raw = value.toByteArray();
    int length = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - length, target, offset + 32 - length, length);
  }

  /** The 65 bytes as the contracts' settle/close take them. */
  public byte[] bytes() {
    return bytes.clone();
  }

  public BigInteger r() {
    return new BigInteger(1, Arrays.copyOfRange(bytes, 0, 32));
  }

  public BigInteger s() {
    return new BigInteger(1, Arrays.copyOfRange(bytes, 32, 64));
  }

  /** 27 or 28. */
  public int v() {
    return bytes[64];
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof VoucherSignature that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "VoucherSignature[" + hex() + "]";
  }
}
