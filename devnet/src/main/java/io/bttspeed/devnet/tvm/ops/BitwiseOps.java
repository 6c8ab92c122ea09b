package io.bttspeed.devnet.tvm.ops;

import static io.bttspeed.devnet.tvm.ops.ArithmeticOps.binary;

import io.bttspeed.devnet.tvm.exec.Frame;
import io.bttspeed.devnet.tvm.exec.Stack;
import io.bttspeed.devnet.tvm.word.UInt256;

/** Comparisons, bitwise logic, BYTE and shifts. */
final class BitwiseOps {

  private BitwiseOps() {}

  private interface Comparison {
    boolean test(long[] s, int a, int b);
  }

  static void register() {
    OperationTable.set(
        Opcodes.LT, 2, 1, compare((s, a, b) -> UInt256.compareUnsigned(s, a, b) < 0));
    OperationTable.set(
        Opcodes.GT, 2, 1, compare((s, a, b) -> UInt256.compareUnsigned(s, a, b) > 0));
    OperationTable.set(Opcodes.SLT, 2, 1, compare((s, a, b) -> UInt256.compareSigned(s, a, b) < 0));
    OperationTable.set(Opcodes.SGT, 2, 1, compare((s, a, b) -> UInt256.compareSigned(s, a, b) > 0));
    OperationTable.set(Opcodes.EQ, 2, 1, compare(BitwiseOps::equal));
    OperationTable.set(Opcodes.ISZERO, 1, 1, BitwiseOps::isZero);
    OperationTable.set(Opcodes.AND, 2, 1, binary(BitwiseOps::and));
    OperationTable.set(Opcodes.OR, 2, 1, binary(BitwiseOps::or));
    OperationTable.set(Opcodes.XOR, 2, 1, binary(BitwiseOps::xor));
    OperationTable.set(Opcodes.NOT, 1, 1, f -> UInt256.not(f.stack().words(), f.stack().offset(0)));
    OperationTable.set(Opcodes.BYTE, 2, 1, binary(UInt256::byteAt));
    OperationTable.set(Opcodes.SHL, 2, 1, binary(UInt256::shl));
    OperationTable.set(Opcodes.SHR, 2, 1, binary(UInt256::shr));
    OperationTable.set(Opcodes.SAR, 2, 1, binary(UInt256::sar));
  }

  private static Operation compare(Comparison c) {
    return f -> {
      Stack s = f.stack();
      long[] w = s.words();
      int b = s.offset(1);
      boolean result = c.test(w, s.offset(0), b);
      UInt256.set(w, b, result ? 1 : 0);
      s.drop(1);
    };
  }

  private static boolean equal(long[] s, int a, int b) {
    return s[a] == s[b] && s[a + 1] == s[b + 1] && s[a + 2] == s[b + 2] && s[a + 3] == s[b + 3];
  }

  private static void isZero(Frame f) {
    Stack s = f.stack();
    int o = s.offset(0);
    UInt256.set(s.words(), o, UInt256.isZero(s.words(), o) ? 1 : 0);
  }

  private static void and(long[] w, int a, int b) {
    for (int i = 0; i < 4; i++) {
      w[b + i] &= w[a + i];
    }
  }

  private static void or(long[] w, int a, int b) {
    for (int i = 0; i < 4; i++) {
      w[b + i] |= w[a + i];
    }
  }

  private static void xor(long[] w, int a, int b) {
    for (int i = 0; i < 4; i++) {
      w[b + i] ^= w[a + i];
    }
  }
}
