package io.bttspeed.devnet.tvm.word;

import java.math.BigInteger;
import java.util.HexFormat;

/**
 * An immutable 256-bit word: storage keys and values, log topics, the chain id and transaction ids.
 * Held as four longs so that equality and hashing (storage maps) cost no allocation.
 */
public final class Word implements Comparable<Word> {

  public static final Word ZERO = new Word(0, 0, 0, 0);
  public static final int BYTES = 32;

  /** Limbs, least significant first. */
  private final long w0;

  private final long w1;
  private final long w2;
  private final long w3;

  private Word(long w0, long w1, long w2, long w3) {
    this.w0 = w0;
    this.w1 = w1;
    this.w2 = w2;
    this.w3 = w3;
  }

  public static Word of(long w0, long w1, long w2, long w3) {
    if ((w0 | w1 | w2 | w3) == 0) {
      return ZERO;
    }
    return new Word(w0, w1, w2, w3);
  }

  /** An unsigned value; negative input is a programming error. */
  public static Word of(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("negative word value " + value);
    }
    return of(value, 0, 0, 0);
  }

  public static Word of(BigInteger value) {
    if (value.signum() < 0 || value.bitLength() > 256) {
      throw new IllegalArgumentException("value out of 256-bit range: " + value);
    }
    long[] limbs = new long[4];
    UInt256.fromBigInteger(limbs, 0, value);
    return of(limbs[0], limbs[1], limbs[2], limbs[3]);
  }

  /** Big-endian bytes, at most 32; shorter input is left-padded with zeros. */
  public static Word fromBytes(byte[] bytes) {
    return fromBytes(bytes, 0, bytes.length);
  }

  public static Word fromBytes(byte[] bytes, int offset, int length) {
    if (length > BYTES) {
      throw new IllegalArgumentException("more than 32 bytes: " + length);
    }
    byte[] padded = new byte[BYTES];
    System.arraycopy(bytes, offset, padded, BYTES - length, length);
    long[] limbs = new long[4];
    UInt256.load(limbs, 0, padded, 0);
    return of(limbs[0], limbs[1], limbs[2], limbs[3]);
  }

  public static Word fromHex(String hex) {
    String digits = hex.startsWith("0x") ? hex.substring(2) : hex;
    if (digits.isEmpty()) {
      return ZERO;
    }
    return of(new BigInteger(digits, 16));
  }

  /** Reads the word at limb offset {@code offset} of a limb array (the stack's layout). */
  public static Word read(long[] limbs, int offset) {
    return of(limbs[offset], limbs[offset + 1], limbs[offset + 2], limbs[offset + 3]);
  }

  /** Writes this word at limb offset {@code offset} of a limb array. */
  public void write(long[] limbs, int offset) {
    limbs[offset] = w0;
    limbs[offset + 1] = w1;
    limbs[offset + 2] = w2;
    limbs[offset + 3] = w3;
  }

  public boolean isZero() {
    return (w0 | w1 | w2 | w3) == 0;
  }

  public byte[] toBytes() {
    byte[] out = new byte[BYTES];
    long[] limbs = {w0, w1, w2, w3};
    UInt256.store(limbs, 0, out, 0);
    return out;
  }

  public BigInteger toBigInteger() {
    return new BigInteger(1, toBytes());
  }

  /** The value if it fits a non-negative long. */
  public long longValueExact() {
    if (w1 != 0 || w2 != 0 || w3 != 0 || w0 < 0) {
      throw new ArithmeticException("word does not fit a long: " + this);
    }
    return w0;
  }

  @Override
  public int compareTo(Word other) {
    int c = Long.compareUnsigned(w3, other.w3);
    if (c == 0) {
      c = Long.compareUnsigned(w2, other.w2);
    }
    if (c == 0) {
      c = Long.compareUnsigned(w1, other.w1);
    }
    if (c == 0) {
      c = Long.compareUnsigned(w0, other.w0);
    }
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Word w && w.w0 == w0 && w.w1 == w1 && w.w2 == w2 && w.w3 == w3;
  }

  @Override
  public int hashCode() {
    long h = w0 * 31 + w1;
    h = h * 31 + w2;
    h = h * 31 + w3;
    return Long.hashCode(h ^ (h >>> 29));
  }

  @Override
  public String toString() {
    return "0x" + HexFormat.of().formatHex(toBytes());
  }
}
