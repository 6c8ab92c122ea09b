package io.bttspeed.wallet.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.wallet.error.AlreadyExistsException;
import io.bttspeed.wallet.keys.TronAddress;
import io.bttspeed.wallet.money.Amount;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransferStoreTest {

  private static final TronAddress A = TronAddress.parse("TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HC");
  private static final TronAddress B = TronAddress.parse("TUEZSdKsoDHQMeZwihtdoBiN46zxhGWYdH");

  private Database db;
  private PrincipalStore principals;
  private WalletStore wallets;
  private TransferStore transfers;
  private String alice;
  private String bob;

  /** The database under test: a fresh in-memory H2; subclasses run the same cases elsewhere. */
  protected String jdbcUrl() {
    return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  }

  @BeforeEach
  void open() {
    db = Database.open(jdbcUrl());
    principals = new PrincipalStore(db, Clock.systemUTC(), new SecureRandom());
    wallets = new WalletStore(db);
    transfers = new TransferStore(db);
    alice = principals.authenticate(principals.createToken("alice", Set.of(Scope.READ))).orElseThrow().id();
    bob = principals.authenticate(principals.createToken("bob", Set.of(Scope.READ))).orElseThrow().id();
    wallets.insert(new WalletRecord("w-a", alice, "main", A, WalletOrigin.CREATED, 0, "{}", 1));
    wallets.insert(new WalletRecord("w-b", bob, "main", B, WalletOrigin.CREATED, 0, "{}", 1));
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void tokensAuthenticateWithTheirScopesAndUnknownTokensDoNot() {
    String token = principals.createToken("alice", Set.of(Scope.SPEND, Scope.ADMIN));
    Principal p = principals.authenticate(token).orElseThrow();
    assertEquals(alice, p.id());
    assertEquals(Set.of(Scope.SPEND, Scope.ADMIN), p.scopes());
    assertTrue(principals.authenticate(token + "x").isEmpty());
  }

  @Test
  void sameAddressTwiceForOnePrincipalIsAlreadyExistsButAnotherPrincipalMayHoldIt() {
    assertThrows(
        AlreadyExistsException.class,
        () -> wallets.insert(new WalletRecord("w-a2", alice, "x", A, WalletOrigin.CREATED, 0, "{}", 2)));
    wallets.insert(new WalletRecord("w-b2", bob, "x", A, WalletOrigin.CREATED, 0, "{}", 2));
    assertTrue(wallets.find(bob, "w-a").isEmpty());
    assertEquals(2, wallets.page(bob, java.util.Optional.empty(), 100).size());
  }

  @Test
  void reusedIdempotencyKeyReturnsTheFirstTransferAndWritesNothing() {
    TransferRecord first = transfers.insertOrGet(newTransfer(alice, "w-a", "k1", 5));
    TransferRecord second = transfers.insertOrGet(newTransfer(alice, "w-a", "k1", 7));
    assertEquals(first.transferId(), second.transferId());
    assertEquals(5, second.amount().longValueExact());
    assertEquals(1, transfers.events(alice, 0, 100).size());
    TransferRecord bobs = transfers.insertOrGet(newTransfer(bob, "w-b", "k1", 9));
    assertFalse(bobs.transferId().equals(first.transferId()));
  }

  @Test
  void lifecycleAppendsEventsInOrderAndFinishIsFinal() {
    TransferRecord t = transfers.insertOrGet(newTransfer(alice, "w-a", "k", 5));
    TransferRecord signed = transfers.recordSigned(t, "ab".repeat(32), new byte[] {1, 2, 3}, 99, 2);
    assertEquals(TransferStage.SIGNED, signed.stage());
    assertEquals(t.creationIndex(), signed.creationIndex());
    transfers.recordBroadcast(t.transferId(), 3);
    transfers.finish(t.transferId(), TransferStatus.CONFIRMED, "", 100, 7, 4);
    assertEquals(null, transfers.finish(t.transferId(), TransferStatus.FAILED, "late", 0, 0, 5));
    List<TransferEvent> events = transfers.events(alice, 0, 100);
    assertEquals(
        List.of(TransferStatus.PENDING, TransferStatus.CONFIRMED),
        events.stream().map(e -> e.transfer().status()).toList());
    assertTrue(events.get(0).transfer().txid().isEmpty());
    assertEquals("ab".repeat(32), events.get(1).transfer().txid().orElseThrow());
    assertEquals(7, events.get(1).transfer().blockNumber());
    TransferRecord stored = transfers.find(alice, t.transferId()).orElseThrow();
    assertEquals(TransferStage.DONE, stored.stage());
    assertEquals(3, stored.rawTx().orElseThrow().length);
    assertTrue(transfers.unfinished().isEmpty());
    assertTrue(transfers.find(bob, t.transferId()).isEmpty());
    assertTrue(transfers.events(bob, 0, 100).isEmpty());
    assertEquals(1, transfers.events(alice, events.get(0).eventIndex(), 100).size());
    assertTrue(t.creationIndex() > 0);
  }

  @Test
  void pagesGoForwardsAndBackwardsInAscendingOrder() {
    for (int i = 0; i < 5; i++) {
      transfers.insertOrGet(newTransfer(alice, "w-a", "k" + i, i + 1));
    }
    List<TransferRecord> all = transfers.page(alice, Optional.empty(), 0, 100, false);
    assertEquals(5, all.size());
    List<TransferRecord> firstTwo = transfers.page(alice, Optional.empty(), 0, 2, false);
    assertEquals(List.of(1L, 2L), firstTwo.stream().map(t -> t.amount().longValueExact()).toList());
    List<TransferRecord> next = transfers.page(alice, Optional.of("w-a"), firstTwo.get(1).creationIndex(), 2, false);
    assertEquals(List.of(3L, 4L), next.stream().map(t -> t.amount().longValueExact()).toList());
    List<TransferRecord> lastTwo = transfers.page(alice, Optional.empty(), 0, 2, true);
    assertEquals(List.of(4L, 5L), lastTwo.stream().map(t -> t.amount().longValueExact()).toList());
    assertTrue(transfers.page(bob, Optional.empty(), 0, 100, false).isEmpty());
  }

  private static TransferRecord newTransfer(String principal, String wallet, String key, long sun) {
    return new TransferRecord(
        0, UUID.randomUUID().toString(), principal, wallet, key, "0".repeat(64), Amount.ofSun(sun), A, B, 0,
        "", TransferStatus.PENDING, TransferStage.RECORDED, Optional.empty(), Optional.empty(), 0, "", 0, 0, 1,
        1);
  }
}
