package io.bttspeed.wallet.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.TxId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.wallet.error.AlreadyExistsException;
import io.bttspeed.wallet.id.WalletId;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransferStoreTest {

  private static final TronAddress A = TronAddress.parse("TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HC");
  private static final TronAddress B = TronAddress.parse("TUEZSdKsoDHQMeZwihtdoBiN46zxhGWYdH");
  private static final WalletId WA = WalletId.random();
  private static final WalletId WB = WalletId.random();
  private static final WalletId WA2 = WalletId.random();
  private static final WalletId WB2 = WalletId.random();

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
    alice =
        principals
            .authenticate(principals.createToken("alice", Set.of(Scope.READ)))
            .orElseThrow()
            .id();
    bob =
        principals
            .authenticate(principals.createToken("bob", Set.of(Scope.READ)))
            .orElseThrow()
            .id();
    wallets.insert(new WalletRecord(WA, alice, "main", A, WalletOrigin.CREATED, 0, "{}", 1));
    wallets.insert(new WalletRecord(WB, bob, "main", B, WalletOrigin.CREATED, 0, "{}", 1));
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
        () ->
            wallets.insert(new WalletRecord(WA2, alice, "x", A, WalletOrigin.CREATED, 0, "{}", 2)));
    wallets.insert(new WalletRecord(WB2, bob, "x", A, WalletOrigin.CREATED, 0, "{}", 2));
    assertTrue(wallets.find(bob, WA).isEmpty());
    assertEquals(2, wallets.page(bob, java.util.Optional.empty(), 100).size());
  }

  @Test
  void reusedIdempotencyKeyReturnsTheFirstTransferAndWritesNothing() {
    TransferRecord first = transfers.insertOrGet(newTransfer(alice, WA, "k1", 5));
    TransferRecord second = transfers.insertOrGet(newTransfer(alice, WA, "k1", 7));
    assertEquals(first.transferId(), second.transferId());
    assertEquals(5, second.amount().longValueExact());
    assertEquals(1, transfers.events(alice, 0, 100).size());
    TransferRecord bobs = transfers.insertOrGet(newTransfer(bob, WB, "k1", 9));
    assertFalse(bobs.transferId().equals(first.transferId()));
  }

  @Test
  void lifecycleAppendsEventsInOrderAndFinishIsFinal() {
    TransferRecord t = transfers.insertOrGet(newTransfer(alice, WA, "k", 5));
    TransferRecord signed =
        transfers.recordSigned(t, TxId.parse("ab".repeat(32)), new byte[] {1, 2, 3}, 99, 2);
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
    assertEquals(TxId.parse("ab".repeat(32)), events.get(1).transfer().txid().orElseThrow());
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
      transfers.insertOrGet(newTransfer(alice, WA, "k" + i, i + 1));
    }
    List<TransferRecord> all = transfers.page(alice, Optional.empty(), 0, 100, false);
    assertEquals(5, all.size());
    List<TransferRecord> firstTwo = transfers.page(alice, Optional.empty(), 0, 2, false);
    assertEquals(List.of(1L, 2L), firstTwo.stream().map(t -> t.amount().longValueExact()).toList());
    List<TransferRecord> next =
        transfers.page(alice, Optional.of(WA), firstTwo.get(1).creationIndex(), 2, false);
    assertEquals(List.of(3L, 4L), next.stream().map(t -> t.amount().longValueExact()).toList());
    List<TransferRecord> lastTwo = transfers.page(alice, Optional.empty(), 0, 2, true);
    assertEquals(List.of(4L, 5L), lastTwo.stream().map(t -> t.amount().longValueExact()).toList());
    assertTrue(transfers.page(bob, Optional.empty(), 0, 100, false).isEmpty());
  }

  @Test
  void aTransactionIdHeldByAnotherTransferIsRefusedAndNothingIsWritten() {
    TxId txid = TxId.parse("cd".repeat(32));
    TransferRecord first = transfers.insertOrGet(newTransfer(alice, WA, "k1", 5));
    transfers.recordSigned(first, txid, new byte[] {1}, 99, 2);
    TransferRecord second = transfers.insertOrGet(newTransfer(alice, WA, "k2", 5));
    assertThrows(
        TxidTakenException.class,
        () -> transfers.recordSigned(second, txid, new byte[] {1}, 99, 3));
    assertEquals(
        TransferStage.RECORDED, transfers.findById(second.transferId()).orElseThrow().stage());

    TransferRecord third = newTransfer(alice, WA, "k3", 5);
    assertThrows(
        TxidTakenException.class,
        () ->
            transfers.recordAndSign(
                third,
                recorded -> Optional.of(new TransferStore.Signature(txid, new byte[] {1}, 99))));
    assertTrue(transfers.findByKey(alice, "k3").isEmpty());
    assertEquals(2, transfers.events(alice, 0, 100).size());
  }

  @Test
  void migrationFailsEveryLaterTransferThatSharedAnEarliersTransaction() throws SQLException {
    String url = jdbcUrl();
    boolean h2 = url.startsWith("jdbc:h2:");
    Flyway.configure()
        .dataSource(url, h2 ? "sa" : null, h2 ? "" : null)
        .locations("classpath:db/migration")
        .target("4")
        .load()
        .migrate();
    String shared = "ef".repeat(32);
    try (Connection c =
        h2 ? DriverManager.getConnection(url, "sa", "") : DriverManager.getConnection(url)) {
      c.createStatement().execute("INSERT INTO principals VALUES ('p', 'carol', 1)");
      c.createStatement()
          .execute(
              "INSERT INTO wallets VALUES ('"
                  + WA
                  + "', 'p', 'main', '"
                  + A.base58()
                  + "', 'CREATED', 0, '{}', 1)");
      insertConfirmed(c, "t1", "k1", shared);
      insertConfirmed(c, "t2", "k2", shared);
      insertConfirmed(c, "t3", "k3", "01".repeat(32));
      insertConfirmed(c, "t4", "k4", shared);
    }
    try (Database migrated = Database.open(url)) {
      TransferStore store = new TransferStore(migrated);
      assertEquals(TransferStatus.CONFIRMED, store.findById("t1").orElseThrow().status());
      assertEquals(TxId.parse(shared), store.findById("t1").orElseThrow().txid().orElseThrow());
      assertEquals(TransferStatus.CONFIRMED, store.findById("t3").orElseThrow().status());
      for (String copy : List.of("t2", "t4")) {
        TransferRecord t = store.findById(copy).orElseThrow();
        assertEquals(TransferStatus.FAILED, t.status());
        assertEquals(TransferStage.DONE, t.stage());
        assertTrue(t.txid().isEmpty());
        assertTrue(
            t.failureReason().contains("identical to an earlier transfer"), t.failureReason());
      }
      assertEquals(
          List.of("t2", "t4"),
          store.events("p", 0, 100).stream().map(e -> e.transfer().transferId()).toList());
    }
  }

  private static void insertConfirmed(Connection c, String id, String key, String txid)
      throws SQLException {
    c.createStatement()
        .execute(
            "INSERT INTO transfers (transfer_id, principal_id, wallet_id, idempotency_key, request_hash, asset,"
                + " from_address, to_address, amount_base_units, fee_limit_sun, memo, status, stage, txid,"
                + " expiration_ms, failure_reason, fee_sun, block_number, created_at_ms, updated_at_ms) VALUES ('"
                + id
                + "', 'p', '"
                + WA
                + "', '"
                + key
                + "', '"
                + "0".repeat(64)
                + "', 'TRX', '"
                + A.base58()
                + "', '"
                + B.base58()
                + "', '5', 0, '', 'CONFIRMED', 'DONE', '"
                + txid
                + "', 9, '', 100, 7, 1, 1)");
  }

  private static TransferRecord newTransfer(
      String principal, WalletId wallet, String key, long sun) {
    return new TransferRecord(
        0,
        UUID.randomUUID().toString(),
        principal,
        wallet,
        key,
        "0".repeat(64),
        Amount.ofSun(sun),
        A,
        B,
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
        1,
        1);
  }
}
