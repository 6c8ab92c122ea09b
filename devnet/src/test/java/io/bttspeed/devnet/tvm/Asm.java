package io.bttspeed.devnet.tvm;

import io.bttspeed.devnet.tvm.ops.Opcodes;
import io.bttspeed.devnet.tvm.word.Word;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/** A tiny bytecode assembler for tests: opcodes, minimal pushes, and backward jump targets. */
public final class Asm {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  public static Asm code() {
    return new Asm();
  }

  public Asm op(int... opcodes) {
    for (int op : opcodes) {
      out.write(op);
    }
    return this;
  }

  /** PUSHn of the value's minimal big-endian bytes (PUSH1 0 for zero). */
  public Asm push(long value) {
    return push(BigInteger.valueOf(value));
  }

  public Asm push(BigInteger value) {
    byte[] raw = value.toByteArray();
    int start = raw.length > 1 && raw[0] == 0 ? 1 : 0;
    int len = raw.length - start;
    out.write(Opcodes.PUSH1 + len - 1);
    out.write(raw, start, len);
    return this;
  }

  public Asm push(Word word) {
    return push(word.toBigInteger());
  }

  public Asm push(Address address) {
    out.write(Opcodes.PUSH1 + 19);
    out.writeBytes(address.toBytes());
    return this;
  }

  /** PUSH2 of a code position, for jumps. */
  public Asm pushPosition(int position) {
    out.write(Opcodes.PUSH1 + 1);
    out.write(position >>> 8);
    out.write(position & 0xff);
    return this;
  }

  public int position() {
    return out.size();
  }

  /** Marks a JUMPDEST here and returns its position. */
  public int label() {
    int at = out.size();
    out.write(Opcodes.JUMPDEST);
    return at;
  }

  /** {@code SSTORE(slot, <value on the stack>)}. */
  public Asm storeTopAt(long slot) {
    return push(slot).op(Opcodes.SSTORE);
  }

  /** Returns the 32-byte word on top of the stack. */
  public Asm returnTop() {
    return push(0).op(Opcodes.MSTORE).push(32).push(0).op(Opcodes.RETURN);
  }

  public byte[] build() {
    return out.toByteArray();
  }

  /** Init code that deploys {@code runtime} unchanged. */
  public static byte[] deployer(byte[] runtime) {
    Asm init = new Asm();
    int initLength = 15;
    init.op(Opcodes.PUSH1 + 1, runtime.length >>> 8, runtime.length & 0xff)
        .op(Opcodes.PUSH1 + 1, initLength >>> 8, initLength & 0xff)
        .op(Opcodes.PUSH1, 0, Opcodes.CODECOPY)
        .op(Opcodes.PUSH1 + 1, runtime.length >>> 8, runtime.length & 0xff)
        .op(Opcodes.PUSH1, 0, Opcodes.RETURN);
    if (init.position() != initLength) {
      throw new IllegalStateException("deployer prefix length changed");
    }
    init.out.writeBytes(runtime);
    return init.build();
  }
}
