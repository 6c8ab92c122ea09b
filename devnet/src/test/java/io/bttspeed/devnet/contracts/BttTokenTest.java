package io.bttspeed.devnet.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.contracts.EvmAddress;
import io.bttspeed.contracts.abi.EventLog;
import io.bttspeed.contracts.abi.RevertReason;
import io.bttspeed.contracts.token.BttTokenContract;
import io.bttspeed.contracts.token.TokenEvent;
import io.bttspeed.devnet.DevelopmentAccount;
import io.bttspeed.devnet.Devnet;
import io.bttspeed.devnet.DevnetConfig;
import io.bttspeed.devnet.TridentSession;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tron.trident.abi.TypeReference;
import org.tron.trident.abi.datatypes.Address;
import org.tron.trident.abi.datatypes.Bool;
import org.tron.trident.abi.datatypes.Function;
import org.tron.trident.abi.datatypes.generated.Uint256;
import org.tron.trident.core.ApiWrapper;
import org.tron.trident.proto.Chain.Transaction;
import org.tron.trident.proto.Response.TransactionExtention;
import org.tron.trident.proto.Response.TransactionInfo;

/**
 * The genesis TRC-20 BTT through unmodified Trident: balances, transfer, approve, transferFrom,
 * events, failures.
 */
class BttTokenTest {
  private static final BigInteger ONE_BTT = BigInteger.TEN.pow(18);
  private static final long FEE_LIMIT = 100_000_000L;

  private static Devnet devnet;
  private static DevelopmentAccount alice;
  private static DevelopmentAccount bob;
  private static DevelopmentAccount carol;
  private static ApiWrapper api;

  @BeforeAll
  static void start() {
    devnet = Devnet.start(DevnetConfig.inMemory().withInstantBlocks());
    alice = devnet.developmentAccounts().get(0);
    bob = devnet.developmentAccounts().get(1);
    carol = devnet.developmentAccounts().get(2);
    api = new ApiWrapper(devnet.target(), devnet.target(), alice.privateKeyHex());
  }

  @AfterAll
  static void stop() {
    api.close();
    devnet.close();
  }

  @Test
  void everyDevelopmentAccountHoldsAMillionTrc20Btt() {
    for (DevelopmentAccount account : devnet.developmentAccounts().subList(5, 10)) {
      assertEquals(ONE_BTT.multiply(BigInteger.valueOf(1_000_000)), balanceOf(account.address()));
    }
    TransactionExtention decimals =
        api.constantCall(
            alice.address(),
            devnet.bttTokenAddress(),
            new Function("decimals", List.of(), List.of()));
    assertEquals(18, new BigInteger(1, decimals.getConstantResult(0).toByteArray()).intValue());
  }

  @Test
  void transferMovesTokensEmitsTransferAndBurnsExactlyTheUsedEnergy() throws Exception {
    BigInteger aliceBefore = balanceOf(alice.address());
    BigInteger bobBefore = balanceOf(bob.address());
    long trxBefore = api.getAccountBalance(alice.address());
    BigInteger amount = ONE_BTT.multiply(BigInteger.valueOf(12)).add(BigInteger.valueOf(345));

    TransactionInfo info = send(alice, transfer(bob.address(), amount));

    assertEquals(TransactionInfo.code.SUCESS, info.getResult());
    assertEquals(aliceBefore.subtract(amount), balanceOf(alice.address()));
    assertEquals(bobBefore.add(amount), balanceOf(bob.address()));
    long energy = info.getReceipt().getEnergyUsageTotal();
    // Two SSTOREs that change non-zero balances (5,000 each under TRON's schedule) plus the call
    // around them.
    assertTrue(energy > 10_000 && energy < 20_000, "a TRC-20 transfer between holders: " + energy);
    assertEquals(
        energy * 100, info.getReceipt().getEnergyFee(), "energy is burned at getEnergyFee sun");
    assertEquals(info.getReceipt().getEnergyFee() + info.getReceipt().getNetFee(), info.getFee());
    assertEquals(trxBefore - info.getFee(), api.getAccountBalance(alice.address()));
    assertEquals(1, info.getLogCount());
    EventLog log =
        new EventLog(
            EvmAddress.fromTron(ApiWrapper.parseAddress(devnet.bttTokenAddress()).toByteArray()),
            info.getLog(0).getTopicsList().stream().map(t -> t.toByteArray()).toList(),
            info.getLog(0).getData().toByteArray());
    TokenEvent event = BttTokenContract.decodeEvent(log).orElseThrow();
    assertEquals(new TokenEvent.Transfer(evm(alice.address()), evm(bob.address()), amount), event);
  }

