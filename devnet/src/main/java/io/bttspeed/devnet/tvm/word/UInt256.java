package io.bttspeed.devnet.tvm.word;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;

/**
 * 256-bit two's-complement arithmetic in place on limb arrays: a word is four longs at an offset,
 * least significant first. The stack stores its words this way, so operations run without
 * allocating. Binary operations read the first operand at {@code a} and the second at {@code b} and
 * leave the result at {@code b} (the slot that becomes the top of the stack after the pop).
 */
public final class UInt256 {

  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

  private UInt256() {}

  /** Reads 32 big-endian bytes at {@code byteOffset} into the word at {@code o}. */
  public static void load(long[] s, int o, byte[] bytes, int byteOffset) {
    s[o + 3] = (long) LONG_BE.get(bytes, byteOffset);
    s[o + 2] = (long) LONG_BE.get(bytes, byteOffset + 8);
    s[o + 1] = (long) LONG_BE.get(bytes, byteOffset + 16);
    s[o] = (long) LONG_BE.get(bytes, byteOffset + 24);
  }

  /** Writes the word at {@code o} as 32 big-endian bytes at {@code byteOffset}. */
  public static void store(long[] s, int o, byte[] bytes, int byteOffset) {
    LONG_BE.set(bytes, byteOffset, s[o + 3]);
    LONG_BE.set(bytes, byteOffset + 8, s[o + 2]);
    LONG_BE.set(bytes, byteOffset + 16, s[o + 1]);
    LONG_BE.set(bytes, byteOffset + 24, s[o]);
  }

  public static void set(long[] s, int o, long value) {
    s[o] = value;
    s[o + 1] = 0;
    s[o + 2] = 0;
    s[o + 3] = 0;
  }

  public static boolean isZero(long[] s, int o) {
    return (s[o] | s[o + 1] | s[o + 2] | s[o + 3]) == 0;
  }

  /**
   * The value as a non-negative long, or {@link Long#MAX_VALUE} when it does not fit (sizes and
   * offsets).
   */
  public static long clampedLong(long[] s, int o) {
    if ((s[o + 1] | s[o + 2] | s[o + 3]) != 0 || s[o] < 0) {
      return Long.MAX_VALUE;
    }
    return s[o];
  }

  public static void add(long[] s, int a, int b) {
    long carry = 0;
    for (int i = 0; i < 4; i++) {
      long x = s[a + i];
      long t = x + s[b + i];
      long c = Long.compareUnsigned(t, x) < 0 ? 1 : 0;
      long r = t + carry;
      if (Long.compareUnsigned(r, t) < 0) {
        c = 1;
      }
      s[b + i] = r;
      carry = c;
    }
  }

  /** {@code b = a - b}. */
  public static void sub(long[] s, int a, int b) {
    long borrow = 0;
    for (int i = 0; i < 4; i++) {
      long x = s[a + i];
      long y = s[b + i];
      long t = x - y;
      long bo = Long.compareUnsigned(x, y) < 0 ? 1 : 0;
      long r = t - borrow;
      if (Long.compareUnsigned(t, borrow) < 0) {
        bo = 1;
      }
      s[b + i] = r;
      borrow = bo;
    }
  }

  public static void mul(long[] s, int a, int b) {
    long[] r = new long[4];
    mulInto(s, a, s, b, r);
    System.arraycopy(r, 0, s, b, 4);
  }

  /** {@code r = x * y} modulo 2^256; {@code r} must not alias the inputs. */
  static void mulInto(long[] x, int xo, long[] y, int yo, long[] r) {
    r[0] = 0;
    r[1] = 0;
    r[2] = 0;
    r[3] = 0;
    for (int i = 0; i < 4; i++) {
      long xi = x[xo + i];
      if (xi == 0) {
        continue;
      }
      long carry = 0;
      for (int j = 0; i + j < 4; j++) {
        long yj = y[yo + j];
        long lo = xi * yj;
        long hi = unsignedMultiplyHigh(xi, yj);
        long t = r[i + j] + lo;
        if (Long.compareUnsigned(t, lo) < 0) {
          hi++;
        }
        long u = t + carry;
        if (Long.compareUnsigned(u, carry) < 0) {
          hi++;
        }
        r[i + j] = u;
        carry = hi;
      }
    }
  }

