package io.bttspeed.devnet.tvm;

import static io.bttspeed.devnet.tvm.ops.Opcodes.CREATE;
import static io.bttspeed.devnet.tvm.ops.Opcodes.CREATE2;
import static io.bttspeed.devnet.tvm.ops.Opcodes.MSTORE;
import static io.bttspeed.devnet.tvm.ops.Opcodes.RETURN;
import static io.bttspeed.devnet.tvm.ops.Opcodes.SSTORE;
import static io.bttspeed.devnet.tvm.ops.Opcodes.STOP;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.devnet.tvm.state.NewContract;
import io.bttspeed.devnet.tvm.word.Word;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.junit.jupiter.api.Test;

class ContractAddressTest {

  private final TvmFixture fx = new TvmFixture();

  /** keccak256 of the concatenation, computed here without the production helper. */
  private static byte[] keccak(byte[]... parts) {
    KeccakDigest d = new KeccakDigest(256);
    for (byte[] p : parts) {
      d.update(p, 0, p.length);
    }
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }

  private static Address last20(byte[] hash) {
    return Address.of(Arrays.copyOfRange(hash, 12, 32));
  }

  @Test
  void creationTransactionDeploysAtKeccakOfTxIdAndTronOwner() {
    byte[] runtime = Asm.code().push(1).op(STOP).build();
    ExecutionResult r =
        fx.tvm.create(
            fx.state, TvmFixture.context(1_000_000), CreateRequest.of(Asm.deployer(runtime)));

    Address expected = last20(keccak(TvmFixture.TX_ID.toBytes(), TvmFixture.OWNER.toTron()));
    assertEquals(Outcome.SUCCESS, r.outcome());
    assertEquals(expected, r.contractAddress().orElseThrow());
    assertArrayEquals(runtime, r.returnData());
    List<NewContract> created = r.changes().newContracts();
    assertEquals(1, created.size());
    assertEquals(expected, created.get(0).address());
    assertEquals(TvmFixture.OWNER, created.get(0).creator());
    assertArrayEquals(runtime, created.get(0).code());
  }

  @Test
  void createUsesRootTxIdAndTheInternalNonceAndCreate2UsesThe41Prefix() {
    byte[] childInit = Asm.deployer(new byte[] {0});
    assertEquals(16, childInit.length);
    Word salt = Word.of(0x5a17);
    byte[] factory =
        Asm.code()
            .push(new BigInteger(1, childInit))
            .push(0)
            .op(MSTORE)
            .push(16)
            .push(16)
            .push(0)
            .op(CREATE)
            .push(0)
            .op(SSTORE)
            .push(16)
            .push(16)
            .push(0)
            .op(CREATE)
            .push(1)
            .op(SSTORE)
            .push(salt)
            .push(16)
            .push(16)
            .push(0)
            .op(CREATE2)
            .push(2)
            .op(SSTORE)
            .op(STOP)
            .build();
    Address factoryAddress = fx.install(TvmFixture.address(7), factory);

    ExecutionResult r = fx.call(factoryAddress, 5_000_000);

    assertEquals(Outcome.SUCCESS, r.outcome());
    byte[] txId = TvmFixture.TX_ID.toBytes();
    Address first = last20(keccak(txId, new byte[8]));
    Address second = last20(keccak(txId, new byte[] {0, 0, 0, 0, 0, 0, 0, 1}));
    Address third = last20(keccak(factoryAddress.toTron(), salt.toBytes(), keccak(childInit)));
    Map<Word, Word> slots = r.changes().storage().get(factoryAddress);
    assertEquals(first.toWord(), slots.get(Word.of(0)));
    assertEquals(second.toWord(), slots.get(Word.of(1)));
    assertEquals(third.toWord(), slots.get(Word.of(2)));
    assertEquals(3, r.changes().newContracts().size());
    assertTrue(
        r.internalTransactions().stream()
            .allMatch(t -> t.note() == InternalTransaction.Note.CREATE && !t.rejected()));
  }

  @Test
  void aCreationTransactionIsNotAnInternalStepSoItsConstructorCreatesWithNonceZero() {
    byte[] childInit = Asm.deployer(new byte[] {0});
    byte[] init =
        Asm.code()
            .push(new BigInteger(1, childInit))
            .push(0)
            .op(MSTORE)
            .push(16)
            .push(16)
            .push(0)
            .op(CREATE)
            .push(0)
            .op(SSTORE)
            .push(0)
            .push(0)
            .op(RETURN)
            .build();

    ExecutionResult r =
        fx.tvm.create(fx.state, TvmFixture.context(5_000_000), CreateRequest.of(init));

    assertEquals(Outcome.SUCCESS, r.outcome());
    Address contract = r.contractAddress().orElseThrow();
    Address child = last20(keccak(TvmFixture.TX_ID.toBytes(), new byte[8]));
    assertEquals(child.toWord(), r.changes().storage().get(contract).get(Word.ZERO));
    assertEquals(1, r.internalTransactions().size());
    assertEquals(1, r.internalTransactions().get(0).nonce());
  }

  @Test
  void valueSentToAMissingAccountCreatesIt() {
    Address fresh = TvmFixture.address(0x77);
    ExecutionResult r =
        fx.tvm.call(
            fx.state,
            TvmFixture.context(100_000),
            new CallRequest(fresh, new byte[0], 1_500, 0, 0));

    assertEquals(Outcome.SUCCESS, r.outcome());
    assertEquals(0, r.energyUsed());
    assertTrue(r.changes().createdAccounts().contains(fresh));
    assertEquals(1_500L, r.changes().balances().get(fresh));
    assertEquals(1_000_000_000_000L - 1_500, r.changes().balances().get(TvmFixture.OWNER));
  }
}
