package io.bttspeed.wallet.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.wallet.chain.TransactionOutcome;
import io.bttspeed.wallet.error.InsufficientFundsException;
import io.bttspeed.wallet.store.TransferRecord;
import io.bttspeed.wallet.store.TransferStatus;
import io.bttspeed.wallet.store.WalletRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The send pipeline's shortcuts, against a real devnet: the tracker confirms from whole blocks once
 * it has its bearings, and the balance check's recent account state neither lets quick successive
 * sends spend more than the balance nor refuses money that has just arrived.
 */
class SendPipelineTest {

  private static final long TRX = 1_000_000;

  private Pipeline pipeline;
  private TronAddress existing;

  @BeforeEach
  void start() {
    pipeline = new Pipeline(0);
    existing = TronAddress.parse(pipeline.devnet.developmentAccounts().get(3).address());
  }

  @AfterEach
  void stop() {
    pipeline.close();
  }

  @Test
  void transfersSentAfterTheTrackersFirstPassAreConfirmedFromBlocks() {
    TransferRecord first = send(pipeline.sender, existing, 1);
    assertEquals(TransferStatus.CONFIRMED, pipeline.trackUntilFinal(first.transferId()).status());
    List<TransferRecord> later = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      later.add(send(pipeline.sender, existing, 100 + i));
    }
    for (TransferRecord t : later) {
      TransferRecord done = pipeline.trackUntilFinal(t.transferId());
      assertEquals(TransferStatus.CONFIRMED, done.status(), done.failureReason());
      TransactionOutcome onChain =
          pipeline.gateway.outcome(done.txid().orElseThrow()).orElseThrow();
      assertEquals(onChain.blockNumber(), done.blockNumber());
      assertEquals(onChain.feeSun(), done.feeSun());
    }
  }

  @Test
  void successiveSendsCannotSpendMoreThanTheBalance() {
    WalletRecord spender = funded(10 * TRX);
    send(spender, existing, 6 * TRX);
    InsufficientFundsException refused =
        assertThrows(InsufficientFundsException.class, () -> send(spender, existing, 6 * TRX));
    assertEquals(2 * TRX, refused.shortfall().longValueExact());
  }

  @Test
  void moneyThatJustArrivedCanBeSpentAtOnce() {
    WalletRecord spender = funded(10 * TRX);
    send(spender, existing, TRX);
    send(pipeline.sender, spender.address(), 100 * TRX);
    TransferRecord big = send(spender, existing, 50 * TRX);
    assertEquals(TransferStatus.CONFIRMED, pipeline.trackUntilFinal(big.transferId()).status());
  }

  /** A new wallet holding exactly the given sun. */
  private WalletRecord funded(long sun) {
    WalletRecord w = pipeline.wallets.create(pipeline.owner, "w-" + UUID.randomUUID(), "").wallet();
    TransferRecord funding = send(pipeline.sender, w.address(), sun);
    assertEquals(TransferStatus.CONFIRMED, pipeline.trackUntilFinal(funding.transferId()).status());
    assertEquals(sun, pipeline.gateway.account(w.address()).trxSun());
    return w;
  }

  private TransferRecord send(WalletRecord from, TronAddress to, long sun) {
    return pipeline.transfers.send(
        pipeline.owner,
        new SendCommand(
            from.walletId(),
            to,
            Amount.ofSun(sun),
            UUID.randomUUID().toString(),
            Optional.empty(),
            ""));
  }
}
