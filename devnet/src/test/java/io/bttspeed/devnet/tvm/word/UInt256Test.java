package io.bttspeed.devnet.tvm.word;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.Random;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Limb arithmetic against a BigInteger model of the EVM's definitions, on random and edge-case
 * words.
 */
class UInt256Test {

  private static final BigInteger MOD = BigInteger.ONE.shiftLeft(256);
  private static final BigInteger HALF = BigInteger.ONE.shiftLeft(255);
  private static final int ROUNDS = 3_000;

  private final Random random = new Random(20261123);

  private BigInteger sample() {
    return switch (random.nextInt(6)) {
      case 0 -> BigInteger.valueOf(random.nextInt(300));
      case 1 -> new BigInteger(64, random);
      case 2 -> MOD.subtract(BigInteger.valueOf(random.nextInt(300) + 1));
      case 3 -> BigInteger.ONE.shiftLeft(random.nextInt(256));
      case 4 -> new BigInteger(random.nextInt(256) + 1, random);
      default -> new BigInteger(256, random);
    };
  }

  private static BigInteger signed(BigInteger v) {
    return v.compareTo(HALF) >= 0 ? v.subtract(MOD) : v;
  }

  private static BigInteger wrap(BigInteger v) {
    return v.mod(MOD);
  }

  private void checkBinary(String name, UInt256Op op, BinaryOperator<BigInteger> model) {
    for (int i = 0; i < ROUNDS; i++) {
      BigInteger a = sample();
      BigInteger b = sample();
      long[] s = new long[8];
      UInt256.fromBigInteger(s, 0, a);
      UInt256.fromBigInteger(s, 4, b);
      op.apply(s, 0, 4);
      assertEquals(model.apply(a, b), UInt256.toBigInteger(s, 4), name + "(" + a + ", " + b + ")");
    }
  }

  @FunctionalInterface
  private interface UInt256Op {
    void apply(long[] s, int a, int b);
  }

  @Test
  void arithmeticMatchesTheModel() {
    checkBinary("add", UInt256::add, (a, b) -> wrap(a.add(b)));
    checkBinary("sub", UInt256::sub, (a, b) -> wrap(a.subtract(b)));
    checkBinary("mul", UInt256::mul, (a, b) -> wrap(a.multiply(b)));
    checkBinary("div", UInt256::div, (a, b) -> b.signum() == 0 ? BigInteger.ZERO : a.divide(b));
    checkBinary("mod", UInt256::mod, (a, b) -> b.signum() == 0 ? BigInteger.ZERO : a.mod(b));
    checkBinary(
        "sdiv",
        UInt256::sdiv,
        (a, b) -> b.signum() == 0 ? BigInteger.ZERO : wrap(signed(a).divide(signed(b))));
    checkBinary(
        "smod",
        UInt256::smod,
        (a, b) -> b.signum() == 0 ? BigInteger.ZERO : wrap(signed(a).remainder(signed(b))));
    checkBinary("exp", UInt256::exp, (a, b) -> a.modPow(b, MOD));
  }

  @Test
  void shiftsAndBytesMatchTheModel() {
    BigInteger width = BigInteger.valueOf(256);
    checkBinary(
        "shl",
        UInt256::shl,
        (n, v) -> n.compareTo(width) >= 0 ? BigInteger.ZERO : wrap(v.shiftLeft(n.intValue())));
    checkBinary(
        "shr",
        UInt256::shr,
        (n, v) -> n.compareTo(width) >= 0 ? BigInteger.ZERO : v.shiftRight(n.intValue()));
    checkBinary("sar", UInt256::sar, (n, v) -> wrap(signed(v).shiftRight(n.min(width).intValue())));
    checkBinary(
        "byte",
        UInt256::byteAt,
        (i, v) ->
            i.compareTo(BigInteger.valueOf(32)) >= 0
                ? BigInteger.ZERO
                : v.shiftRight(8 * (31 - i.intValue())).and(BigInteger.valueOf(255)));
    checkBinary(
        "signextend",
        UInt256::signExtend,
        (k, v) -> {
          if (k.compareTo(BigInteger.valueOf(31)) >= 0) {
            return v;
          }
          int bits = 8 * (k.intValue() + 1);
          BigInteger low = v.mod(BigInteger.ONE.shiftLeft(bits));
          return low.testBit(bits - 1) ? wrap(low.subtract(BigInteger.ONE.shiftLeft(bits))) : low;
        });
  }

  @Test
  void comparisonsMatchTheModel() {
    for (int i = 0; i < ROUNDS; i++) {
      BigInteger a = sample();
      BigInteger b = sample();
      long[] s = new long[8];
      UInt256.fromBigInteger(s, 0, a);
      UInt256.fromBigInteger(s, 4, b);
      assertEquals(
          Integer.signum(a.compareTo(b)), Integer.signum(UInt256.compareUnsigned(s, 0, 4)));
      assertEquals(
          Integer.signum(signed(a).compareTo(signed(b))),
          Integer.signum(UInt256.compareSigned(s, 0, 4)));
    }
  }

  @Test
  void addmodAndMulmodUseFullPrecision() {
    for (int i = 0; i < ROUNDS; i++) {
      BigInteger a = sample();
      BigInteger b = sample();
      BigInteger m = sample();
      long[] s = new long[12];
      UInt256.fromBigInteger(s, 0, a);
      UInt256.fromBigInteger(s, 4, b);
      UInt256.fromBigInteger(s, 8, m);
      long[] t = s.clone();
      UInt256.addmod(s, 0, 4, 8);
      UInt256.mulmod(t, 0, 4, 8);
      BigInteger add = m.signum() == 0 ? BigInteger.ZERO : a.add(b).mod(m);
      BigInteger mul = m.signum() == 0 ? BigInteger.ZERO : a.multiply(b).mod(m);
      assertEquals(add, UInt256.toBigInteger(s, 8));
      assertEquals(mul, UInt256.toBigInteger(t, 8));
    }
  }
}
