package io.bttspeed.wallet.incoming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.chain.ChainPayment;
import io.bttspeed.wallet.id.WalletId;
import io.bttspeed.wallet.store.Database;
import io.bttspeed.wallet.store.PrincipalStore;
import io.bttspeed.wallet.store.Scope;
import io.bttspeed.wallet.store.WalletOrigin;
import io.bttspeed.wallet.store.WalletRecord;
import io.bttspeed.wallet.store.WalletStore;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The incoming-payment store: only wallets' addresses, each payment once, a block and its cursor
 * together.
 */
class IncomingStoreTest {

  private static final TronAddress MINE = TronAddress.parse("TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HC");
  private static final TronAddress OTHER = TronAddress.parse("TUEZSdKsoDHQMeZwihtdoBiN46zxhGWYdH");
  private static final WalletId WA = WalletId.random();
  private static final WalletId WB = WalletId.random();

  private Database db;
  private IncomingStore store;
  private String alice;
  private String bob;

  /**
   * The database under test: a fresh in-memory H2; a subclass runs the same cases on PostgreSQL.
   */
  protected String jdbcUrl() {
    return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  }

  @BeforeEach
  void open() {
    db = Database.open(jdbcUrl());
    PrincipalStore principals = new PrincipalStore(db, Clock.systemUTC(), new SecureRandom());
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
    new WalletStore(db)
        .insert(new WalletRecord(WA, alice, "main", MINE, WalletOrigin.CREATED, 0, "{}", 1));
    store = new IncomingStore(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aBlockReadTwiceRecordsItsPaymentsToWalletsOnce() {
    List<ChainPayment> block =
        List.of(
            payment("aa", 0, MINE, Amount.ofSun(5)),
            payment("bb", 0, OTHER, Amount.ofSun(6)),
            payment("cc", 3, MINE, new Amount(new Asset.Trc10(1_002_000), BigInteger.TEN)));
    assertTrue(store.scannedUpTo().isEmpty());
    assertEquals(2, store.recordBlock(7, block));
    assertEquals(0, store.recordBlock(7, block));
    assertEquals(7, store.scannedUpTo().getAsLong());
    List<IncomingPayment> mine = store.page(alice, Optional.empty(), 0, 100, false);
    assertEquals(
        List.of(BigInteger.valueOf(5), BigInteger.TEN),
        mine.stream().map(p -> p.amount().units()).toList());
    assertEquals(WA, mine.get(0).walletId());
    assertTrue(store.events(bob, 0, 100).isEmpty());
    assertEquals(mine.subList(1, 2), store.page(alice, Optional.of(WA), 0, 1, true));
  }

  @Test
  void aWalletAddedLaterSeesPaymentsFromBlocksReadAfterIt() {
    store.recordBlock(1, List.of(payment("aa", 0, OTHER, Amount.ofSun(1))));
    new WalletStore(db)
        .insert(new WalletRecord(WB, bob, "main", OTHER, WalletOrigin.CREATED, 0, "{}", 2));
    store.recordBlock(2, List.of(payment("bb", 0, OTHER, Amount.ofSun(2))));
    assertEquals(
        List.of(BigInteger.TWO),
        store.events(bob, 0, 100).stream().map(p -> p.amount().units()).toList());
  }

  private static ChainPayment payment(String txByte, int position, TronAddress to, Amount amount) {
    return new ChainPayment(
        io.bttspeed.tron.id.TxId.parse(txByte.repeat(32)),
        position,
        OTHER.equals(to) ? MINE : OTHER,
        to,
        amount,
        7,
        1_000);
  }
}
