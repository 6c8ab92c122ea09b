package io.bttspeed.devnet.tvm.ops;

import io.bttspeed.devnet.tvm.exec.Frame;
import io.bttspeed.devnet.tvm.exec.Stack;

/** POP, PUSH0..PUSH32, DUP1..DUP16, SWAP1..SWAP16. */
final class StackOps {

  private StackOps() {}

  static void register() {
    OperationTable.set(Opcodes.POP, 1, 0, f -> f.stack().drop(1));
    OperationTable.set(Opcodes.PUSH0, 0, 1, f -> f.stack().pushLong(0));
    for (int n = 1; n <= 32; n++) {
      int bytes = n;
      OperationTable.set(Opcodes.PUSH1 + n - 1, 0, 1, f -> push(f, bytes));
    }
    for (int n = 1; n <= 16; n++) {
      int depth = n;
      OperationTable.set(Opcodes.DUP1 + n - 1, n, n + 1, f -> f.stack().dup(depth));
      OperationTable.set(Opcodes.SWAP1 + n - 1, n + 1, n + 1, f -> f.stack().swap(depth));
    }
  }

  /**
   * Pushes the {@code n} immediate bytes after the opcode; bytes past the end of the code read as
   * zero.
   */
  private static void push(Frame f, int n) {
    byte[] code = f.code().bytes();
    int start = f.pc();
    Stack s = f.stack();
    long[] w = s.words();
    int o = s.pushSlot();
    w[o] = 0;
    w[o + 1] = 0;
    w[o + 2] = 0;
    w[o + 3] = 0;
    int end = Math.min(start + n, code.length);
    for (int i = start; i < end; i++) {
      int position = start + n - 1 - i;
      w[o + (position >>> 3)] |= (code[i] & 0xffL) << ((position & 7) << 3);
    }
    f.setPc(start + n);
  }
}
