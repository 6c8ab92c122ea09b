package io.bttspeed.devnet.tvm.exec;

import io.bttspeed.devnet.tvm.ops.Opcodes;

/** Bytecode with its valid JUMPDEST positions (a JUMPDEST byte inside PUSH data is not one). */
public final class Code {

  private final byte[] bytes;
  private final long[] jumpDests;

  public Code(byte[] bytes) {
    this.bytes = bytes;
    this.jumpDests = new long[(bytes.length >>> 6) + 1];
    int pc = 0;
    while (pc < bytes.length) {
      int op = bytes[pc] & 0xff;
      if (op == Opcodes.JUMPDEST) {
        jumpDests[pc >>> 6] |= 1L << (pc & 63);
        pc++;
      } else if (op >= Opcodes.PUSH1 && op <= Opcodes.PUSH32) {
        pc += op - Opcodes.PUSH1 + 2;
      } else {
        pc++;
      }
    }
  }

  /** The code itself; callers must not modify it. */
  public byte[] bytes() {
    return bytes;
  }

  public int length() {
    return bytes.length;
  }

  public boolean isJumpDest(long pc) {
    return pc >= 0 && pc < bytes.length && (jumpDests[(int) (pc >>> 6)] >>> (pc & 63) & 1) != 0;
  }
}
