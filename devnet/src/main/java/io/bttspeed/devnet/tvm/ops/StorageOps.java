package io.bttspeed.devnet.tvm.ops;

import io.bttspeed.devnet.tvm.Address;
import io.bttspeed.devnet.tvm.energy.EnergySchedule;
import io.bttspeed.devnet.tvm.exec.Frame;
import io.bttspeed.devnet.tvm.exec.Stack;
import io.bttspeed.devnet.tvm.state.WorldState;
import io.bttspeed.devnet.tvm.word.Word;

/** SLOAD and SSTORE. */
final class StorageOps {

  private StorageOps() {}

  static void register() {
    OperationTable.set(Opcodes.SLOAD, 1, 1, StorageOps::sload);
    OperationTable.set(Opcodes.SSTORE, 2, 0, StorageOps::sstore);
  }

  private static void sload(Frame f) {
    Stack s = f.stack();
    Word key = s.peekWord(0);
    f.execution().world().storage(f.message().address(), key).write(s.words(), s.offset(0));
  }

  private static void sstore(Frame f) {
    f.requireNotStatic();
    Stack s = f.stack();
    Word key = s.peekWord(0);
    Word value = s.peekWord(1);
    WorldState world = f.execution().world();
    Address self = f.message().address();
    f.useEnergy(EnergySchedule.sstoreCost(world.storage(self, key), value));
    world.putStorage(self, key, value);
    s.drop(2);
  }
}
