package io.bttspeed.devnet.tvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bttspeed.devnet.tvm.word.Word;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A TRC-20 style transfer end to end: selector dispatch, mapping slots, the Transfer event, the
 * return value.
 */
class TokenTransferTest {

  private final TvmFixture fx = new TvmFixture();
  private final Address token =
      fx.install(TvmFixture.address(0x20), SampleContracts.trc20Transfer());
  private final Address alice = TvmFixture.OWNER;
  private final Address bob = TvmFixture.address(0xb0);

  @Test
  void transferMovesBalancesEmitsTransferAndReturnsTrue() {
    fx.state.putStorage(token, SampleContracts.balanceSlot(alice), Word.of(1_000));

    ExecutionResult r = fx.call(token, SampleContracts.transferCall(bob, 250), 200_000);

    assertEquals(Outcome.SUCCESS, r.outcome());
    assertEquals(Word.of(1), Word.fromBytes(r.returnData()));
    assertEquals(Word.of(750), fx.state.storage(token, SampleContracts.balanceSlot(alice)));
    assertEquals(Word.of(250), fx.state.storage(token, SampleContracts.balanceSlot(bob)));
    LogEntry log = r.logs().get(0);
    assertEquals(token, log.address());
    assertEquals(
        List.of(SampleContracts.TRANSFER_TOPIC, alice.toWord(), bob.toWord()), log.topics());
    assertEquals(Word.of(250), Word.fromBytes(log.data()));
  }

  @Test
  void transferAboveTheBalanceRevertsAndChargesOnlyWhatRan() {
    fx.state.putStorage(token, SampleContracts.balanceSlot(alice), Word.of(100));

    ExecutionResult r = fx.call(token, SampleContracts.transferCall(bob, 250), 200_000);

    assertEquals(Outcome.REVERT, r.outcome());
    assertEquals(Word.of(100), fx.state.storage(token, SampleContracts.balanceSlot(alice)));
    assertEquals(true, r.energyUsed() < 1_000);
  }

  @Test
  void anUnknownSelectorReverts() {
    ExecutionResult r = fx.call(token, new byte[] {1, 2, 3, 4}, 200_000);
    assertEquals(Outcome.REVERT, r.outcome());
  }
}
