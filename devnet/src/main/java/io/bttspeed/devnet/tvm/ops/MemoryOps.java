package io.bttspeed.devnet.tvm.ops;

import io.bttspeed.devnet.tvm.Address;
import io.bttspeed.devnet.tvm.HaltReason;
import io.bttspeed.devnet.tvm.energy.EnergySchedule;
import io.bttspeed.devnet.tvm.exec.Frame;
import io.bttspeed.devnet.tvm.exec.Halt;
import io.bttspeed.devnet.tvm.exec.Stack;
import io.bttspeed.tron.hash.Keccak;

/** Memory reads and writes, SHA3, and the copies into memory. */
final class MemoryOps {

  private MemoryOps() {}

  static void register() {
    OperationTable.set(Opcodes.MLOAD, 1, 1, MemoryOps::mload);
    OperationTable.set(Opcodes.MSTORE, 2, 0, MemoryOps::mstore);
    OperationTable.set(Opcodes.MSTORE8, 2, 0, MemoryOps::mstore8);
    OperationTable.set(Opcodes.MSIZE, 0, 1, f -> f.stack().pushLong(f.memory().size()));
    OperationTable.set(Opcodes.SHA3, 2, 1, MemoryOps::sha3);
    OperationTable.set(Opcodes.CALLDATACOPY, 3, 0, f -> copy(f, f.message().data(), 0));
    OperationTable.set(Opcodes.CODECOPY, 3, 0, f -> copy(f, f.code().bytes(), 0));
    OperationTable.set(Opcodes.EXTCODECOPY, 4, 0, MemoryOps::extCodeCopy);
    OperationTable.set(Opcodes.RETURNDATACOPY, 3, 0, MemoryOps::returnDataCopy);
  }

  private static void mload(Frame f) {
    Stack s = f.stack();
    long offset = s.peekClamped(0);
    f.expandMemory(offset, 32);
    f.memory().loadWord((int) offset, s.words(), s.offset(0));
  }

  private static void mstore(Frame f) {
    Stack s = f.stack();
    long offset = s.peekClamped(0);
    f.expandMemory(offset, 32);
    f.memory().storeWord((int) offset, s.words(), s.offset(1));
    s.drop(2);
  }

  private static void mstore8(Frame f) {
    Stack s = f.stack();
    long offset = s.peekClamped(0);
    f.expandMemory(offset, 1);
    f.memory().storeByte((int) offset, (byte) s.words()[s.offset(1)]);
    s.drop(2);
  }

  private static void sha3(Frame f) {
    Stack s = f.stack();
    long offset = s.peekClamped(0);
    long size = s.peekClamped(1);
    f.expandMemory(offset, size);
    f.useEnergy(EnergySchedule.SHA3_WORD * EnergySchedule.words(size));
    byte[] hash =
        size == 0
            ? Keccak.hash(new byte[0])
            : Keccak.hash(f.memory().backing(), (int) offset, (int) size);
    s.drop(2);
    s.pushBytes32(hash, 0);
  }

  /** CALLDATACOPY / CODECOPY: stack is memory offset, source offset, size (top first). */
  private static void copy(Frame f, byte[] source, int stackBase) {
    Stack s = f.stack();
    long memOffset = s.peekClamped(stackBase);
    long sourceOffset = s.peekClamped(stackBase + 1);
    long size = s.peekClamped(stackBase + 2);
    chargeCopy(f, memOffset, size);
    if (size > 0) {
      f.memory().write((int) memOffset, source, sourceOffset, (int) size);
    }
    s.drop(stackBase + 3);
  }

  private static void chargeCopy(Frame f, long memOffset, long size) {
    f.expandMemory(memOffset, size);
    f.useEnergy(EnergySchedule.copyCost(size));
  }

  private static void extCodeCopy(Frame f) {
    Address address = f.stack().peekAddress(0);
    copy(f, f.execution().world().code(address), 1);
  }

  private static void returnDataCopy(Frame f) {
    Stack s = f.stack();
    long memOffset = s.peekClamped(0);
    long dataOffset = s.peekClamped(1);
    long size = s.peekClamped(2);
    chargeCopy(f, memOffset, size);
    byte[] data = f.returnData();
    if (dataOffset > data.length || size > data.length - dataOffset) {
      throw Halt.of(HaltReason.RETURN_DATA_OUT_OF_BOUNDS);
    }
    if (size > 0) {
      f.memory().write((int) memOffset, data, dataOffset, (int) size);
    }
    s.drop(3);
  }
}
