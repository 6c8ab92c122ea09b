package io.bttspeed.devnet.tvm.ops;

import io.bttspeed.devnet.tvm.VmBlockContext;
import io.bttspeed.devnet.tvm.exec.Frame;
import io.bttspeed.devnet.tvm.exec.Stack;
import io.bttspeed.devnet.tvm.word.Word;

/**
 * Block information, with TRON's readings (TIMESTAMP in seconds, DIFFICULTY and GASLIMIT from the
 * context).
 */
final class BlockOps {

  /** BLOCKHASH sees this many blocks back. */
  private static final long BLOCKHASH_WINDOW = 256;

  private BlockOps() {}

  private static VmBlockContext block(Frame f) {
    return f.execution().context().block();
  }

  static void register() {
    OperationTable.set(Opcodes.BLOCKHASH, 1, 1, BlockOps::blockHash);
    OperationTable.set(Opcodes.COINBASE, 0, 1, f -> f.stack().pushAddress(block(f).coinbase()));
    OperationTable.set(
        Opcodes.TIMESTAMP, 0, 1, f -> f.stack().pushLong(block(f).timestampMs() / 1000));
    OperationTable.set(Opcodes.NUMBER, 0, 1, f -> f.stack().pushLong(block(f).number()));
    OperationTable.set(Opcodes.DIFFICULTY, 0, 1, f -> f.stack().pushWord(block(f).difficulty()));
    OperationTable.set(Opcodes.GASLIMIT, 0, 1, f -> f.stack().pushLong(block(f).gasLimit()));
    OperationTable.set(Opcodes.CHAINID, 0, 1, f -> f.stack().pushWord(block(f).chainId()));
    OperationTable.set(Opcodes.BASEFEE, 0, 1, f -> f.stack().pushLong(block(f).energyFee()));
  }

  private static void blockHash(Frame f) {
    Stack s = f.stack();
    long requested = s.peekClamped(0);
    long current = block(f).number();
    s.drop(1);
    if (requested >= current || requested < current - BLOCKHASH_WINDOW) {
      s.pushLong(0);
      return;
    }
    Word hash = f.execution().world().backend().blockHash(requested);
    s.pushWord(hash);
  }
}
