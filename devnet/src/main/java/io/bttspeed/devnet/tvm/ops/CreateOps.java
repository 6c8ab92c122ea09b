package io.bttspeed.devnet.tvm.ops;

import io.bttspeed.devnet.tvm.Address;
import io.bttspeed.devnet.tvm.InternalTransaction.Note;
import io.bttspeed.devnet.tvm.energy.EnergySchedule;
import io.bttspeed.devnet.tvm.exec.Frame;
import io.bttspeed.devnet.tvm.exec.Stack;
import io.bttspeed.devnet.tvm.state.WorldState;
import io.bttspeed.devnet.tvm.word.UInt256;
import io.bttspeed.devnet.tvm.word.Word;
import java.util.Map;

/** CREATE, CREATE2 and SELFDESTRUCT. */
final class CreateOps {

  private CreateOps() {}

  static void register() {
    OperationTable.set(Opcodes.CREATE, 3, 1, f -> create(f, false));
    OperationTable.set(Opcodes.CREATE2, 4, 1, f -> create(f, true));
    OperationTable.set(Opcodes.SELFDESTRUCT, 1, 0, CreateOps::selfDestruct);
  }

  private static void create(Frame f, boolean withSalt) {
    f.requireNotStatic();
    Stack s = f.stack();
    long value = UInt256.clampedLong(s.words(), s.offset(0));
    long offset = s.peekClamped(1);
    long size = s.peekClamped(2);
    f.expandMemory(offset, size);
    Word salt = null;
    if (withSalt) {
      f.useEnergy(EnergySchedule.SHA3_WORD * EnergySchedule.words(size));
      salt = s.peekWord(3);
    }
    byte[] initCode = f.readMemory(offset, size);
    s.drop(withSalt ? 4 : 3);
    f.execution().calls().create(f, value, initCode, salt);
  }

  /**
   * Hands the balance and every TRC-10 holding to the beneficiary and marks the account deleted. A
   * contract naming itself burns its funds, as java-tron sends them to the black hole.
   */
  private static void selfDestruct(Frame f) {
    f.requireNotStatic();
    Address beneficiary = f.stack().peekAddress(0);
    f.stack().drop(1);
    Address self = f.message().address();
    WorldState world = f.execution().world();
    long balance = world.balance(self);
    Map<Long, Long> tokens = world.tokenBalances(self);
    f.execution().trace().record(self, beneficiary, balance, 0, 0, new byte[0], Note.SUICIDE);
    if (beneficiary.equals(self)) {
      world.burnAll(self);
    } else {
      world.transfer(self, beneficiary, balance);
      tokens.forEach((id, amount) -> world.transferToken(self, beneficiary, id, amount));
    }
    world.markDeleted(self);
    f.stop(new byte[0]);
  }
}
