package io.bttspeed.wallet.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.wallet.chain.AccountState;
import io.bttspeed.wallet.chain.SignedTransaction;
import io.bttspeed.wallet.chain.TransferIntent;
import io.bttspeed.wallet.chain.TridentGateway;
import io.bttspeed.wallet.chain.TronGateway;
import io.bttspeed.wallet.error.NodeUnavailableException;
import io.bttspeed.wallet.keys.TronKey;
import io.bttspeed.wallet.store.TransferRecord;
import io.bttspeed.wallet.store.TransferStage;
import io.bttspeed.wallet.store.TransferStatus;
import io.bttspeed.wallet.store.TransferStore;
import io.bttspeed.wallet.store.WalletRecord;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Restarts between each pair of pipeline steps, made deterministic: a transfer is left exactly
 * where a crash would leave it (recorded; signed but not broadcast; broadcast but not noted), and a
 * fresh tracker — as after a restart — must finish it with one transaction on chain.
 */
class TransferRecoveryTest {

  private static final Clock CLOCK = Pipeline.CLOCK;

  private Pipeline pipeline;
  private TronGateway gateway;
  private TransferStore store;
  private Transfers transfers;
  private WalletRecord sender;

  @BeforeEach
  void start() {
    pipeline = new Pipeline();
    gateway = pipeline.gateway;
    store = pipeline.store;
    transfers = pipeline.transfers;
    sender = pipeline.sender;
  }

  @AfterEach
  void stop() {
    pipeline.close();
  }

  @Test
  void transferRecordedButNeverSignedIsSignedAndSentAfterRestart() {
    TransferRecord t = store.insertOrGet(recorded("recorded-only", 1_000_001));
    assertEquals(TransferStage.RECORDED, t.stage());
    TransferRecord done = trackUntilFinal(t.transferId());
    assertEquals(TransferStatus.CONFIRMED, done.status(), done.failureReason());
    assertEquals(1_000_001, recipientTrx(t.to()));
    assertEquals(1, pipeline.broadcasts.of(done.txid().orElseThrow()), "broadcast once");
  }

  @Test
  void transferSignedButNeverBroadcastIsBroadcastOnceAfterRestart() {
    TransferRecord t = store.insertOrGet(recorded("signed-only", 1_000_002));
    SignedTransaction signed = sign(t);
    store.recordSigned(
        t, signed.txid(), signed.serialized(), signed.expirationMs(), CLOCK.millis());
    TransferRecord done = trackUntilFinal(t.transferId());
    assertEquals(TransferStatus.CONFIRMED, done.status(), done.failureReason());
    assertEquals(signed.txid(), done.txid().orElseThrow());
    assertEquals(1_000_002, recipientTrx(t.to()));
    assertEquals(1, pipeline.broadcasts.of(signed.txid()), "broadcast once");
  }

  @Test
  void transferBroadcastButNotNotedIsRecognisedNotResent() {
    TransferRecord t = store.insertOrGet(recorded("broadcast-unnoted", 1_000_003));
    SignedTransaction signed = sign(t);
    store.recordSigned(
        t, signed.txid(), signed.serialized(), signed.expirationMs(), CLOCK.millis());
    gateway.broadcast(signed);
    TransferRecord resent = transfers.advance(t.transferId());
    assertEquals(TransferStage.BROADCAST, resent.stage());
    TransferRecord done = trackUntilFinal(t.transferId());
    assertEquals(TransferStatus.CONFIRMED, done.status(), done.failureReason());
    assertEquals(1_000_003, recipientTrx(t.to()));
    assertEquals(
        1,
        pipeline.broadcasts.of(signed.txid()),
        "the test's own broadcast only: the tracker never resent");
  }

  @Test
  void nodeOutageDuringSendLeavesTheTransferRecordedForTheTracker() {
    TransferRecord t = store.insertOrGet(recorded("outage", 1_000_004));
    TronGateway dead =
        TridentGateway.connect("127.0.0.1:1", "127.0.0.1:1", Duration.ofMillis(500), CLOCK);
    try {
      Transfers offline =
          new Transfers(
              store, pipeline.wallets, dead, new FeeEstimator(dead, 20, CLOCK), Set.of(), CLOCK);
      assertThrows(NodeUnavailableException.class, () -> offline.advance(t.transferId()));
    } finally {
      dead.close();
    }
    assertEquals(TransferStage.RECORDED, store.findById(t.transferId()).orElseThrow().stage());
    TransferRecord done = trackUntilFinal(t.transferId());
    assertEquals(TransferStatus.CONFIRMED, done.status(), done.failureReason());
  }

  private TransferRecord trackUntilFinal(String transferId) {
    return pipeline.trackUntilFinal(transferId);
  }

  private SignedTransaction sign(TransferRecord t) {
    return gateway.buildAndSign(
        new TransferIntent(t.from(), t.to(), t.amount(), 0, ""), pipeline.wallets.key(sender));
  }

  private long recipientTrx(TronAddress to) {
    AccountState account = gateway.account(to);
    return account.trxSun();
  }

  private TransferRecord recorded(String key, long sun) {
    byte[] fresh = new byte[32];
    new SecureRandom().nextBytes(fresh);
    TronAddress to = TronKey.ofPrivateKey(fresh).address();
    long now = CLOCK.millis();
    return new TransferRecord(
        0,
        UUID.randomUUID().toString(),
        pipeline.owner.id(),
        sender.walletId(),
        key,
        "0".repeat(64),
        Amount.ofSun(sun),
        sender.address(),
        to,
        0,
        "",
        TransferStatus.PENDING,
        TransferStage.RECORDED,
        Optional.empty(),
        Optional.empty(),
        0,
        "",
        0,
        0,
        now,
        now);
  }
}
