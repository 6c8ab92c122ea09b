package io.bttspeed.devnet.tvm.ops;

import io.bttspeed.devnet.tvm.energy.EnergySchedule;
import io.bttspeed.devnet.tvm.exec.Frame;
import io.bttspeed.devnet.tvm.exec.Stack;
import io.bttspeed.devnet.tvm.word.UInt256;

/** ADD .. SIGNEXTEND. */
final class ArithmeticOps {

  private ArithmeticOps() {}

  /**
   * A two-operand operation on the stack's limbs: first operand at {@code a}, result into {@code
   * b}.
   */
  interface Binary {
    void apply(long[] s, int a, int b);
  }

  static Operation binary(Binary f) {
    return frame -> {
      Stack s = frame.stack();
      f.apply(s.words(), s.offset(0), s.offset(1));
      s.drop(1);
    };
  }

  static void register() {
    OperationTable.set(Opcodes.ADD, 2, 1, binary(UInt256::add));
    OperationTable.set(Opcodes.MUL, 2, 1, binary(UInt256::mul));
    OperationTable.set(Opcodes.SUB, 2, 1, binary(UInt256::sub));
    OperationTable.set(Opcodes.DIV, 2, 1, binary(UInt256::div));
    OperationTable.set(Opcodes.SDIV, 2, 1, binary(UInt256::sdiv));
    OperationTable.set(Opcodes.MOD, 2, 1, binary(UInt256::mod));
    OperationTable.set(Opcodes.SMOD, 2, 1, binary(UInt256::smod));
    OperationTable.set(Opcodes.SIGNEXTEND, 2, 1, binary(UInt256::signExtend));
    OperationTable.set(Opcodes.ADDMOD, 3, 1, ArithmeticOps::addmod);
    OperationTable.set(Opcodes.MULMOD, 3, 1, ArithmeticOps::mulmod);
    OperationTable.set(Opcodes.EXP, 2, 1, ArithmeticOps::exp);
  }

  private static void addmod(Frame frame) {
    Stack s = frame.stack();
    UInt256.addmod(s.words(), s.offset(0), s.offset(1), s.offset(2));
    s.drop(2);
  }

  private static void mulmod(Frame frame) {
    Stack s = frame.stack();
    UInt256.mulmod(s.words(), s.offset(0), s.offset(1), s.offset(2));
    s.drop(2);
  }

  private static void exp(Frame frame) {
    Stack s = frame.stack();
    frame.useEnergy(EnergySchedule.EXP_BYTE * UInt256.byteLength(s.words(), s.offset(1)));
    UInt256.exp(s.words(), s.offset(0), s.offset(1));
    s.drop(1);
  }
}
