package io.bttspeed.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.devnet.chain.Genesis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tron.trident.core.ApiWrapper;
import org.tron.trident.core.key.KeyPair;
import org.tron.trident.proto.Chain.Transaction;
import org.tron.trident.proto.Contract.AssetIssueContract;
import org.tron.trident.proto.Response.TransactionExtention;
import org.tron.trident.proto.Response.TransactionInfo;

/**
 * TRX, TRC-10 and token issue end to end through unmodified Trident, with balances exact to the
 * sun.
 */
class TransfersTest {
  private static Devnet devnet;
  private static DevelopmentAccount alice;
  private static DevelopmentAccount bob;
  private static ApiWrapper api;

  @BeforeAll
  static void start() {
    devnet = Devnet.start(DevnetConfig.inMemory().withInstantBlocks());
    alice = devnet.developmentAccounts().get(0);
    bob = devnet.developmentAccounts().get(1);
    api = new ApiWrapper(devnet.target(), devnet.target(), alice.privateKeyHex());
  }

  @AfterAll
  static void stop() {
    api.close();
    devnet.close();
  }

  @Test
  void developmentAccountsStartWithAMillionTrxAndAMillionBtt() {
    assertEquals(10, devnet.developmentAccounts().size());
    // Accounts 7..9 are left alone by the other tests here.
    for (DevelopmentAccount account : devnet.developmentAccounts().subList(7, 10)) {
      var state = api.getAccount(account.address());
      assertEquals(1_000_000_000_000L, state.getBalance());
      assertEquals(1_000_000_000_000L, state.getAssetV2OrThrow(Genesis.BTT_TOKEN_ID));
    }
  }

  @Test
  void trxTransferMovesTheAmountAndChargesExactlyTheReportedFee() throws Exception {
    long aliceBefore = api.getAccountBalance(alice.address());
    long bobBefore = api.getAccountBalance(bob.address());

    TransactionExtention built = api.transfer(alice.address(), bob.address(), 1_234_567);
    Transaction signed = api.signTransaction(built);
    String txId = api.broadcastTransaction(signed);

    TransactionInfo info = api.getTransactionInfoById(txId);
    assertTrue(info.getBlockNumber() > 0, "the transfer is in a block");
    assertTrue(info.getBlockTimeStamp() >= Genesis.TIMESTAMP_MS);
    assertEquals(info.getFee(), info.getReceipt().getNetFee());
    assertEquals(aliceBefore - 1_234_567 - info.getFee(), api.getAccountBalance(alice.address()));
    assertEquals(bobBefore + 1_234_567, api.getAccountBalance(bob.address()));
    assertEquals(
        Transaction.Result.contractResult.SUCCESS,
        api.getTransactionById(txId).getRet(0).getContractRet());
    assertEquals(txId, ApiWrapper.toHex(ApiWrapper.calculateTransactionHash(signed)));
  }

  @Test
  void transferToANewAddressCreatesItForBothCreationFees() throws Exception {
    String fresh = KeyPair.generate().toBase58CheckAddress();
    long before = api.getAccountBalance(alice.address());

    String txId =
        api.broadcastTransaction(
            api.signTransaction(api.transfer(alice.address(), fresh, 5_000_000)));

    TransactionInfo info = api.getTransactionInfoById(txId);
    long createAccountFee = 100_000;
    long createNewAccountFeeInSystemContract = 1_000_000;
    assertEquals(createAccountFee + createNewAccountFeeInSystemContract, info.getFee());
    assertEquals(createAccountFee, info.getReceipt().getNetFee());
    assertEquals(5_000_000, api.getAccountBalance(fresh));
    assertEquals(before - 5_000_000 - info.getFee(), api.getAccountBalance(alice.address()));
  }

  @Test
  void trc10BttTransferMovesTokensAndOnlyBandwidthIsPaidInTrx() throws Exception {
    long aliceTrx = api.getAccountBalance(alice.address());
    long aliceBtt = api.getAccount(alice.address()).getAssetV2OrThrow(Genesis.BTT_TOKEN_ID);
    long bobBtt = api.getAccount(bob.address()).getAssetV2OrThrow(Genesis.BTT_TOKEN_ID);

    String txId =
        api.broadcastTransaction(
            api.signTransaction(
                api.transferTrc10(
                    alice.address(),
                    bob.address(),
                    Integer.parseInt(Genesis.BTT_TOKEN_ID),
                    42_000_000)));

    TransactionInfo info = api.getTransactionInfoById(txId);
    assertEquals(
        aliceBtt - 42_000_000,
        api.getAccount(alice.address()).getAssetV2OrThrow(Genesis.BTT_TOKEN_ID));
    assertEquals(
        bobBtt + 42_000_000, api.getAccount(bob.address()).getAssetV2OrThrow(Genesis.BTT_TOKEN_ID));
    assertEquals(aliceTrx - info.getFee(), api.getAccountBalance(alice.address()));
  }

  @Test
  void assetIssueCreatesTheNextTokenIdForTheIssueFee() throws Exception {
    DevelopmentAccount issuer = devnet.developmentAccounts().get(5);
    try (TridentSession wrapper = new TridentSession(devnet, issuer)) {
      long before = wrapper.api.getAccountBalance(issuer.address());
      long start = wrapper.api.getNowBlock().getBlockHeader().getRawData().getTimestamp() + 60_000;
      TransactionExtention built =
          wrapper.api.createAssetIssue(
              issuer.address(),
              "SpeedToken",
              "SPD",
              1_000_000_000L,
              1,
              1,
              start,
              start + 86_400_000L,
              "https://example.org",
              0,
              0,
              6,
              "test token");
      String txId = wrapper.api.broadcastTransaction(wrapper.api.signTransaction(built));

      TransactionInfo info = wrapper.api.getTransactionInfoById(txId);
      assertEquals("1000001", info.getAssetIssueID());
      AssetIssueContract issued = wrapper.api.getAssetIssueById("1000001");
      assertEquals("SpeedToken", issued.getName().toStringUtf8());
      assertEquals(
          1_000_000_000L, wrapper.api.getAccount(issuer.address()).getAssetV2OrThrow("1000001"));
      assertEquals(
          before - 1_024_000_000L - info.getReceipt().getNetFee(),
          wrapper.api.getAccountBalance(issuer.address()));
      assertEquals(1_024_000_000L + info.getReceipt().getNetFee(), info.getFee());
    }
  }
}
