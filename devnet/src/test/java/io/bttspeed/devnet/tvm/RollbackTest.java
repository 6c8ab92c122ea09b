package io.bttspeed.devnet.tvm;

import static io.bttspeed.devnet.tvm.ops.Opcodes.CALL;
import static io.bttspeed.devnet.tvm.ops.Opcodes.GAS;
import static io.bttspeed.devnet.tvm.ops.Opcodes.LOG0;
import static io.bttspeed.devnet.tvm.ops.Opcodes.REVERT;
import static io.bttspeed.devnet.tvm.ops.Opcodes.SSTORE;
import static io.bttspeed.devnet.tvm.ops.Opcodes.STOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.devnet.tvm.word.Word;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RollbackTest {

  private final TvmFixture fx = new TvmFixture();
  private final Address a = TvmFixture.address(0xa);
  private final Address b = TvmFixture.address(0xb);
  private final Address c = TvmFixture.address(0xc);

  /**
   * Writes slot 0 = {@code marker}, logs, then calls {@code callee} (with value) and stores the
   * result at 1.
   */
  private static Asm writeLogAndCall(long marker, Address callee, long value) {
    return Asm.code()
        .push(marker)
        .push(0)
        .op(SSTORE)
        .push(0)
        .push(0)
        .op(LOG0)
        .push(0)
        .push(0)
        .push(0)
        .push(0)
        .push(value)
        .push(callee)
        .op(GAS, CALL)
        .push(1)
        .op(SSTORE);
  }

  private static byte[] writeLogAndRevert(long marker) {
    return Asm.code()
        .push(marker)
        .push(0)
        .op(SSTORE)
        .push(0)
        .push(0)
        .op(LOG0)
        .push(0)
        .push(0)
        .op(REVERT)
        .build();
  }

  @Test
  void revertedCalleeLosesItsWritesLogsAndValueWhileTheCallerKeepsItsOwn() {
    fx.state.putBalance(a, 1_000);
    fx.install(a, writeLogAndCall(1, b, 5).op(STOP).build());
    fx.install(b, writeLogAndRevert(7));

    ExecutionResult r = fx.call(a, 1_000_000);

    assertEquals(Outcome.SUCCESS, r.outcome());
    Map<Word, Word> aSlots = r.changes().storage().get(a);
    assertEquals(Word.of(1), aSlots.get(Word.ZERO));
    assertFalse(aSlots.containsKey(Word.of(1)), "CALL pushed 0, so slot 1 stays unset");
    assertFalse(r.changes().storage().containsKey(b));
    assertFalse(r.changes().balances().containsKey(b));
    assertEquals(1, r.logs().size());
    assertEquals(a, r.logs().get(0).address());
    InternalTransaction call = r.internalTransactions().get(0);
    assertEquals(b, call.transferTo());
    assertEquals(5, call.callValueSun());
    assertTrue(call.rejected());
  }

  @Test
  void nestedSuccessIsUndoneWhenAnOuterFrameReverts() {
    fx.install(a, writeLogAndCall(1, b, 0).op(STOP).build());
    fx.install(b, writeLogAndCall(2, c, 0).push(0).push(0).op(REVERT).build());
    fx.install(c, Asm.code().push(3).push(0).op(SSTORE, STOP).build());

    ExecutionResult r = fx.call(a, 1_000_000);

    assertEquals(Outcome.SUCCESS, r.outcome());
    assertEquals(Word.of(1), r.changes().storage().get(a).get(Word.ZERO));
    assertFalse(r.changes().storage().containsKey(b));
    assertFalse(
        r.changes().storage().containsKey(c), "c succeeded but b, which called it, reverted");
    assertEquals(List.of(a), r.logs().stream().map(LogEntry::address).toList());
    assertEquals(2, r.internalTransactions().size());
    assertTrue(r.internalTransactions().stream().allMatch(InternalTransaction::rejected));
  }

  @Test
  void revertOfTheTopFrameDiscardsEverything() {
    fx.install(a, writeLogAndCall(1, b, 0).push(0).push(0).op(REVERT).build());
    fx.install(b, Asm.code().push(3).push(0).op(SSTORE, STOP).build());

    ExecutionResult r = fx.call(a, 1_000_000);

    assertEquals(Outcome.REVERT, r.outcome());
    assertTrue(r.changes().isEmpty());
    assertTrue(r.logs().isEmpty());
    assertTrue(r.internalTransactions().get(0).rejected());
    assertEquals(Word.ZERO, fx.state.storage(a, Word.ZERO));
  }

  @Test
  void selfDestructMovesTheBalanceAndIsRecorded() {
    fx.state.putBalance(a, 777);
    fx.install(a, Asm.code().push(c).op(0xff).build());

    ExecutionResult r = fx.call(a, 100_000);

    assertEquals(Outcome.SUCCESS, r.outcome());
    assertEquals(0L, r.changes().balances().get(a));
    assertEquals(777L, r.changes().balances().get(c));
    assertTrue(r.changes().deletedAccounts().contains(a));
    assertEquals("suicide", r.internalTransactions().get(0).note().wireName());
    assertEquals(777, r.internalTransactions().get(0).callValueSun());
  }
}
