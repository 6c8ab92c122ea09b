package io.bttspeed.devnet.tvm;

import static io.bttspeed.devnet.tvm.ops.Opcodes.ADDRESS;
import static io.bttspeed.devnet.tvm.ops.Opcodes.CALLTOKEN;
import static io.bttspeed.devnet.tvm.ops.Opcodes.CALLTOKENID;
import static io.bttspeed.devnet.tvm.ops.Opcodes.CALLTOKENVALUE;
import static io.bttspeed.devnet.tvm.ops.Opcodes.GAS;
import static io.bttspeed.devnet.tvm.ops.Opcodes.ISCONTRACT;
import static io.bttspeed.devnet.tvm.ops.Opcodes.SSTORE;
import static io.bttspeed.devnet.tvm.ops.Opcodes.STOP;
import static io.bttspeed.devnet.tvm.ops.Opcodes.TOKENBALANCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.devnet.tvm.word.Word;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenOpcodeTest {

  private static final long BTT = TvmFixture.TRX_TOKEN_ID;

  private final TvmFixture fx = new TvmFixture();
  private final Address recipient = TvmFixture.address(0x55);

  /**
   * Records CALLTOKENVALUE, CALLTOKENID and its own TOKENBALANCE, then pays {@code payout} to the
   * recipient.
   */
  private byte[] receiverThatPaysOut(long payout) {
    return Asm.code()
        .op(CALLTOKENVALUE)
        .push(0)
        .op(SSTORE)
        .op(CALLTOKENID)
        .push(1)
        .op(SSTORE)
        .op(ADDRESS, CALLTOKENID, TOKENBALANCE)
        .push(2)
        .op(SSTORE)
        .push(0)
        .push(0)
        .push(0)
        .push(0)
        .push(BTT)
        .push(payout)
        .push(recipient)
        .op(GAS, CALLTOKEN)
        .push(3)
        .op(SSTORE)
        .push(recipient)
        .op(ISCONTRACT)
        .push(4)
        .op(SSTORE)
        .op(STOP)
        .build();
  }

  @Test
  void tokensArriveWithTheCallAndLeaveByCalltoken() {
    Address contract = fx.install(TvmFixture.address(1), receiverThatPaysOut(300));
    fx.state.putTokenBalance(TvmFixture.OWNER, BTT, 5_000);

    ExecutionResult r =
        fx.tvm.call(
            fx.state,
            TvmFixture.context(1_000_000),
            new CallRequest(contract, new byte[0], 0, 1_000, BTT));

    assertEquals(Outcome.SUCCESS, r.outcome());
    Map<Word, Word> slots = r.changes().storage().get(contract);
    assertEquals(Word.of(1_000), slots.get(Word.of(0)));
    assertEquals(Word.of(BTT), slots.get(Word.of(1)));
    assertEquals(Word.of(1_000), slots.get(Word.of(2)));
    assertEquals(Word.of(1), slots.get(Word.of(3)));
    assertFalse(slots.containsKey(Word.of(4)), "the recipient is not a contract");
    assertEquals(Map.of(BTT, 4_000L), r.changes().tokenBalances().get(TvmFixture.OWNER));
    assertEquals(Map.of(BTT, 700L), r.changes().tokenBalances().get(contract));
    assertEquals(Map.of(BTT, 300L), r.changes().tokenBalances().get(recipient));
    assertTrue(r.changes().createdAccounts().contains(recipient));
    InternalTransaction payout = r.internalTransactions().get(0);
    assertEquals(contract, payout.caller());
    assertEquals(recipient, payout.transferTo());
    assertEquals(300, payout.tokenValue());
    assertEquals(BTT, payout.tokenId());
    assertEquals(0, payout.callValueSun());
    assertEquals("call", payout.note().wireName());
  }

  @Test
  void calltokenBeyondTheBalanceFailsWithoutMovingTokens() {
    Address contract = fx.install(TvmFixture.address(1), receiverThatPaysOut(2_000));
    fx.state.putTokenBalance(TvmFixture.OWNER, BTT, 5_000);

    ExecutionResult r =
        fx.tvm.call(
            fx.state,
            TvmFixture.context(1_000_000),
            new CallRequest(contract, new byte[0], 0, 1_000, BTT));

    assertEquals(Outcome.SUCCESS, r.outcome());
    assertEquals(
        Word.ZERO, r.changes().storage().get(contract).getOrDefault(Word.of(3), Word.ZERO));
    assertEquals(Map.of(BTT, 1_000L), r.changes().tokenBalances().get(contract));
    assertFalse(r.changes().tokenBalances().containsKey(recipient));
  }

  @Test
  void tokenbalanceWithAnInvalidTokenIdHalts() {
    byte[] code = Asm.code().op(ADDRESS).push(1_000_000).op(TOKENBALANCE, STOP).build();
    Address contract = fx.install(TvmFixture.address(1), code);
    ExecutionResult r = fx.call(contract, 100_000);
    assertEquals(Outcome.HALT, r.outcome());
    assertEquals(HaltReason.INVALID_TOKEN_ID, r.haltReason().orElseThrow());
  }
}
