package io.bttspeed.devnet.tvm;

import static io.bttspeed.devnet.tvm.ops.Opcodes.CALLDATACOPY;
import static io.bttspeed.devnet.tvm.ops.Opcodes.CODECOPY;
import static io.bttspeed.devnet.tvm.ops.Opcodes.JUMP;
import static io.bttspeed.devnet.tvm.ops.Opcodes.MLOAD;
import static io.bttspeed.devnet.tvm.ops.Opcodes.MSTORE;
import static io.bttspeed.devnet.tvm.ops.Opcodes.MSTORE8;
import static io.bttspeed.devnet.tvm.ops.Opcodes.POP;
import static io.bttspeed.devnet.tvm.ops.Opcodes.REVERT;
import static io.bttspeed.devnet.tvm.ops.Opcodes.SSTORE;
import static io.bttspeed.devnet.tvm.ops.Opcodes.STOP;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.devnet.tvm.energy.EnergySchedule;
import io.bttspeed.devnet.tvm.word.Word;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnergyScheduleTest {

  private final TvmFixture fx = new TvmFixture();
  private final Address contract = TvmFixture.address(1);

  private ExecutionResult run(byte[] code, long energy, EnergySchedule schedule) {
    fx.install(contract, code);
    return fx.tvm.call(
        fx.state, TvmFixture.context(energy, schedule), CallRequest.of(contract, new byte[0]));
  }

  @Test
  void mstoreHasNoBaseCostUnderTronButThreeUnderFrontier() {
    byte[] code = Asm.code().push(0x2a).push(0).op(MSTORE, STOP).build();
    // PUSH1 3 + PUSH1 3 + MSTORE (base 0 or 3) + one word of memory 3
    assertEquals(9, run(code, 100, EnergySchedule.TRON).energyUsed());
    assertEquals(12, run(code, 100, EnergySchedule.FRONTIER).energyUsed());
  }

  @Test
  void copiesAndLoadsDifferByTheirBaseCostOnly() {
    byte[] code =
        Asm.code()
            .push(32)
            .push(0)
            .push(0)
            .op(CALLDATACOPY)
            .push(0)
            .op(MLOAD, POP)
            .push(1)
            .push(0)
            .op(MSTORE8)
            .push(32)
            .push(0)
            .push(32)
            .op(CODECOPY)
            .op(STOP)
            .build();
    long tron = run(code, 1000, EnergySchedule.TRON).energyUsed();
    long frontier = run(code, 1000, EnergySchedule.FRONTIER).energyUsed();
    // pushes 9, copy 3, memory 3 | push 3, pop 2 | pushes 6 | pushes 9, copy 3, memory 3
    assertEquals(9 + 3 + 3 + 3 + 2 + 6 + 9 + 3 + 3, tron);
    assertEquals(4 * 3, frontier - tron);
  }

  @Test
  void outOfEnergyConsumesTheWholeLimit() {
    Asm a = Asm.code();
    int loop = a.label();
    byte[] code = a.pushPosition(loop).op(JUMP).build();
    ExecutionResult r = run(code, 50_000, EnergySchedule.TRON);
    assertEquals(Outcome.HALT, r.outcome());
    assertEquals(Optional.of(HaltReason.OUT_OF_ENERGY), r.haltReason());
    assertEquals(50_000, r.energyUsed());
    assertTrue(r.changes().isEmpty());
  }

  @Test
  void revertChargesOnlyWhatWasUsedAndReturnsTheRevertData() {
    byte[] code = Asm.code().push(0xaa).push(0).op(MSTORE8).push(1).push(0).op(REVERT).build();
    ExecutionResult r = run(code, 50_000, EnergySchedule.TRON);
    assertEquals(Outcome.REVERT, r.outcome());
    assertEquals(15, r.energyUsed());
    assertArrayEquals(new byte[] {(byte) 0xaa}, r.returnData());
  }

  @Test
  void sstoreCostsTwentyThousandToSetAndFiveThousandToClearWithoutRefund() {
    byte[] set = Asm.code().push(1).push(0).op(SSTORE, STOP).build();
    assertEquals(6 + 20_000, run(set, 100_000, EnergySchedule.TRON).energyUsed());
    fx.state.putStorage(contract, Word.ZERO, Word.of(5));
    byte[] clear = Asm.code().push(0).push(0).op(SSTORE, STOP).build();
    assertEquals(6 + 5_000, run(clear, 100_000, EnergySchedule.TRON).energyUsed());
  }
}