  private static long unsignedMultiplyHigh(long x, long y) {
    return Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
  }

  private static boolean fitsOneLimb(long[] s, int o) {
    return (s[o + 1] | s[o + 2] | s[o + 3]) == 0;
  }

  /** {@code b = a / b}, zero when dividing by zero. */
  public static void div(long[] s, int a, int b) {
    if (isZero(s, b)) {
      return;
    }
    if (fitsOneLimb(s, a) && fitsOneLimb(s, b)) {
      s[b] = Long.divideUnsigned(s[a], s[b]);
      return;
    }
    fromBigInteger(s, b, toBigInteger(s, a).divide(toBigInteger(s, b)));
  }

  /** {@code b = a mod b}, zero when the modulus is zero. */
  public static void mod(long[] s, int a, int b) {
    if (isZero(s, b)) {
      return;
    }
    if (fitsOneLimb(s, a) && fitsOneLimb(s, b)) {
      s[b] = Long.remainderUnsigned(s[a], s[b]);
      return;
    }
    fromBigInteger(s, b, toBigInteger(s, a).mod(toBigInteger(s, b)));
  }

  public static void sdiv(long[] s, int a, int b) {
    if (isZero(s, b)) {
      return;
    }
    fromBigInteger(s, b, toSignedBigInteger(s, a).divide(toSignedBigInteger(s, b)));
  }

  public static void smod(long[] s, int a, int b) {
    if (isZero(s, b)) {
      return;
    }
    fromBigInteger(s, b, toSignedBigInteger(s, a).remainder(toSignedBigInteger(s, b)));
  }

  /** {@code c = (a + b) mod c}; the operands are at a, b, c and the result goes to c. */
  public static void addmod(long[] s, int a, int b, int c) {
    if (isZero(s, c)) {
      return;
    }
    BigInteger m = toBigInteger(s, c);
    fromBigInteger(s, c, toBigInteger(s, a).add(toBigInteger(s, b)).mod(m));
  }

  public static void mulmod(long[] s, int a, int b, int c) {
    if (isZero(s, c)) {
      return;
    }
    BigInteger m = toBigInteger(s, c);
    fromBigInteger(s, c, toBigInteger(s, a).multiply(toBigInteger(s, b)).mod(m));
  }

  /** {@code b = a ** b} modulo 2^256 by square-and-multiply. */
  public static void exp(long[] s, int a, int b) {
    long[] result = {1, 0, 0, 0};
    long[] base = {s[a], s[a + 1], s[a + 2], s[a + 3]};
    long[] exponent = {s[b], s[b + 1], s[b + 2], s[b + 3]};
    long[] scratch = new long[4];
    int bits = bitLength(exponent, 0);
    for (int i = 0; i < bits; i++) {
      if ((exponent[i >>> 6] >>> (i & 63) & 1) != 0) {
        mulInto(result, 0, base, 0, scratch);
        System.arraycopy(scratch, 0, result, 0, 4);
      }
      if (i + 1 < bits) {
        mulInto(base, 0, base, 0, scratch);
        System.arraycopy(scratch, 0, base, 0, 4);
      }
    }
    System.arraycopy(result, 0, s, b, 4);
  }

  public static int bitLength(long[] s, int o) {
    for (int i = 3; i >= 0; i--) {
      if (s[o + i] != 0) {
        return i * 64 + 64 - Long.numberOfLeadingZeros(s[o + i]);
      }
    }
    return 0;
  }

  /** Number of significant bytes (EXP's per-byte cost). */
  public static int byteLength(long[] s, int o) {
    return (bitLength(s, o) + 7) / 8;
  }

  /**
   * SIGNEXTEND: extends the sign of byte {@code a} (from the least significant end) of the word at
   * b.
   */
  public static void signExtend(long[] s, int a, int b) {
    if (!fitsOneLimb(s, a) || Long.compareUnsigned(s[a], 31) >= 0) {
      return;
    }
    int bit = (int) s[a] * 8 + 7;
    int limb = bit >>> 6;
    int inLimb = bit & 63;
    boolean negative = (s[b + limb] >>> inLimb & 1) != 0;
    long mask = inLimb == 63 ? -1L : (1L << (inLimb + 1)) - 1;
    s[b + limb] = negative ? s[b + limb] | ~mask : s[b + limb] & mask;
    for (int i = limb + 1; i < 4; i++) {
      s[b + i] = negative ? -1L : 0L;
    }
  }

