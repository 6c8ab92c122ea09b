package io.bttspeed.devnet.tvm.ops;

import io.bttspeed.devnet.tvm.HaltReason;
import io.bttspeed.devnet.tvm.exec.Frame;
import io.bttspeed.devnet.tvm.exec.Halt;
import io.bttspeed.devnet.tvm.exec.Stack;

/** STOP, jumps, PC, GAS, JUMPDEST, RETURN and REVERT. */
final class FlowOps {

  private static final byte[] EMPTY = new byte[0];

  private FlowOps() {}

  static void register() {
    OperationTable.set(Opcodes.STOP, 0, 0, f -> f.stop(EMPTY));
    OperationTable.set(Opcodes.JUMP, 1, 0, FlowOps::jump);
    OperationTable.set(Opcodes.JUMPI, 2, 0, FlowOps::jumpi);
    OperationTable.set(Opcodes.PC, 0, 1, f -> f.stack().pushLong(f.pc() - 1));
    OperationTable.set(Opcodes.GAS, 0, 1, f -> f.stack().pushLong(f.energyLeft()));
    OperationTable.set(Opcodes.JUMPDEST, 0, 0, f -> {});
    OperationTable.set(Opcodes.RETURN, 2, 0, f -> f.stop(output(f)));
    OperationTable.set(Opcodes.REVERT, 2, 0, f -> f.revert(output(f)));
  }

  private static void jumpTo(Frame f, long destination) {
    if (!f.code().isJumpDest(destination)) {
      throw Halt.of(HaltReason.BAD_JUMP_DESTINATION);
    }
    f.setPc((int) destination);
  }

  private static void jump(Frame f) {
    Stack s = f.stack();
    long destination = s.peekClamped(0);
    s.drop(1);
    jumpTo(f, destination);
  }

  private static void jumpi(Frame f) {
    Stack s = f.stack();
    long destination = s.peekClamped(0);
    boolean condition = !s.isZero(1);
    s.drop(2);
    if (condition) {
      jumpTo(f, destination);
    }
  }

  private static byte[] output(Frame f) {
    Stack s = f.stack();
    long offset = s.peekClamped(0);
    long size = s.peekClamped(1);
    f.expandMemory(offset, size);
    s.drop(2);
    return f.readMemory(offset, size);
  }
}
