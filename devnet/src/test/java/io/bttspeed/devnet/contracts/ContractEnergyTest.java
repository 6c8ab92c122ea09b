package io.bttspeed.devnet.contracts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.bttspeed.contracts.abi.CallData;
import io.bttspeed.contracts.channel.SpeedChannelsTrc10Contract;
import io.bttspeed.devnet.DevelopmentAccount;
import io.bttspeed.devnet.Devnet;
import io.bttspeed.devnet.DevnetConfig;
import io.bttspeed.devnet.chain.contract.CreateSmartContractActuator;
import io.bttspeed.devnet.crypto.Hash32;
import io.bttspeed.tron.address.TronAddress;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tron.trident.core.ApiWrapper;
import org.tron.trident.proto.Chain.Transaction;
import org.tron.trident.proto.Chain.Transaction.Result.contractResult;
import org.tron.trident.proto.Common.SmartContract;
import org.tron.trident.proto.Contract.CreateSmartContract;
import org.tron.trident.proto.Response.TransactionInfo;

/**
 * Energy receipts of hand-assembled contracts, deployed with CreateSmartContract and called through
 * unmodified Trident, against TRON's schedule worked out by hand from java-tron's {@code
 * EnergyCost}: PUSH1 3, SSTORE 20,000 into an empty slot and 5,000 otherwise (no refunds), STOP 0,
 * RETURN and REVERT 0 plus memory growth, CODECOPY no base price (unlike Ethereum's 3) but memory
 * growth 3·words + words²/512 and copying 3 per word, and 200 per byte of runtime code stored by a
 * creation. A transaction has no intrinsic price on TRON, and the devnet burns {@link
 * #ENERGY_FEE_SUN} sun per unit (mainnet's getEnergyFee). BttTokenTest covers the TRC-20 token's
 * receipts; these cases pin exact totals.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContractEnergyTest {
  private static final long ENERGY_FEE_SUN = 100;

  /** PUSH1 1 PUSH1 0 SSTORE STOP: 3 + 3 + SSTORE + 0. */
  private static final byte[] STORE = HexFormat.of().parseHex("600160005500");

  /**
   * PUSH1 1 PUSH1 0 SSTORE PUSH1 0 PUSH1 0 REVERT: 3 + 3 + SSTORE + 3 + 3 + 0, reverting the write.
   */
  private static final byte[] STORE_THEN_REVERT =
      HexFormat.of().parseHex("6001600055" + "60006000fd");

  /** The runtime ignores call data; any four bytes make a valid TriggerSmartContract. */
  private static final CallData ANY_CALL = CallData.of(new byte[4]);

  private Devnet devnet;
  private TridentCalls calls;
  private DevelopmentAccount owner;

  @BeforeAll
  void start() {
    devnet = Devnet.start(DevnetConfig.inMemory().withInstantBlocks());
    calls = new TridentCalls(devnet);
    owner = devnet.developmentAccounts().get(6);
  }

  @AfterAll
  void stop() {
    calls.close();
    devnet.close();
  }

  /**
   * Init code returning {@code runtime} (at most 32 bytes): PUSH1 len, PUSH1 12, PUSH1 0, CODECOPY,
   * PUSH1 len, PUSH1 0, RETURN, then the runtime itself at offset 12.
   */
  private static byte[] initCodeReturning(byte[] runtime) {
    ByteArrayOutputStream code = new ByteArrayOutputStream();
    code.writeBytes(
        new byte[] {
          0x60,
          (byte) runtime.length,
          0x60,
          12,
          0x60,
          0,
          0x39,
          0x60,
          (byte) runtime.length,
          0x60,
          0,
          (byte) 0xf3
        });
    code.writeBytes(runtime);
    return code.toByteArray();
  }

  /**
   * The energy of {@link #initCodeReturning}: three PUSH1 (9), CODECOPY growing memory from 0 to 1
   * word (3) and copying 1 word (3), two PUSH1 (6), RETURN within memory already grown (0), and 200
   * per runtime byte saved.
   */
  private static long creationEnergy(byte[] runtime) {
    return 9 + 3 + 3 + 6 + 0 + 200L * runtime.length;
  }

  private TransactionInfo deploy(byte[] runtime, long feeLimitSun) throws Exception {
    return deploy(runtime, feeLimitSun, 0);
  }

  /**
   * Deploys with {@code bttUnits} of TRC-10 BTT sent along to the new contract (none when zero).
   */
  private TransactionInfo deploy(byte[] runtime, long feeLimitSun, long bttUnits) throws Exception {
    ByteString ownerAddress = ApiWrapper.parseAddress(owner.address());
    CreateSmartContract.Builder create = CreateSmartContract.newBuilder();
    if (bttUnits > 0) {
      create.setCallTokenValue(bttUnits).setTokenId(SpeedChannelsTrc10Contract.TOKEN_ID);
    }
    create
        .setOwnerAddress(ownerAddress)
        .setNewContract(
            SmartContract.newBuilder()
                .setName("HandAssembled")
                .setOriginAddress(ownerAddress)
                .setBytecode(ByteString.copyFrom(initCodeReturning(runtime)))
                .setConsumeUserResourcePercent(100)
                .setOriginEnergyLimit(1));
    Transaction unsigned = calls.api.blockingStub.deployContract(create.build()).getTransaction();
    Transaction limited =
        unsigned.toBuilder()
            .setRawData(unsigned.getRawData().toBuilder().setFeeLimit(feeLimitSun))
            .build();
    return calls.broadcast(owner, limited);
  }

  private String deployed(byte[] runtime) throws Exception {
    return deployed(runtime, 0);
  }

  private String deployed(byte[] runtime, long bttUnits) throws Exception {
    TransactionInfo info = deploy(runtime, TridentCalls.FEE_LIMIT, bttUnits);
    assertEquals(
        TransactionInfo.code.SUCESS, info.getResult(), info.getResMessage().toStringUtf8());
    return TronAddress.of(info.getContractAddress()).base58();
  }

  private TransactionInfo call(String contract, long feeLimitSun) throws Exception {
    return calls.send(owner, contract, ANY_CALL, 0, feeLimitSun);
  }

  /**
   * Energy fee = energy × price, fee = energy fee + bandwidth fee, and exactly that left the
   * caller's TRX.
   */
  private static void assertChargedFor(
      long energy, TransactionInfo info, long trxBefore, long trxAfter) {
    assertEquals(energy, info.getReceipt().getEnergyUsageTotal(), "energy");
    assertEquals(energy * ENERGY_FEE_SUN, info.getReceipt().getEnergyFee(), "energy fee");
    assertEquals(
        info.getReceipt().getEnergyFee() + info.getReceipt().getNetFee(), info.getFee(), "fee");
    assertEquals(trxBefore - info.getFee(), trxAfter, "TRX burned");
  }

  @Test
  void devnetBurnsAHundredSunPerEnergyUnit() throws Exception {
    long energyFee =
        calls.api.getChainParameters().getChainParameterList().stream()
            .filter(parameter -> parameter.getKey().equals("getEnergyFee"))
            .findFirst()
            .orElseThrow()
            .getValue();
    assertEquals(ENERGY_FEE_SUN, energyFee);
  }

  @Test
  void deployingCostsTheInitCodePlusTwoHundredPerRuntimeByte() throws Exception {
    long before = calls.trx(owner.address());

    TransactionInfo info = deploy(STORE, TridentCalls.FEE_LIMIT);

    assertEquals(TransactionInfo.code.SUCESS, info.getResult());
    assertEquals(1_221, creationEnergy(STORE));
    assertChargedFor(1_221, info, before, calls.trx(owner.address()));
    String address = TronAddress.of(info.getContractAddress()).base58();
    assertArrayEquals(STORE, calls.api.getContractInfo(address).getRuntimeCode().toByteArray());
  }

  @Test
  void firstWriteToASlotCostsTwentyThousandAndARewriteFiveThousand() throws Exception {
    String store = deployed(STORE);

    long before = calls.trx(owner.address());
    TransactionInfo first = call(store, TridentCalls.FEE_LIMIT);
    long between = calls.trx(owner.address());
    TransactionInfo second = call(store, TridentCalls.FEE_LIMIT);

    assertEquals(TransactionInfo.code.SUCESS, first.getResult());
    assertChargedFor(3 + 3 + 20_000, first, before, between);
    assertEquals(TransactionInfo.code.SUCESS, second.getResult());
    assertChargedFor(3 + 3 + 5_000, second, between, calls.trx(owner.address()));
  }

  @Test
  void outOfEnergyBurnsTheWholeLimitRoundedDownToWholeUnitsAndWritesNothing() throws Exception {
    String store = deployed(STORE);
    long limitSun = 2_000_099; // buys 20,000 whole units; the write needs 20,006
    long before = calls.trx(owner.address());

    TransactionInfo info = call(store, limitSun);

    assertEquals(TransactionInfo.code.FAILED, info.getResult());
    assertEquals(contractResult.OUT_OF_ENERGY, info.getReceipt().getResult());
    assertChargedFor(20_000, info, before, calls.trx(owner.address()));
    assertEquals(
        2_000_000, info.getReceipt().getEnergyFee(), "the limit in whole units × 100; 99 sun stay");
    TransactionInfo retry = call(store, TridentCalls.FEE_LIMIT);
    assertEquals(
        3 + 3 + 20_000, retry.getReceipt().getEnergyUsageTotal(), "the slot is still empty");
  }

  @Test
  void creationThatCannotPayForItsCodeBurnsTheLimitAndStoresNoContract() throws Exception {
    long limitSun =
        100_050; // 1,000 units: the init code's 21 fit, the 1,200 for storing 6 bytes do not
    long before = calls.trx(owner.address());

    TransactionInfo info = deploy(STORE, limitSun);

    assertEquals(TransactionInfo.code.FAILED, info.getResult());
    assertEquals(contractResult.OUT_OF_ENERGY, info.getReceipt().getResult());
    assertChargedFor(1_000, info, before, calls.trx(owner.address()));
    TronAddress wouldBe =
        CreateSmartContractActuator.addressFor(
            Hash32.of(info.getId()), TronAddress.parse(owner.address()));
    assertTrue(devnet.node().contract(wouldBe).isEmpty());
    assertEquals(0, calls.api.getContractInfo(wouldBe.base58()).getRuntimeCode().size());
  }

  @Test
  void revertBurnsOnlyTheEnergyUsedUpToTheRevertAndUndoesTheWrite() throws Exception {
    String reverting = deployed(STORE_THEN_REVERT);
    long before = calls.trx(owner.address());

    TransactionInfo info = call(reverting, TridentCalls.FEE_LIMIT);

    assertEquals(TransactionInfo.code.FAILED, info.getResult());
    assertEquals(contractResult.REVERT, info.getReceipt().getResult());
    assertEquals("REVERT opcode executed", info.getResMessage().toStringUtf8());
    assertChargedFor(3 + 3 + 20_000 + 3 + 3, info, before, calls.trx(owner.address()));
    TransactionInfo again = call(reverting, TridentCalls.FEE_LIMIT);
    assertEquals(
        20_012, again.getReceipt().getEnergyUsageTotal(), "the reverted write left the slot empty");
  }

  /**
   * CALLTOKEN of 7 BTT units to {@code to}: four PUSH1 0 (out size, out offset, in size, in
   * offset), PUSH3 token id, PUSH1 7, PUSH20 to, GAS, CALLTOKEN, STOP.
   */
  private static byte[] payBtt(TronAddress to) {
    ByteArrayOutputStream code = new ByteArrayOutputStream();
    code.writeBytes(HexFormat.of().parseHex("60006000600060006" + "20f4a10" + "6007" + "73"));
    code.writeBytes(to.evm());
    code.writeBytes(HexFormat.of().parseHex("5a" + "d0" + "00"));
    return code.toByteArray();
  }

  private long btt(String address) {
    return calls
        .api
        .getAccount(address)
        .getAssetV2OrDefault(Long.toString(SpeedChannelsTrc10Contract.TOKEN_ID), 0L);
  }

  /**
   * java-tron's getCallTokenCost: 40, plus 9,000 when a value moves, plus 25,000 when the receiver
   * does not exist yet (Program.callToAddress then creates it), plus the energy forwarded.
   * callTokenAction then adds the 2,300 stipend to the message, and an account without code hands
   * the whole message energy back (callToAddress step 5), so the stipend is a net refund: 40 +
   * 9,000 − 2,300. Around it: four PUSH1, PUSH3, PUSH1, PUSH20 (3 each), GAS (2), STOP (0).
   */
  @Test
  void tokenPayoutCostsTheValueTransferLessTheStipendAndTwentyFiveThousandMoreForANewAccount()
      throws Exception {
    long around = 4 * 3 + 3 + 3 + 3 + 2;
    long payout = 40 + 9_000 - 2_300;
    DevelopmentAccount existing = devnet.developmentAccounts().get(7);
    TronAddress fresh = TronAddress.fromEvm(HexFormat.of().parseHex("5eed".repeat(10)));
    assertEquals(0, btt(fresh.base58()));
    String toExisting = deployed(payBtt(TronAddress.parse(existing.address())), 1_000);
    String toFresh = deployed(payBtt(fresh), 1_000);
    long existingBefore = btt(existing.address());

    TransactionInfo paid = call(toExisting, TridentCalls.FEE_LIMIT);
    TransactionInfo created = call(toFresh, TridentCalls.FEE_LIMIT);

    assertEquals(TransactionInfo.code.SUCESS, paid.getResult());
    assertEquals(around + payout, paid.getReceipt().getEnergyUsageTotal());
    assertEquals(existingBefore + 7, btt(existing.address()));
    assertEquals(1_000 - 7, btt(toExisting));
    assertEquals(TransactionInfo.code.SUCESS, created.getResult());
    assertEquals(around + payout + 25_000, created.getReceipt().getEnergyUsageTotal());
    assertEquals(7, btt(fresh.base58()));
  }

  @Test
  void callReceiptNamesTheCalledContractAsJavaTronDoes() throws Exception {
    String store = deployed(STORE);
    String reverting = deployed(STORE_THEN_REVERT);

    TransactionInfo succeeded = call(store, TridentCalls.FEE_LIMIT);
    TransactionInfo reverted = call(reverting, TridentCalls.FEE_LIMIT);

    // java-tron's VMActuator.call sets the program result's contract address before running the
    // code, and
    // TransactionUtil.buildTransactionInfoInstance copies it into every contract transaction's
    // info.
    assertEquals(TronAddress.parse(store).toByteString(), succeeded.getContractAddress());
    assertEquals(TronAddress.parse(reverting).toByteString(), reverted.getContractAddress());
  }

  @Test
  void failedCreationReceiptNamesTheContractItWouldHaveMadeAsJavaTronDoes() throws Exception {
    TransactionInfo info = deploy(STORE, 100_050);

    assertEquals(TransactionInfo.code.FAILED, info.getResult());
    // VMActuator.create sets the address on the program result before running the init code.
    assertEquals(
        CreateSmartContractActuator.addressFor(
                Hash32.of(info.getId()), TronAddress.parse(owner.address()))
            .toByteString(),
        info.getContractAddress());
  }
}
