package io.bttspeed.devnet.tvm.ops;

import io.bttspeed.devnet.tvm.Address;
import io.bttspeed.devnet.tvm.exec.Frame;
import io.bttspeed.devnet.tvm.exec.Stack;
import io.bttspeed.devnet.tvm.state.WorldState;
import io.bttspeed.devnet.tvm.word.UInt256;
import io.bttspeed.tron.hash.Keccak;

/** What a frame can learn about itself, its call and other accounts. */
final class EnvironmentOps {

  private EnvironmentOps() {}

  static void register() {
    OperationTable.set(Opcodes.ADDRESS, 0, 1, f -> f.stack().pushAddress(f.message().address()));
    OperationTable.set(Opcodes.BALANCE, 1, 1, EnvironmentOps::balance);
    OperationTable.set(
        Opcodes.ORIGIN, 0, 1, f -> f.stack().pushAddress(f.execution().context().origin()));
    OperationTable.set(Opcodes.CALLER, 0, 1, f -> f.stack().pushAddress(f.message().caller()));
    OperationTable.set(
        Opcodes.CALLVALUE, 0, 1, f -> f.stack().pushLong(f.message().callValueSun()));
    OperationTable.set(Opcodes.CALLDATALOAD, 1, 1, EnvironmentOps::callDataLoad);
    OperationTable.set(
        Opcodes.CALLDATASIZE, 0, 1, f -> f.stack().pushLong(f.message().data().length));
    OperationTable.set(Opcodes.CODESIZE, 0, 1, f -> f.stack().pushLong(f.code().length()));
    OperationTable.set(
        Opcodes.GASPRICE,
        0,
        1,
        f -> f.stack().pushLong(f.execution().context().block().energyFee()));
    OperationTable.set(Opcodes.EXTCODESIZE, 1, 1, EnvironmentOps::extCodeSize);
    OperationTable.set(
        Opcodes.RETURNDATASIZE, 0, 1, f -> f.stack().pushLong(f.returnData().length));
    OperationTable.set(Opcodes.EXTCODEHASH, 1, 1, EnvironmentOps::extCodeHash);
    OperationTable.set(
        Opcodes.SELFBALANCE,
        0,
        1,
        f -> f.stack().pushLong(f.execution().world().balance(f.message().address())));
  }

  private static Address popAddress(Frame f) {
    Address a = f.stack().peekAddress(0);
    f.stack().drop(1);
    return a;
  }

  private static void balance(Frame f) {
    Address a = popAddress(f);
    f.stack().pushLong(f.execution().world().balance(a));
  }

  private static void extCodeSize(Frame f) {
    Address a = popAddress(f);
    f.stack().pushLong(f.execution().world().code(a).length);
  }

  private static void extCodeHash(Frame f) {
    Address a = popAddress(f);
    WorldState world = f.execution().world();
    if (!world.exists(a)) {
      f.stack().pushLong(0);
    } else {
      f.stack().pushBytes32(Keccak.hash(world.code(a)), 0);
    }
  }

  private static void callDataLoad(Frame f) {
    Stack s = f.stack();
    long offset = s.peekClamped(0);
    byte[] data = f.message().data();
    byte[] word = new byte[32];
    if (offset < data.length) {
      System.arraycopy(data, (int) offset, word, 0, (int) Math.min(32, data.length - offset));
    }
    UInt256.load(s.words(), s.offset(0), word, 0);
  }
}