  @Test
  void approveThenTransferFromSpendsTheAllowance() throws Exception {
    BigInteger allowance = ONE_BTT.multiply(BigInteger.valueOf(5));
    send(
        alice,
        new Function(
            "approve",
            List.of(new Address(carol.address()), new Uint256(allowance)),
            List.of(new TypeReference<Bool>() {})));
    BigInteger bobBefore = balanceOf(bob.address());

    try (TridentSession session = new TridentSession(devnet, carol)) {
      ApiWrapper carolApi = session.api;
      Transaction tx =
          carolApi
              .triggerCall(
                  carol.address(),
                  devnet.bttTokenAddress(),
                  new Function(
                      "transferFrom",
                      List.of(
                          new Address(alice.address()),
                          new Address(bob.address()),
                          new Uint256(ONE_BTT.multiply(BigInteger.TWO))),
                      List.of(new TypeReference<Bool>() {})))
              .setFeeLimit(FEE_LIMIT)
              .build();
      String txId = carolApi.broadcastTransaction(carolApi.signTransaction(tx));
      assertEquals(TransactionInfo.code.SUCESS, carolApi.getTransactionInfoById(txId).getResult());
    }
    assertEquals(bobBefore.add(ONE_BTT.multiply(BigInteger.TWO)), balanceOf(bob.address()));
    TransactionExtention left =
        api.constantCall(
            alice.address(),
            devnet.bttTokenAddress(),
            new Function(
                "allowance",
                List.of(new Address(alice.address()), new Address(carol.address())),
                List.of()));
    assertEquals(
        ONE_BTT.multiply(BigInteger.valueOf(3)),
        new BigInteger(1, left.getConstantResult(0).toByteArray()));
  }

  @Test
  void overdraftRevertsWithItsReasonAndMovesNothingButTheFee() throws Exception {
    DevelopmentAccount dave = devnet.developmentAccounts().get(3);
    BigInteger daveBefore = balanceOf(dave.address());
    BigInteger bobBefore = balanceOf(bob.address());
    long trxBefore = api.getAccountBalance(dave.address());

    TransactionInfo info = send(dave, transfer(bob.address(), daveBefore.add(BigInteger.ONE)));

    assertEquals(TransactionInfo.code.FAILED, info.getResult());
    assertEquals("REVERT opcode executed", info.getResMessage().toStringUtf8());
    assertEquals(
        "BTT: insufficient balance",
        RevertReason.decode(info.getContractResult(0).toByteArray()).orElseThrow());
    assertEquals(daveBefore, balanceOf(dave.address()));
    assertEquals(bobBefore, balanceOf(bob.address()));
    assertTrue(info.getFee() > 0);
    assertEquals(trxBefore - info.getFee(), api.getAccountBalance(dave.address()));
    assertEquals(
        info.getReceipt().getEnergyUsageTotal() * 100,
        info.getReceipt().getEnergyFee(),
        "a revert burns only the energy it used");
  }

  @Test
  void outOfEnergyBurnsTheWholeLimit() throws Exception {
    DevelopmentAccount erin = devnet.developmentAccounts().get(4);
    long limitSun = 1_000_000L; // 10,000 energy: not enough for a transfer
    try (TridentSession session = new TridentSession(devnet, erin)) {
      ApiWrapper erinApi = session.api;
      long before = erinApi.getAccountBalance(erin.address());
      Transaction tx =
          erinApi
              .triggerCall(
                  erin.address(), devnet.bttTokenAddress(), transfer(bob.address(), BigInteger.ONE))
              .setFeeLimit(limitSun)
              .build();
      String txId = erinApi.broadcastTransaction(erinApi.signTransaction(tx));
      TransactionInfo info = erinApi.getTransactionInfoById(txId);
      assertEquals(TransactionInfo.code.FAILED, info.getResult());
      assertEquals(
          org.tron.trident.proto.Chain.Transaction.Result.contractResult.OUT_OF_ENERGY,
          info.getReceipt().getResult());
      assertEquals(10_000, info.getReceipt().getEnergyUsageTotal());
      assertEquals(limitSun, info.getReceipt().getEnergyFee());
      assertEquals(before - info.getFee(), erinApi.getAccountBalance(erin.address()));
    }
  }

  @Test
  void estimateEnergyMatchesWhatTheTransferUses() throws Exception {
    long estimate =
        api.estimateEnergy(
                alice.address(), devnet.bttTokenAddress(), transfer(carol.address(), ONE_BTT))
            .getEnergyRequired();
    TransactionInfo info = send(alice, transfer(carol.address(), ONE_BTT));
    assertTrue(
        estimate >= info.getReceipt().getEnergyUsageTotal(),
        "estimate " + estimate + " covers " + info.getReceipt().getEnergyUsageTotal());
    assertFalse(api.getContract(devnet.bttTokenAddress()).getAbi().getEntrysList().isEmpty());
  }

  private static Function transfer(String to, BigInteger amount) {
    return new Function(
        "transfer",
        List.of(new Address(to), new Uint256(amount)),
        List.of(new TypeReference<Bool>() {}));
  }

  private static TransactionInfo send(DevelopmentAccount from, Function function) throws Exception {
    try (TridentSession session = new TridentSession(devnet, from)) {
      ApiWrapper sender = session.api;
      Transaction tx =
          sender
              .triggerCall(from.address(), devnet.bttTokenAddress(), function)
              .setFeeLimit(FEE_LIMIT)
              .build();
      String txId = sender.broadcastTransaction(sender.signTransaction(tx));
      return sender.getTransactionInfoById(txId);
    }
  }

  private static BigInteger balanceOf(String address) {
    TransactionExtention result =
        api.constantCall(
            alice.address(),
            devnet.bttTokenAddress(),
            new Function("balanceOf", List.of(new Address(address)), List.of()));
    return new BigInteger(1, result.getConstantResult(0).toByteArray());
  }

  private static EvmAddress evm(String base58) {
    return EvmAddress.fromTron(ApiWrapper.parseAddress(base58).toByteArray());
  }
}
