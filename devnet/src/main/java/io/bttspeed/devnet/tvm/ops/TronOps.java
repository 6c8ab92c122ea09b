package io.bttspeed.devnet.tvm.ops;

import io.bttspeed.devnet.tvm.Address;
import io.bttspeed.devnet.tvm.HaltReason;
import io.bttspeed.devnet.tvm.TokenRules;
import io.bttspeed.devnet.tvm.exec.Frame;
import io.bttspeed.devnet.tvm.exec.Halt;
import io.bttspeed.devnet.tvm.exec.Stack;

/** TRON's TRC-10 readings and ISCONTRACT (CALLTOKEN lives with the other calls). */
final class TronOps {

  private TronOps() {}

  static void register() {
    OperationTable.set(Opcodes.TOKENBALANCE, 2, 1, TronOps::tokenBalance);
    OperationTable.set(
        Opcodes.CALLTOKENVALUE, 0, 1, f -> f.stack().pushLong(f.message().tokenValue()));
    OperationTable.set(Opcodes.CALLTOKENID, 0, 1, f -> f.stack().pushLong(f.message().tokenId()));
    OperationTable.set(Opcodes.ISCONTRACT, 1, 1, TronOps::isContract);
  }

  /** Stack: token id on top, address below. */
  private static void tokenBalance(Frame f) {
    Stack s = f.stack();
    long tokenId = s.peekClamped(0);
    if (!TokenRules.isValidTokenId(tokenId) || tokenId == Long.MAX_VALUE) {
      throw Halt.of(HaltReason.INVALID_TOKEN_ID);
    }
    Address address = s.peekAddress(1);
    s.drop(2);
    s.pushLong(f.execution().world().tokenBalance(address, tokenId));
  }

  private static void isContract(Frame f) {
    Stack s = f.stack();
    Address address = s.peekAddress(0);
    s.drop(1);
    s.pushBoolean(f.execution().world().isContract(address));
  }
}
