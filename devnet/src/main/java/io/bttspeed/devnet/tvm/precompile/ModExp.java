package io.bttspeed.devnet.tvm.precompile;

import java.math.BigInteger;
import java.util.Optional;

/**
 * 0x05: {@code base^exp mod modulus} with EIP-198 input layout and pricing (as java-tron's ModExp).
 */
final class ModExp implements Precompile {

  /** Lengths above this cannot be paid for with any energy limit; treat them as unaffordable. */
  private static final int MAX_LENGTH = 1 << 20;

  @Override
  public long energy(byte[] input) {
    long baseLen = length(input, 0);
    long expLen = length(input, 32);
    long modLen = length(input, 64);
    if (baseLen > MAX_LENGTH || expLen > MAX_LENGTH || modLen > MAX_LENGTH) {
      return Long.MAX_VALUE;
    }
    BigInteger expHead = slice(input, 96 + baseLen, (int) Math.min(expLen, 32));
    long adjusted = adjustedExponentLength(expHead, expLen);
    BigInteger energy =
        BigInteger.valueOf(multComplexity(Math.max(baseLen, modLen)))
            .multiply(BigInteger.valueOf(Math.max(adjusted, 1)))
            .divide(BigInteger.valueOf(20));
    return energy.bitLength() < 63 ? energy.longValue() : Long.MAX_VALUE;
  }

  @Override
  public Optional<byte[]> run(byte[] input) {
    long baseLen = length(input, 0);
    long expLen = length(input, 32);
    long modLen = length(input, 64);
    if (modLen == 0) {
      return Optional.of(new byte[0]);
    }
    BigInteger base = slice(input, 96, (int) baseLen);
    BigInteger exp = slice(input, 96 + baseLen, (int) expLen);
    BigInteger mod = slice(input, 96 + baseLen + expLen, (int) modLen);
    byte[] result = mod.signum() == 0 ? new byte[0] : base.modPow(exp, mod).toByteArray();
    byte[] out = new byte[(int) modLen];
    int n = Math.min(result.length, out.length);
    System.arraycopy(result, result.length - n, out, out.length - n, n);
    return Optional.of(out);
  }

  private static long length(byte[] input, int offset) {
    BigInteger v = slice(input, offset, 32);
    return v.bitLength() > 31 ? Long.MAX_VALUE : v.longValue();
  }

  /** {@code length} bytes at {@code offset}, reading zeros past the end of the input. */
  private static BigInteger slice(byte[] input, long offset, int length) {
    if (length == 0) {
      return BigInteger.ZERO;
    }
    byte[] out = new byte[length];
    if (offset < input.length) {
      int n = (int) Math.min(length, input.length - offset);
      System.arraycopy(input, (int) offset, out, 0, n);
    }
    return new BigInteger(1, out);
  }

  private static long multComplexity(long x) {
    if (x <= 64) {
      return x * x;
    }
    if (x <= 1024) {
      return x * x / 4 + 96 * x - 3072;
    }
    return x * x / 16 + 480 * x - 199_680;
  }

  private static long adjustedExponentLength(BigInteger expHead, long expLen) {
    int highest = expHead.signum() == 0 ? 0 : expHead.bitLength() - 1;
    if (expLen <= 32) {
      return highest;
    }
    return 8 * (expLen - 32) + highest;
  }
}
