package io.bttspeed.devnet.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.protobuf.ByteString;
import io.bttspeed.devnet.Devnet;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.ChannelId;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tron.trident.proto.Response.InternalTransaction;
import org.tron.trident.proto.Response.InternalTransaction.CallValueInfo;
import org.tron.trident.proto.Response.TransactionInfo;

/** The channel lifecycle on SpeedChannelsTrc10 with TRC-10 BTT (token id 1002000). */
class Trc10ChannelLifecycleTest extends ChannelLifecycleCases {
  private static final String BTT = Long.toString(Trc10Hub.TOKEN_ID);

  @Override
  ChannelHub hub(Devnet devnet, TridentCalls calls) {
    return new Trc10Hub(devnet, calls);
  }

  /** A payout is a CALLTOKEN from the hub, which TransactionInfo lists as an internal "call". */
  @Test
  void closeListsThePayoutAndTheRefundAsInternalTokenTransfers() throws Exception {
    ChannelId id = open(DEPOSIT);
    BigInteger cumulative = units(1_000_003);

    TransactionInfo info = hub.close(payee, id, cumulative, voucher(id, cumulative));

    assertSucceeded(info);
    assertEquals(
        List.of(
            new TokenTransfer(hub.address(), payee.address(), cumulative.longValueExact()),
            new TokenTransfer(
                hub.address(), payer.address(), DEPOSIT.subtract(cumulative).longValueExact())),
        info.getInternalTransactionsList().stream().map(TokenTransfer::of).toList());
    for (InternalTransaction step : info.getInternalTransactionsList()) {
      assertEquals("call", step.getNote().toStringUtf8());
      assertFalse(step.getRejected());
    }
  }

  /**
   * java-tron's {@code TransactionUtil.buildInternalTransaction} always writes the TRX value first
   * (0 for a CALLTOKEN, whose {@code Program.callToAddress} records value 0 and the tokens apart),
   * then one entry per token; a client reading call_value_info[0] as the token transfer works on
   * the devnet and breaks on mainnet.
   */
  @Test
  void tokenPayoutListsAZeroTrxValueBeforeTheTokenAsJavaTronDoes() throws Exception {
    ChannelId id = open(DEPOSIT);
    BigInteger cumulative = units(31);

    TransactionInfo info = hub.settle(payee, id, cumulative, voucher(id, cumulative));

    assertSucceeded(info);
    assertEquals(1, info.getInternalTransactionsCount());
    assertEquals(
        List.of(
            CallValueInfo.newBuilder().setCallValue(0).build(),
            CallValueInfo.newBuilder().setTokenId(BTT).setCallValue(31).build()),
        info.getInternalTransactions(0).getCallValueInfoList());
  }

  /**
   * java-tron gives each internal transaction its own hash, sha3 of its encoding and nonce ({@code
   * org.tron.common.runtime.InternalTransaction.getHash}); the root transaction id is only its
   * parent.
   */
  @Test
  void eachInternalTransactionHasItsOwnHashAsJavaTronGivesIt() throws Exception {
    ChannelId id = open(DEPOSIT);
    BigInteger cumulative = units(5);

    TransactionInfo info = hub.close(payee, id, cumulative, voucher(id, cumulative));

    assertSucceeded(info);
    List<ByteString> hashes =
        info.getInternalTransactionsList().stream().map(InternalTransaction::getHash).toList();
    assertEquals(2, hashes.stream().distinct().count(), "payout and refund: " + hashes);
    assertFalse(hashes.contains(info.getId()), "an internal hash is not the transaction id");
  }

  /** The entry that names token 1002000, wherever the node puts it. */
  private record TokenTransfer(String from, String to, long amount) {
    static TokenTransfer of(InternalTransaction step) {
      CallValueInfo value =
          step.getCallValueInfoList().stream()
              .filter(info -> info.getTokenId().equals(BTT))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no BTT in " + step.getCallValueInfoList()));
      return new TokenTransfer(
          TronAddress.of(step.getCallerAddress()).base58(),
          TronAddress.of(step.getTransferToAddress()).base58(),
          value.getCallValue());
    }
  }
}
