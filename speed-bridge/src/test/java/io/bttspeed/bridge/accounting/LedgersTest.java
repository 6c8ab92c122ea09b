package io.bttspeed.bridge.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.store.TorrentStore;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.money.Asset;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LedgersTest {
  static final Asset BTT = new Asset.Trc20(TronAddress.parse("TQtey1U4qqpPtLeNYVzVSJER3e6RDNYjLV"));
  static final Asset BTT_OLD = new Asset.Trc10(1002000);
  static final TronAddress PEER = TronAddress.parse("TWer2Ygk5TEheHp3TPuYeqxmB6SsGZmaL6");
  static final InfoHash TORRENT = new InfoHash("00112233445566778899aabbccddeeff00112233");
  static final LedgerKey KEY = new LedgerKey(TORRENT, PEER, BTT);
  static final BigInteger MIB = BigInteger.ONE.shiftLeft(20);
  static final String CHANNEL = "ab".repeat(32);

  @TempDir Path dir;

  static Stream<Arguments> charges() {
    return Stream.of(
        // blocks (bytes each), count, price, expected owed
        Arguments.of(1L << 20, 1, 7L, 7L),
        Arguments.of(16384L, 64, 7L, 7L), // 64 blocks of 16 KiB: one MiB
        Arguments.of(1L, 1000, 1000L, 0L), // 10^6 / 2^20 rounds down to 0 once, not 1000 × 0
        Arguments.of(16384L, 63, 3L, 2L), // 0.984375 MiB × 3 = 2.95 → 2
        Arguments.of(1000L, 3, 349526L, 1000L)); // 3000 × 349526 / 2^20 = 1000.00... → 1000
  }

  @ParameterizedTest
  @MethodSource("charges")
  void owedIsTheExactNumeratorRoundedDownOnce(long block, int count, long price, long owed) {
    Ledger ledger = Ledger.empty(BTT);
    for (int i = 0; i < count; i++) {
      ledger = ledger.withBytes(block, true, BigInteger.valueOf(price));
    }
    assertEquals(BigInteger.valueOf(owed), ledger.owed());
    assertEquals(
        BigInteger.valueOf(block * count).multiply(BigInteger.valueOf(price)),
        ledger.owedNumerator());
    assertEquals(block * count, ledger.bytesPaid());
  }

  @Test
  void freeBytesOweNothingAndPaymentsReduceTheDebt() {
    Ledger ledger =
        Ledger.empty(BTT)
            .withBytes(1 << 20, false, BigInteger.TEN)
            .withBytes(2 << 20, true, BigInteger.TEN);
    assertEquals(BigInteger.valueOf(20), ledger.debt());
    assertEquals(1 << 20, ledger.bytesFree());
    assertEquals(BigInteger.valueOf(-5), ledger.withPaid(BigInteger.valueOf(25)).debt(), "prepaid");
  }

  @Test
  void overflowIsAnErrorNeverAWrap() {
    Ledger nearFull =
        new Ledger(
            BTT_OLD, BigInteger.valueOf(Long.MAX_VALUE).shiftLeft(20), BigInteger.ZERO, 0, 0);
    assertThrows(
        ArithmeticException.class, () -> nearFull.withBytes(1 << 20, true, BigInteger.ONE));
    Ledger manyBytes = new Ledger(BTT, BigInteger.ZERO, BigInteger.ZERO, Long.MAX_VALUE, 0);
    assertThrows(ArithmeticException.class, () -> manyBytes.withBytes(1, true, BigInteger.ONE));
    assertThrows(
        ArithmeticException.class,
        () -> Ledger.empty(BTT).withPaid(Asset.UINT256_MAX).withPaid(BigInteger.ONE));
  }

  @Test
  void sellerLedgersSurviveARestart() {
    try (TorrentStore store = TorrentStore.open(dir)) {
      SellerLedgers seller = new SellerLedgers(new LedgerStore(store.dataSource()));
      seller.sent(KEY, 3 << 20, true, BigInteger.valueOf(5));
      seller.sent(KEY, 1 << 20, false, BigInteger.ZERO);
      seller.credit(KEY, CHANNEL, BigInteger.valueOf(9));
    }
    try (TorrentStore store = TorrentStore.open(dir)) {
      SellerLedgers seller = new SellerLedgers(new LedgerStore(store.dataSource()));
      Ledger l = seller.get(KEY);
      assertEquals(BigInteger.valueOf(15), l.owed());
      assertEquals(BigInteger.valueOf(6), l.debt());
      assertEquals(3 << 20, l.bytesPaid());
      assertEquals(1 << 20, l.bytesFree());
      assertEquals(Map.of(KEY, l), seller.of(TORRENT));
      assertTrue(
          new BuyerLedgers(new LedgerStore(store.dataSource())).all().isEmpty(), "roles are apart");
    }
  }

  @Test
  void aChannelsVouchersPayEachTorrentOnlyWhatNoLedgerCountedEvenAfterARestart() {
    LedgerKey other = new LedgerKey(new InfoHash("ff".repeat(20)), PEER, BTT);
    try (TorrentStore store = TorrentStore.open(dir)) {
      SellerLedgers seller = new SellerLedgers(new LedgerStore(store.dataSource()));
      assertEquals(
          BigInteger.valueOf(9), seller.credit(KEY, CHANNEL, BigInteger.valueOf(9)).paid());
      assertEquals(
          BigInteger.valueOf(4),
          seller.credit(other, CHANNEL, BigInteger.valueOf(13)).paid(),
          "the channel's next voucher, on the other torrent's connection, pays it the rest");
      assertEquals(
          BigInteger.valueOf(9),
          seller.credit(KEY, CHANNEL, BigInteger.valueOf(13)).paid(),
          "a resend of what was counted changes nothing");
      seller.bidWith(CHANNEL, BigInteger.valueOf(20)); // a new store: the wallet's total is unused
    }
    // Restarted: the wallet stored 20 before the daemon died, and the payer sends it again.
    try (TorrentStore store = TorrentStore.open(dir)) {
      SellerLedgers seller = new SellerLedgers(new LedgerStore(store.dataSource()));
      seller.bidWith(CHANNEL, BigInteger.valueOf(20));
      assertEquals(
          BigInteger.valueOf(16),
          seller.credit(KEY, CHANNEL, BigInteger.valueOf(20)).paid(),
          "the 7 the wallet stored and no ledger counted, once");
      assertEquals(BigInteger.valueOf(4), seller.get(other).paid());
      assertEquals(
          BigInteger.valueOf(16),
          seller.credit(KEY, CHANNEL, BigInteger.valueOf(9)).paid(),
          "an older voucher changes nothing");
    }
  }

  @Test
  void aStoreThatCountedVouchersBeforeItKeptChannelCountsStartsThemFromTheWallet()
      throws Exception {
    String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("bridge");
    JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
    try {
      Flyway.configure()
          .dataSource(pool)
          .locations("classpath:db/bridge")
          .target("3")
          .load()
          .migrate();
      new LedgerStore(pool)
          .save(LedgerStore.Role.SELLER, KEY, Ledger.empty(BTT).withPaid(BigInteger.TEN));
    } finally {
      pool.dispose();
    }
    try (TorrentStore store = TorrentStore.open(dir)) {
      SellerLedgers seller = new SellerLedgers(new LedgerStore(store.dataSource()));
      seller.bidWith(CHANNEL, BigInteger.TEN);
      assertEquals(
          BigInteger.valueOf(15),
          seller.credit(KEY, CHANNEL, BigInteger.valueOf(15)).paid(),
          "the 10 the wallet held at the bid was counted before the upgrade: not again");
      seller.bidWith(CHANNEL, BigInteger.valueOf(15));
      assertEquals(
          BigInteger.valueOf(15), seller.credit(KEY, CHANNEL, BigInteger.valueOf(15)).paid());
    }
  }

  @Test
  void aBuyerOwesOnlyForVerifiedPiecesAtTheBlocksPrices() {
    try (TorrentStore store = TorrentStore.open(dir)) {
      BuyerLedgers buyer = new BuyerLedgers(new LedgerStore(store.dataSource()));
      LedgerKey other =
          new LedgerKey(TORRENT, TronAddress.parse("TQtey1U4qqpPtLeNYVzVSJER3e6RDNYjLV"), BTT);
      buyer.blockReceived(KEY, 0, 1 << 19, true, BigInteger.valueOf(10));
      buyer.blockReceived(
          KEY, 0, 1 << 19, true, BigInteger.valueOf(20)); // the price changed mid-piece
      buyer.blockReceived(other, 0, 1 << 18, false, BigInteger.ZERO);
      buyer.blockReceived(KEY, 1, 1 << 20, true, BigInteger.valueOf(1000));
      buyer.blockReceived(other, 1, 1 << 20, true, BigInteger.valueOf(1000));
      Map<LedgerKey, Ledger> changed = buyer.pieceVerified(TORRENT, 0);
      assertEquals(BigInteger.valueOf(15), changed.get(KEY).owed(), "half a MiB at 10, half at 20");
      assertEquals(BigInteger.ZERO, changed.get(other).owed());
      assertEquals(1 << 18, changed.get(other).bytesFree());
      assertEquals(Set.of(KEY, other), buyer.pieceFailed(TORRENT, 1));
      assertEquals(
          Map.of(), buyer.pieceVerified(TORRENT, 1), "a failed piece is forgotten, paid to nobody");
      assertEquals(BigInteger.valueOf(15), buyer.get(KEY).owed());
      buyer.paid(KEY, BigInteger.valueOf(15), CHANNEL, BigInteger.valueOf(15));
      // the wallet refused to sign that much
      buyer.unpaid(KEY, BigInteger.valueOf(5), CHANNEL, BigInteger.TEN);
      assertEquals(BigInteger.valueOf(5), buyer.get(KEY).debt());
      assertThrows(
          IllegalArgumentException.class,
          () -> buyer.unpaid(KEY, BigInteger.valueOf(11), CHANNEL, BigInteger.ZERO));
      assertEquals(BigInteger.TEN, buyer.committed(CHANNEL), "a refusal changes nothing");
      buyer.paid(KEY, BigInteger.valueOf(5), CHANNEL, BigInteger.valueOf(15));
    }
    try (TorrentStore store = TorrentStore.open(dir)) {
      Ledger l = new BuyerLedgers(new LedgerStore(store.dataSource())).get(KEY);
      assertEquals(BigInteger.ZERO, l.debt());
      assertEquals(BigInteger.valueOf(15), l.paid());
    }
  }

  @Test
  void concurrentChargesAllCountExactly() throws Exception {
    int threads = 16;
    int each = 50;
    try (TorrentStore store = TorrentStore.open(dir)) {
      SellerLedgers seller = new SellerLedgers(new LedgerStore(store.dataSource()));
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < each; i++) {
                    seller.sent(KEY, 16384, true, BigInteger.valueOf(3));
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      long bytes = 16384L * threads * each;
      assertEquals(bytes, seller.get(KEY).bytesPaid());
      assertEquals(BigInteger.valueOf(bytes * 3).shiftRight(20), seller.get(KEY).owed());
    }
  }

  /**
   * Vouchers of one channel, each stored total resent, arriving on two torrents' connections from
   * many threads released together: the ledgers together count exactly the highest total, once, and
   * so does the store after a restart.
   */
  @Test
  void concurrentVouchersOfOneChannelAreCountedExactlyOnce() throws Exception {
    int threads = 8;
    int vouchers = 200;
    LedgerKey other = new LedgerKey(new InfoHash("ff".repeat(20)), PEER, BTT);
    try (TorrentStore store = TorrentStore.open(dir)) {
      SellerLedgers seller = new SellerLedgers(new LedgerStore(store.dataSource()));
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        LedgerKey key = t % 2 == 0 ? KEY : other;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 1; i <= vouchers; i++) {
                    seller.credit(key, CHANNEL, BigInteger.valueOf(i * 7L));
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      assertEquals(
          BigInteger.valueOf(vouchers * 7L), seller.get(KEY).paid().add(seller.get(other).paid()));
    }
    try (TorrentStore store = TorrentStore.open(dir)) {
      SellerLedgers seller = new SellerLedgers(new LedgerStore(store.dataSource()));
      assertEquals(
          BigInteger.valueOf(vouchers * 7L), seller.get(KEY).paid().add(seller.get(other).paid()));
      assertEquals(
          BigInteger.valueOf(vouchers * 7L),
          seller
              .credit(KEY, CHANNEL, BigInteger.valueOf(vouchers * 7L))
              .paid()
              .add(seller.get(other).paid()),
          "the count survived the restart: a resend of the highest counts nothing");
    }
  }

  @Test
  void aVerifiedPieceIsStoredByTheNextFlushOrWithTheNextPayment() {
    try (TorrentStore store = TorrentStore.open(dir)) {
      BuyerLedgers buyer = new BuyerLedgers(new LedgerStore(store.dataSource()));
      buyer.blockReceived(KEY, 0, 1 << 20, true, BigInteger.valueOf(8));
      buyer.pieceVerified(TORRENT, 0);
      assertEquals(BigInteger.valueOf(8), buyer.get(KEY).debt(), "owed in memory at once");
      assertTrue(reloaded(store).isEmpty(), "not yet on disk: written behind");
      buyer.flush();
      assertEquals(BigInteger.valueOf(8), reloaded(store).get(KEY).debt());

      buyer.blockReceived(KEY, 1, 1 << 20, true, BigInteger.valueOf(8));
      buyer.pieceVerified(TORRENT, 1);
      buyer.paid(KEY, BigInteger.valueOf(16), CHANNEL, BigInteger.valueOf(16));
      Ledger stored = reloaded(store).get(KEY);
      assertEquals(BigInteger.valueOf(16), stored.owed(), "a payment stores the pieces it pays");
      assertEquals(BigInteger.valueOf(16), stored.paid());
      buyer.flush(); // nothing left to write, and a second flush changes nothing
      assertEquals(stored, reloaded(store).get(KEY));
    }
  }

  /**
   * Bt's verifying threads, the payment worker and the tick's flush all at once on one ledger:
   * whatever the interleaving, what is stored after the last flush is what memory holds, and every
   * piece and payment counts once.
   */
  @Test
  void piecesPaymentsAndFlushesAtOnceStoreExactlyWhatMemoryHolds() throws Exception {
    int verifiers = 8;
    int pieces = 100; // per verifier
    try (TorrentStore store = TorrentStore.open(dir)) {
      BuyerLedgers buyer = new BuyerLedgers(new LedgerStore(store.dataSource()));
      ExecutorService pool = Executors.newFixedThreadPool(verifiers + 2);
      CountDownLatch start = new CountDownLatch(1);
      AtomicBoolean verifying = new AtomicBoolean(true);
      AtomicBoolean paying = new AtomicBoolean(true);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < verifiers; t++) {
        int first = t * pieces;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int piece = first; piece < first + pieces; piece++) {
                    buyer.blockReceived(KEY, piece, 1 << 20, true, BigInteger.TWO);
                    buyer.pieceVerified(TORRENT, piece);
                  }
                  return null;
                }));
      }
      BigInteger[] committed = {BigInteger.ZERO};
      Future<?> payer =
          pool.submit(
              () -> {
                start.await();
                do {
                  BigInteger debt = buyer.get(KEY).debt();
                  if (debt.signum() > 0) {
                    committed[0] = committed[0].add(debt);
                    buyer.paid(KEY, debt, CHANNEL, committed[0]);
                  }
                } while (verifying.get() || buyer.get(KEY).debt().signum() > 0);
                paying.set(false);
                return null;
              });
      Future<?> flusher =
          pool.submit(
              () -> {
                start.await();
                while (paying.get()) { // a flush racing the last payments too
                  buyer.flush();
                }
                return null;
              });
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
      verifying.set(false);
      payer.get();
      flusher.get();
      pool.shutdown();
      buyer.flush();
      BigInteger all = BigInteger.valueOf(2L * verifiers * pieces);
      // A flush that wrote a value older than a payment's would leave the store behind here.
      Ledger inMemory = buyer.get(KEY);
      assertEquals(all, inMemory.owed());
      assertEquals(all, inMemory.paid(), "every piece paid once");
      assertEquals(inMemory, reloaded(store).get(KEY));
      assertEquals(all, buyer.committed(CHANNEL));
    }
  }

  private static Map<LedgerKey, Ledger> reloaded(TorrentStore store) {
    return new BuyerLedgers(new LedgerStore(store.dataSource())).all();
  }
}
