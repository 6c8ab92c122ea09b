package io.bttspeed.devnet.tvm;

import static io.bttspeed.devnet.tvm.ops.Opcodes.ADD;
import static io.bttspeed.devnet.tvm.ops.Opcodes.ADDRESS;
import static io.bttspeed.devnet.tvm.ops.Opcodes.CALL;
import static io.bttspeed.devnet.tvm.ops.Opcodes.GAS;
import static io.bttspeed.devnet.tvm.ops.Opcodes.ISZERO;
import static io.bttspeed.devnet.tvm.ops.Opcodes.MSTORE;
import static io.bttspeed.devnet.tvm.ops.Opcodes.POP;
import static io.bttspeed.devnet.tvm.ops.Opcodes.SLOAD;
import static io.bttspeed.devnet.tvm.ops.Opcodes.SSTORE;
import static io.bttspeed.devnet.tvm.ops.Opcodes.STATICCALL;
import static io.bttspeed.devnet.tvm.ops.Opcodes.STOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.bttspeed.devnet.tvm.word.Word;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class LimitsTest {

  private static final long THREE_MB = 3L * 1024 * 1024;
  private static final BigInteger ALL_ENERGY =
      BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  private final TvmFixture fx = new TvmFixture();
  private final Address parent = TvmFixture.address(1);
  private final Address child = TvmFixture.address(2);

  @Test
  void callDepthStopsAt64NestedCalls() {
    byte[] recurse =
        Asm.code()
            .push(0)
            .op(SLOAD)
            .push(1)
            .op(ADD)
            .push(0)
            .op(SSTORE)
            .push(0)
            .push(0)
            .push(0)
            .push(0)
            .push(0)
            .op(ADDRESS, GAS, CALL, POP, STOP)
            .build();
    fx.install(parent, recurse);

    ExecutionResult r = fx.call(parent, 50_000_000);

    assertEquals(Outcome.SUCCESS, r.outcome());
    // the transaction's frame (depth 0) and 64 nested ones each count once
    assertEquals(Word.of(65), fx.state.storage(parent, Word.ZERO));
  }

  @Test
  void memoryUpToThreeMegabytesIsAllowedAndOneByteMoreHalts() {
    fx.install(parent, Asm.code().push(1).push(THREE_MB - 32).op(MSTORE, STOP).build());
    assertEquals(Outcome.SUCCESS, fx.call(parent, 30_000_000).outcome());

    fx.install(parent, Asm.code().push(1).push(THREE_MB - 31).op(MSTORE, STOP).build());
    ExecutionResult r = fx.call(parent, 30_000_000);
    assertEquals(Outcome.HALT, r.outcome());
    assertEquals(HaltReason.MEMORY_LIMIT, r.haltReason().orElseThrow());
    assertEquals(30_000_000, r.energyUsed());
  }

  private long energySeenByCallee(boolean rule63of64) {
    fx.install(child, Asm.code().op(GAS).push(0).op(SSTORE, STOP).build());
    fx.install(
        parent,
        Asm.code()
            .push(0)
            .push(0)
            .push(0)
            .push(0)
            .push(0)
            .push(child)
            .push(ALL_ENERGY)
            .op(CALL, STOP)
            .build());
    ExecutionResult r =
        fx.tvm.call(
            fx.state,
            TvmFixture.context(1_000_000).withCallEnergy63of64(rule63of64),
            CallRequest.of(parent, new byte[0]));
    assertEquals(Outcome.SUCCESS, r.outcome());
    return r.changes().storage().get(child).get(Word.ZERO).longValueExact();
  }

  @Test
  void the63of64RuleKeepsOneSixtyFourthForTheCaller() {
    long available = energySeenByCallee(false) + 2; // GAS itself costs 2
    long withRule = energySeenByCallee(true) + 2;
    assertEquals(available - available / 64, withRule);
  }

  @Test
  void staticCallCannotWrite() {
    fx.install(child, Asm.code().push(1).push(0).op(SSTORE, STOP).build());
    fx.install(
        parent,
        Asm.code()
            .push(0)
            .push(0)
            .push(0)
            .push(0)
            .push(child)
            .op(GAS, STATICCALL, ISZERO)
            .push(0)
            .op(SSTORE, STOP)
            .build());

    ExecutionResult r = fx.call(parent, 10_000_000);

    assertEquals(Outcome.SUCCESS, r.outcome());
    assertEquals(
        Word.of(1), r.changes().storage().get(parent).get(Word.ZERO), "STATICCALL pushed 0");
    assertFalse(r.changes().storage().containsKey(child));
  }

  @Test
  void constantCallComputesButChangesNothing() {
    fx.install(parent, Asm.code().push(9).push(0).op(SSTORE).push(42).returnTop().build());
    ExecutionResult r =
        fx.tvm.constantCall(
            fx.state, TvmFixture.context(1_000_000), CallRequest.of(parent, new byte[0]));
    assertEquals(Outcome.SUCCESS, r.outcome());
    assertEquals(Word.of(42), Word.fromBytes(r.returnData()));
    assertEquals(true, r.changes().isEmpty());
    assertEquals(20_000 + 6 * 3 + 3, r.energyUsed()); // SSTORE, six pushes, one word of memory
  }
}
