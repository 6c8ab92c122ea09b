package io.bttspeed.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.bttspeed.devnet.chain.Genesis;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tron.trident.core.ApiWrapper;
import org.tron.trident.core.key.KeyPair;
import org.tron.trident.proto.Chain.Transaction;
import org.tron.trident.proto.Contract.TransferContract;
import org.tron.trident.proto.Response.Account;
import org.tron.trident.proto.Response.TransactionReturn;
import org.tron.trident.proto.Response.TransactionReturn.response_code;

/**
 * Every rejection provoked on purpose: the node answers java-tron's code and message, and nothing
 * changes — neither balances nor the chain. Free bandwidth is off here so every transaction has a
 * visible fee.
 */
class RejectionsTest {
  private static Devnet devnet;
  private static ApiWrapper api;
  private static DevelopmentAccount alice;
  private static DevelopmentAccount bob;

  @BeforeAll
  static void start() {
    devnet =
        Devnet.start(
            DevnetConfig.inMemory().withInstantBlocks().withParameter("getFreeNetLimit", 0));
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
  void overdraftIsAContractValidateErrorWithJavaTronsMessage() throws Exception {
    assertRejected(
        signed(
            api.transfer(alice.address(), bob.address(), 2_000_000_000_000L).getTransaction(),
            alice),
        response_code.CONTRACT_VALIDATE_ERROR,
        "Contract validate error : Validate TransferContract error, balance is not sufficient.");
  }

  @Test
  void transferToYourselfIsRefused() throws Exception {
    assertRejected(
        signed(api.transfer(alice.address(), alice.address(), 1).getTransaction(), alice),
        response_code.CONTRACT_VALIDATE_ERROR,
        "Contract validate error : Cannot transfer TRX to yourself.");
  }

  @Test
  void trc10OverdraftAndUnknownTokenAreRefused() throws Exception {
    assertRejected(
        signed(
            api.transferTrc10(
                    alice.address(),
                    bob.address(),
                    Integer.parseInt(Genesis.BTT_TOKEN_ID),
                    2_000_000_000_000L)
                .getTransaction(),
            alice),
        response_code.CONTRACT_VALIDATE_ERROR,
        "Contract validate error : assetBalance is not sufficient.");
    assertRejected(
        signed(
            api.transferTrc10(alice.address(), bob.address(), 1999999, 1).getTransaction(), alice),
        response_code.CONTRACT_VALIDATE_ERROR,
        "Contract validate error : No asset!");
  }

  @Test
  void signatureByAnotherKeyIsASigError() throws Exception {
    Transaction tx = signed(api.transfer(alice.address(), bob.address(), 1).getTransaction(), bob);
    TransactionReturn answer = broadcast(tx);
    assertEquals(response_code.SIGERROR, answer.getCode());
    String message = answer.getMessage().toStringUtf8();
    assertEquals(true, message.startsWith("Validate signature error: "), message);
    assertEquals(
        true,
        message.endsWith(
            " is signed by " + bob.address() + " but it is not contained of permission."),
        message);
  }

  @Test
  void unsignedTransactionIsASigError() throws Exception {
    assertRejected(
        api.transfer(alice.address(), bob.address(), 1).getTransaction(),
        response_code.SIGERROR,
        "Validate signature error: miss sig or contract");
  }

  @Test
  void signatureAcceptsRecoveryIdsZeroOneAndTwentySevenTwentyEight() throws Exception {
    Transaction tx =
        signed(api.transfer(alice.address(), bob.address(), 3).getTransaction(), alice);
    byte[] sig = tx.getSignature(0).toByteArray();
    sig[64] = (byte) (sig[64] >= 27 ? sig[64] - 27 : sig[64] + 27);
    TransactionReturn answer =
        broadcast(tx.toBuilder().setSignature(0, ByteString.copyFrom(sig)).build());
    assertEquals(response_code.SUCCESS, answer.getCode(), answer.getMessage().toStringUtf8());
  }

  @Test
  void unknownReferenceBlockIsATaposError() throws Exception {
    Transaction tx =
        withRaw(
            api.transfer(alice.address(), bob.address(), 1).getTransaction(),
            raw -> raw.setRefBlockHash(ByteString.copyFrom(new byte[8])));
    assertRejected(signed(tx, alice), response_code.TAPOS_ERROR, "Tapos check error.");
  }

  @Test
  void expiredAndTooDistantExpirationsAreRefused() throws Exception {
    long head = api.getNowBlock().getBlockHeader().getRawData().getTimestamp();
    Transaction base = api.transfer(alice.address(), bob.address(), 1).getTransaction();
    assertRejected(
        signed(withRaw(base, raw -> raw.setExpiration(head - 1)), alice),
        response_code.TRANSACTION_EXPIRATION_ERROR,
        "Transaction expired");
    assertRejected(
        signed(withRaw(base, raw -> raw.setExpiration(head + 86_400_000L + 60_000)), alice),
        response_code.TRANSACTION_EXPIRATION_ERROR,
        "Transaction expired");
  }

  @Test
  void theSameTransactionTwiceIsADuplicate() throws Exception {
    Transaction tx =
        signed(api.transfer(alice.address(), bob.address(), 7).getTransaction(), alice);
    assertEquals(response_code.SUCCESS, broadcast(tx).getCode());
    assertRejected(tx, response_code.DUP_TRANSACTION_ERROR, "Dup transaction.");
  }

  @Test
  void transactionWithoutOrWithTwoContractsIsRefused() throws Exception {
    Transaction base = api.transfer(alice.address(), bob.address(), 1).getTransaction();
    assertRejected(
        signed(withRaw(base, Transaction.raw.Builder::clearContract), alice),
        response_code.CONTRACT_VALIDATE_ERROR,
        "Contract validate error : No contract!");
    TransactionReturn answer =
        broadcast(signed(withRaw(base, raw -> raw.addContract(raw.getContract(0))), alice));
    assertEquals(response_code.CONTRACT_VALIDATE_ERROR, answer.getCode());
    assertEquals(
        true, answer.getMessage().toStringUtf8().contains("contract size should be exactly 1"));
  }

  @Test
  void accountThatCannotPayForBandwidthGetsABandwidthError() throws Exception {
    KeyPair poor = KeyPair.generate();
    // 100 sun: the account exists (alice pays its creation fees) but cannot burn for a single byte.
    api.broadcastTransaction(
        api.signTransaction(api.transfer(alice.address(), poor.toBase58CheckAddress(), 100)));
    ApiWrapper poorApi = new ApiWrapper(devnet.target(), devnet.target(), poor.toPrivateKey());
    try {
      Transaction tx =
          poorApi.signTransaction(poorApi.transfer(poor.toBase58CheckAddress(), bob.address(), 1));
      assertRejected(tx, response_code.BANDWITH_ERROR, "Account resource insufficient error.");
    } finally {
      poorApi.close();
    }
  }

  @Test
  void unsupportedContractTypeIsAContractValidateError() throws Exception {
    Transaction base = api.transfer(alice.address(), bob.address(), 1).getTransaction();
    Transaction vote =
        withRaw(
            base,
            raw ->
                raw.setContract(
                    0,
                    raw.getContract(0).toBuilder()
                        .setType(Transaction.Contract.ContractType.WitnessCreateContract)
                        .setParameter(Any.pack(TransferContract.getDefaultInstance()))));
    TransactionReturn answer = broadcast(signed(vote, alice));
    assertEquals(response_code.CONTRACT_VALIDATE_ERROR, answer.getCode());
  }

  private static void assertRejected(Transaction tx, response_code code, String message) {
    Account aliceBefore = api.getAccount(alice.address());
    Account bobBefore = api.getAccount(bob.address());
    long headBefore = devnet.node().headNumber();

    TransactionReturn answer = broadcast(tx);

    assertFalse(answer.getResult());
    assertEquals(code, answer.getCode());
    assertEquals(message, answer.getMessage().toStringUtf8());
    assertEquals(aliceBefore, api.getAccount(alice.address()), "no state change for the sender");
    assertEquals(bobBefore, api.getAccount(bob.address()), "no state change for the recipient");
    assertEquals(headBefore, devnet.node().headNumber(), "no block for a rejected transaction");
  }

  private static TransactionReturn broadcast(Transaction tx) {
    return api.blockingStub.broadcastTransaction(tx);
  }

  private static Transaction withRaw(
      Transaction tx, UnaryOperator<Transaction.raw.Builder> change) {
    return tx.toBuilder()
        .setRawData(change.apply(tx.getRawData().toBuilder()))
        .clearSignature()
        .build();
  }

  private static Transaction signed(Transaction tx, DevelopmentAccount signer) {
    Transaction unsigned = tx.toBuilder().clearSignature().build();
    return unsigned.toBuilder()
        .addSignature(
            ByteString.copyFrom(
                KeyPair.signTransaction(
                    ApiWrapper.calculateTransactionHash(unsigned),
                    new KeyPair(signer.privateKeyHex()))))
        .build();
  }
}