  /** BYTE: byte {@code a} of the word at b, counting from the most significant end. */
  public static void byteAt(long[] s, int a, int b) {
    if (!fitsOneLimb(s, a) || Long.compareUnsigned(s[a], 32) >= 0) {
      set(s, b, 0);
      return;
    }
    int i = (int) s[a];
    long limb = s[b + 3 - i / 8];
    set(s, b, (limb >>> ((7 - i % 8) * 8)) & 0xff);
  }

  /** SHL: the word at b shifted left by the amount at a. */
  public static void shl(long[] s, int a, int b) {
    if (!fitsOneLimb(s, a) || Long.compareUnsigned(s[a], 256) >= 0) {
      set(s, b, 0);
      return;
    }
    int n = (int) s[a];
    int limbs = n >>> 6;
    int bits = n & 63;
    for (int i = 3; i >= 0; i--) {
      int src = i - limbs;
      long v = src >= 0 ? s[b + src] << bits : 0;
      if (bits != 0 && src - 1 >= 0) {
        v |= s[b + src - 1] >>> (64 - bits);
      }
      s[b + i] = v;
    }
  }

  /** SHR: logical right shift of the word at b by the amount at a. */
  public static void shr(long[] s, int a, int b) {
    if (!fitsOneLimb(s, a) || Long.compareUnsigned(s[a], 256) >= 0) {
      set(s, b, 0);
      return;
    }
    shiftRight(s, b, (int) s[a]);
  }

  private static void shiftRight(long[] s, int b, int n) {
    int limbs = n >>> 6;
    int bits = n & 63;
    for (int i = 0; i < 4; i++) {
      int src = i + limbs;
      long v = src < 4 ? s[b + src] >>> bits : 0;
      if (bits != 0 && src + 1 < 4) {
        v |= s[b + src + 1] << (64 - bits);
      }
      s[b + i] = v;
    }
  }

  /**
   * SAR: arithmetic right shift; for a negative value it is the complement of shifting the
   * complement.
   */
  public static void sar(long[] s, int a, int b) {
    boolean negative = s[b + 3] < 0;
    boolean huge = !fitsOneLimb(s, a) || Long.compareUnsigned(s[a], 256) >= 0;
    if (huge) {
      long fill = negative ? -1L : 0L;
      s[b] = fill;
      s[b + 1] = fill;
      s[b + 2] = fill;
      s[b + 3] = fill;
      return;
    }
    if (negative) {
      not(s, b);
      shiftRight(s, b, (int) s[a]);
      not(s, b);
    } else {
      shiftRight(s, b, (int) s[a]);
    }
  }

  public static void not(long[] s, int o) {
    s[o] = ~s[o];
    s[o + 1] = ~s[o + 1];
    s[o + 2] = ~s[o + 2];
    s[o + 3] = ~s[o + 3];
  }

  public static int compareUnsigned(long[] s, int a, int b) {
    for (int i = 3; i >= 0; i--) {
      int c = Long.compareUnsigned(s[a + i], s[b + i]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  public static int compareSigned(long[] s, int a, int b) {
    int c = Long.compare(s[a + 3], s[b + 3]);
    if (c != 0) {
      return c;
    }
    for (int i = 2; i >= 0; i--) {
      c = Long.compareUnsigned(s[a + i], s[b + i]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  public static BigInteger toBigInteger(long[] s, int o) {
    byte[] bytes = new byte[32];
    store(s, o, bytes, 0);
    return new BigInteger(1, bytes);
  }

  private static BigInteger toSignedBigInteger(long[] s, int o) {
    BigInteger unsigned = toBigInteger(s, o);
    return s[o + 3] < 0 ? unsigned.subtract(TWO_256) : unsigned;
  }

  /** Stores {@code value} modulo 2^256 (negative values in two's complement). */
  public static void fromBigInteger(long[] s, int o, BigInteger value) {
    BigInteger v = value.signum() < 0 || value.bitLength() > 256 ? value.mod(TWO_256) : value;
    byte[] raw = v.toByteArray();
    byte[] bytes = new byte[32];
    int len = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - len, bytes, 32 - len, len);
    load(s, o, bytes, 0);
  }
}
