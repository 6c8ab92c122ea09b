package io.bttspeed.wallet.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.TxId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.wallet.error.InsufficientFundsException;
import io.bttspeed.wallet.error.InvalidArgumentException;
import io.bttspeed.wallet.store.TransferRecord;
import io.bttspeed.wallet.store.TransferStatus;
import io.bttspeed.wallet.store.WalletRecord;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many sends from one wallet released together, against a real devnet and a real database: each
 * acknowledged send is its own transaction on chain, and together they never spend more than the
 * wallet holds.
 */
class ConcurrentSendsTest {

  private static final long TRX = 1_000_000;

  private Pipeline pipeline;
  private TronAddress recipient;

  /** The database under test: in-memory H2; a subclass runs the same cases on PostgreSQL. */
  protected Pipeline newPipeline() {
    return new Pipeline();
  }

  @BeforeEach
  void start() {
    pipeline = newPipeline();
    recipient = TronAddress.parse(pipeline.devnet.developmentAccounts().get(3).address());
  }

  @AfterEach
  void stop() {
    pipeline.close();
  }

  @Test
  void identicalSendsUnderDistinctKeysAreEachTheirOwnTransaction() throws Exception {
    int sends = 24;
    long before = pipeline.gateway.account(recipient).trxSun();
    List<Outcome> outcomes =
        releasedTogether(
            sends, i -> send(pipeline.sender, Amount.ofSun(777), UUID.randomUUID().toString()));
    Set<TxId> txids = new HashSet<>();
    for (Outcome o : outcomes) {
      TransferRecord done = pipeline.trackUntilFinal(o.transfer().orElseThrow().transferId());
      assertEquals(TransferStatus.CONFIRMED, done.status(), done.failureReason());
      TxId txid = done.txid().orElseThrow();
      assertTrue(txids.add(txid), "two transfers share transaction " + txid);
      assertTrue(pipeline.gateway.outcome(txid).isPresent(), "not on chain: " + txid);
    }
    assertEquals(before + sends * 777L, pipeline.gateway.account(recipient).trxSun());
  }

  @Test
  void concurrentTrxSendsNeverSpendMoreThanTheBalance() throws Exception {
    WalletRecord spender = fundedWithTrx(10 * TRX);
    long before = pipeline.gateway.account(recipient).trxSun();
    List<Outcome> outcomes =
        releasedTogether(
            8, i -> send(spender, Amount.ofSun(3 * TRX), UUID.randomUUID().toString()));
    long accepted = confirmedOrRefused(outcomes);
    assertTrue(accepted >= 1 && accepted <= 3, "accepted " + accepted);
    assertEquals(before + accepted * 3 * TRX, pipeline.gateway.account(recipient).trxSun());
  }

  @Test
  void concurrentTrc20SendsNeverSpendMoreThanTheTokenBalance() throws Exception {
    WalletRecord spender = fundedWithTrx(200 * TRX);
    TransferRecord tokens =
        send(pipeline.sender, spender.address(), new Amount(pipeline.trc20Btt, BigInteger.TEN));
    assertEquals(TransferStatus.CONFIRMED, pipeline.trackUntilFinal(tokens.transferId()).status());
    BigInteger before = pipeline.gateway.trc20Balance(pipeline.trc20Btt.contract(), recipient);
    List<Outcome> outcomes =
        releasedTogether(
            6,
            i ->
                send(
                    spender,
                    new Amount(pipeline.trc20Btt, BigInteger.valueOf(4)),
                    UUID.randomUUID().toString()));
    long accepted = confirmedOrRefused(outcomes);
    assertEquals(2, accepted);
    assertEquals(
        before.add(BigInteger.valueOf(8)),
        pipeline.gateway.trc20Balance(pipeline.trc20Btt.contract(), recipient));
  }

  @Test
  void aSendToTheWalletsOwnAddressIsRefusedBeforeAnythingIsRecorded() {
    String key = UUID.randomUUID().toString();
    InvalidArgumentException refused =
        assertThrows(
            InvalidArgumentException.class,
            () ->
                pipeline.transfers.send(
                    pipeline.owner,
                    new SendCommand(
                        pipeline.sender.walletId(),
                        pipeline.sender.address(),
                        Amount.ofSun(1),
                        key,
                        Optional.empty(),
                        "")));
    assertTrue(refused.getMessage().contains("own address"), refused.getMessage());
    assertTrue(pipeline.store.findByKey(pipeline.owner.id(), key).isEmpty());
  }

  /** The answer to one send: the transfer, or what refused it. */
  private record Outcome(Optional<TransferRecord> transfer, Optional<Throwable> refusal) {}

  @FunctionalInterface
  private interface Attempt {
    TransferRecord run(int i);
  }

  /** Runs the attempts on their own threads, all released at once, and collects every answer. */
  private static List<Outcome> releasedTogether(int count, Attempt attempt) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(count);
    try {
      CountDownLatch ready = new CountDownLatch(count);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Outcome>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int n = i;
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return attemptOnce(() -> attempt.run(n));
                }));
      }
      assertTrue(ready.await(30, TimeUnit.SECONDS));
      go.countDown();
      List<Outcome> outcomes = new ArrayList<>();
      for (Future<Outcome> f : futures) {
        outcomes.add(f.get(60, TimeUnit.SECONDS));
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Outcome attemptOnce(Supplier<TransferRecord> send) {
    try {
      return new Outcome(Optional.of(send.get()), Optional.empty());
    } catch (RuntimeException e) {
      return new Outcome(Optional.empty(), Optional.of(e));
    }
  }

  /**
   * Asserts that every acknowledged send confirms (none fails on chain) and every other one was
   * refused for want of funds; returns how many were acknowledged.
   */
  private long confirmedOrRefused(List<Outcome> outcomes) {
    long accepted = 0;
    for (Outcome o : outcomes) {
      if (o.transfer().isPresent()) {
        TransferRecord done = pipeline.trackUntilFinal(o.transfer().get().transferId());
        assertEquals(TransferStatus.CONFIRMED, done.status(), done.failureReason());
        accepted++;
      } else {
        assertInstanceOf(InsufficientFundsException.class, o.refusal().orElseThrow());
      }
    }
    return accepted;
  }

  /** A new wallet holding exactly the given sun. */
  private WalletRecord fundedWithTrx(long sun) {
    WalletRecord w = pipeline.wallets.create(pipeline.owner, "w-" + UUID.randomUUID(), "").wallet();
    TransferRecord funding = send(pipeline.sender, w.address(), Amount.ofSun(sun));
    assertEquals(TransferStatus.CONFIRMED, pipeline.trackUntilFinal(funding.transferId()).status());
    return w;
  }

  private TransferRecord send(WalletRecord from, Amount amount, String key) {
    return pipeline.transfers.send(
        pipeline.owner,
        new SendCommand(from.walletId(), recipient, amount, key, Optional.empty(), ""));
  }

  private TransferRecord send(WalletRecord from, TronAddress to, Amount amount) {
    return pipeline.transfers.send(
        pipeline.owner,
        new SendCommand(
            from.walletId(), to, amount, UUID.randomUUID().toString(), Optional.empty(), ""));
  }
}
