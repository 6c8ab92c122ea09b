package io.bttspeed.wallet.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.id.TxId;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.chain.ChannelGateway;
import io.bttspeed.wallet.chain.SignedTransaction;
import io.bttspeed.wallet.error.NodeUnavailableException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Channel transactions signed but never seen in a block: a wallet that crashed right after storing
 * its open sends it again after the restart, a node that lost it is sent it again by the call, an
 * opening channel is given up only when nothing stored can still open it, and a closing one takes
 * no voucher while a stored close may still land. On the real devnet and H2 (PostgreSQL in a
 * subclass).
 */
class UnlandedTransactionsTest extends ChannelNetCases {

  private static final BigInteger DEPOSIT = BigInteger.valueOf(1_000_000);

  private static final BigInteger TOP_UP = BigInteger.valueOf(250_000);

  private final Map<String, java.time.Instant> expiries = new ConcurrentHashMap<>();

  @Test
  void anOpenStoredJustBeforeTheWalletDiedIsSentAfterTheRestartAndOpensOnce() throws Exception {
    Asset asset = net.trc20();
    LossyNode node = new LossyNode(net.gateway, net.hubs.forAsset(asset).address());
    node.dieAtHubCall = true;
    BigInteger balance = net.balance(asset, net.payer.address());
    String key = UUID.randomUUID().toString();
    Set<ChannelId> before = opening();
    try (Channels dying = channelsOn(node)) {
      assertThrows(LossyNode.Crash.class, () -> open(dying, asset, key));
    }
    ChannelRecord opening = newlyOpening(before);
    assertEquals(
        List.of(ChannelTransaction.Kind.OPEN),
        pending().forChannel(net.payer.walletId(), opening.channelId()).stream()
            .map(PendingChannelTransactions.Pending::kind)
            .toList(),
        "the approve landed; the open is stored and was never sent");

    net.advance(Duration.ofSeconds(1)); // the restart takes a moment
    restart();
    ChannelRecord opened = awaitStatus(opening.channelId(), ChannelStatus.OPEN);
    net.channels.watcher().tick(false); // finds the open in its block
    assertEquals(DEPOSIT, opened.deposit().units());
    assertEquals(balance.subtract(DEPOSIT), net.balance(asset, net.payer.address()), "one deposit");
    assertTrue(pending().forChannel(net.payer.walletId(), opening.channelId()).isEmpty());
    assertEquals(
        List.of(ChannelTransaction.Kind.APPROVE, ChannelTransaction.Kind.OPEN),
        history(opening.channelId()),
        "both transactions are in the channel's history");

    // The payer's retry under the same key finds the channel; nothing more is sent.
    assertEquals(opening.channelId(), open(net.channels, asset, key).channelId());
    assertEquals(balance.subtract(DEPOSIT), net.balance(asset, net.payer.address()));
  }

  @Test
  void anOpenTheNodeLostIsSentAgainByTheCallItself() throws Exception {
    Asset asset = net.trc10();
    LossyNode node = new LossyNode(net.gateway, net.hubs.forAsset(asset).address());
    node.toLose.set(1);
    try (Channels channels = channelsOn(node)) {
      ChannelRecord c = open(channels, asset, UUID.randomUUID().toString());
      assertEquals(ChannelStatus.OPEN, c.status());
      assertEquals(1, node.openBroadcasts.size(), "one open transaction");
      assertTrue(
          node.openBroadcasts.values().iterator().next().get() >= 2,
          "sent again after the node lost it: " + node.openBroadcasts);
      assertTrue(pending().forChannel(net.payer.walletId(), c.channelId()).isEmpty());
    }
  }

  @Test
  void anOpenWhoseApproveDiedWithTheWalletIsGivenUpOnceNoOpenCanComeAndARetryOpens()
      throws Exception {
    Asset asset = net.trc20();
    LossyNode node = new LossyNode(net.gateway, net.hubs.forAsset(asset).address());
    node.dieAtAnything = true;
    String key = UUID.randomUUID().toString();
    BigInteger balance = net.balance(asset, net.payer.address());
    Set<ChannelId> before = opening();
    try (Channels dying = channelsOn(node)) {
      assertThrows(LossyNode.Crash.class, () -> open(dying, asset, key));
    }
    ChannelRecord opening = newlyOpening(before);
    net.advance(Duration.ofSeconds(1));
    restart();
    if (!net.db.exclusive()) {
      assertEquals(
          ChannelStatus.OPENING,
          stored(opening.channelId()).status(),
          "its approve may still land, and a live call of another wallet process sharing the"
              + " database would then sign the open");
      net.advance(Duration.ofSeconds(60).plus(UnlandedTransactions.EXPIRY_MARGIN));
      net.channels.watcher().tick(false);
    }
    // With the database to itself (embedded H2) the restarted wallet knows that call died.
    assertEquals(ChannelStatus.CLOSED, stored(opening.channelId()).status());
    assertTrue(pending().forChannel(net.payer.walletId(), opening.channelId()).isEmpty());

    ChannelRecord retried = open(net.channels, asset, key);
    assertEquals(ChannelStatus.OPEN, retried.status());
    assertEquals(balance.subtract(DEPOSIT), net.balance(asset, net.payer.address()));
  }

  /**
   * A wallet that died after claiming an open's idempotency key but before signing anything: with
   * the database to itself the restarted wallet knows no call holds the claim and sends the open
   * when the payer retries; on a shared database the retry is told to come back (another process
   * could be checking it).
   */
  @Test
  void anOpenClaimedByAWalletThatDiedBeforeSigningIsSentOnRetryWithTheDatabaseToItself() {
    Asset asset = net.trc20();
    LossyNode node = new LossyNode(net.gateway, net.hubs.forAsset(asset).address());
    node.dieAtView = true;
    String key = UUID.randomUUID().toString();
    Set<ChannelId> before = opening();
    try (Channels dying = channelsOn(node)) {
      assertThrows(LossyNode.Crash.class, () -> open(dying, asset, key));
    }
    assertEquals(before, opening(), "nothing recorded but the claim");
    net.advance(Duration.ofSeconds(1));
    restart();
    if (net.db.exclusive()) {
      assertEquals(ChannelStatus.OPEN, open(net.channels, asset, key).status());
    } else {
      assertThrows(NodeUnavailableException.class, () -> open(net.channels, asset, key));
    }
  }

  /**
   * A top-up claimed by a wallet that died before signing it is sent at the payer's retry when the
   * wallet has its database to itself; one stored just before the wallet died is sent after the
   * restart and a retry finds it done. Either way the deposit grows once.
   */
  @Test
  void aTopUpLeftByAWalletThatDiedIsSentOnce() {
    Asset asset = net.trc10();
    ChannelRecord c = net.open(asset, DEPOSIT, Duration.ofDays(1));
    LossyNode node = new LossyNode(net.gateway, net.hubs.forAsset(asset).address());
    BigInteger balance = net.balance(asset, net.payer.address());

    node.dieAtEstimate = true; // claimed, checked up to its fee: nothing signed
    String unsigned = UUID.randomUUID().toString();
    try (Channels dying = channelsOn(node)) {
      assertThrows(LossyNode.Crash.class, () -> topUp(dying, c, unsigned));
    }
    net.advance(Duration.ofSeconds(1));
    restart();
    if (net.db.exclusive()) {
      assertEquals(DEPOSIT.add(TOP_UP), topUp(net.channels, c, unsigned).deposit().units());
    } else {
      assertThrows(NodeUnavailableException.class, () -> topUp(net.channels, c, unsigned));
      return;
    }

    node.dieAtEstimate = false;
    node.dieAtHubCall = true; // stored, then died at its broadcast
    String stored = UUID.randomUUID().toString();
    try (Channels dying = channelsOn(node)) {
      assertThrows(LossyNode.Crash.class, () -> topUp(dying, c, stored));
    }
    net.advance(Duration.ofSeconds(1));
    restart(); // sends the stored top-up
    net.channels.watcher().tick(false);
    assertEquals(DEPOSIT.add(TOP_UP).add(TOP_UP), topUp(net.channels, c, stored).deposit().units());
    assertEquals(
        balance.subtract(TOP_UP).subtract(TOP_UP),
        net.balance(asset, net.payer.address()),
        "each top-up moved once");
  }

  @Test
  void aCloseStoredJustBeforeTheWalletDiedKeepsTheChannelClosingUntilItCanNoLongerLand() {
    Asset asset = net.trc10();
    ChannelRecord c = net.openAndPay(asset, DEPOSIT, Duration.ofDays(1), BigInteger.valueOf(1_000));
    LossyNode node = new LossyNode(net.gateway, net.hubs.forAsset(asset).address());
    node.dieAtHubCall = true;
    try (Channels dying = channelsOn(node)) {
      assertThrows(
          LossyNode.Crash.class,
          () -> dying.payee().close(net.bob, net.payee.walletId(), c.channelId()));
    }
    net.advance(Duration.ofSeconds(1));
    restart();
    assertEquals(
        ChannelStatus.CLOSING,
        payeeRow(c.channelId()).status(),
        "the stored close may still land, redeeming only the vouchers it was signed for");
    PayerChannels.Payment more = net.pay(c, BigInteger.valueOf(500));
    assertThrows(ChannelException.class, () -> net.accept(c, more));

    net.advance(Duration.ofSeconds(60).plus(UnlandedTransactions.EXPIRY_MARGIN));
    net.channels.watcher().tick(false);
    assertEquals(ChannelStatus.OPEN, payeeRow(c.channelId()).status(), "the close expired");
    assertEquals(
        BigInteger.valueOf(1_500), net.accept(c, more).cumulative().units(), "vouchers again");
  }

  /**
   * A call storing its open and the watcher giving the channel up, released together many times on
   * many channels: exactly one of them wins each time, so an open is never sent for a channel given
   * up, nor a channel given up whose open may land.
   */
  @Test
  void storingAnOpenAndGivingItsChannelUpNeverBothWin() throws Exception {
    PendingChannelTransactions pending = pending();
    SecureRandom random = new SecureRandom();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 40; round++) {
        byte[] idBytes = new byte[32];
        random.nextBytes(idBytes);
        ChannelRecord r = net.recordOpening(ChannelId.of(idBytes));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> stores = new ArrayList<>();
        List<Future<Boolean>> giveUps = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          byte[] txid = new byte[32];
          random.nextBytes(txid);
          stores.add(
              pool.submit(
                  () -> {
                    go.await();
                    return pending.insert(
                        new PendingChannelTransactions.Pending(
                            r.principalId(),
                            r.walletId(),
                            r.channelId(),
                            UUID.randomUUID().toString(),
                            ChannelTransaction.Kind.OPEN,
                            new SignedTransaction(TxId.of(txid), new byte[] {1}, Long.MAX_VALUE, 1),
                            net.clock.millis()));
                  }));
          giveUps.add(
              pool.submit(
                  () -> {
                    go.await();
                    return net.channels
                        .store()
                        .giveUpOpening(
                            r,
                            net.clock.millis(),
                            PendingChannelTransactions.clearUnlessOpenPending(
                                r.walletId(), r.channelId()))
                        .isPresent();
                  }));
        }
        go.countDown();
        int stored = 0;
        int gaveUp = 0;
        for (Future<Boolean> f : stores) {
          stored += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        for (Future<Boolean> f : giveUps) {
          gaveUp += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        ChannelRecord after = stored(r.channelId());
        int left = pending.forChannel(r.walletId(), r.channelId()).size();
        if (gaveUp > 0) {
          assertEquals(1, gaveUp, "given up once, round " + round);
          assertEquals(0, stored, "no open stored for a channel given up, round " + round);
          assertEquals(ChannelStatus.CLOSED, after.status());
          assertEquals(0, left);
        } else {
          assertTrue(stored > 0, "one side wins, round " + round);
          assertEquals(ChannelStatus.OPENING, after.status());
          assertEquals(stored, left);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private Channels channelsOn(ChannelGateway gateway) {
    return Channels.create(net.db, net.hubs, gateway, net.tron, net.wallets, net.config, net.clock);
  }

  /** The wallet starts again over the same database, on the real node. */
  private void restart() {
    net.channels.close();
    net.channels = channelsOn(net.gateway);
    net.channels.watcher().tick(false);
  }

  /** An open under {@code key}; a retry asks for the same expiry, as the same request must. */
  private ChannelRecord open(Channels channels, Asset asset, String key) {
    return net.open(
        channels,
        asset,
        DEPOSIT,
        expiries.computeIfAbsent(key, k -> net.expiry(Duration.ofDays(1))),
        key);
  }

  private ChannelRecord topUp(Channels channels, ChannelRecord c, String key) {
    return channels
        .payer()
        .topUp(net.alice, net.payer.walletId(), c.channelId(), TOP_UP, key)
        .channel();
  }

  /** The payer's opening channels (other cases leave some). */
  private Set<ChannelId> opening() {
    return net.channels.store().unclosed().stream()
        .filter(r -> r.status() == ChannelStatus.OPENING)
        .map(ChannelRecord::channelId)
        .collect(java.util.stream.Collectors.toSet());
  }

  /** The one channel that is opening now and was not in {@code before}. */
  private ChannelRecord newlyOpening(Set<ChannelId> before) {
    Set<ChannelId> now = new java.util.HashSet<>(opening());
    now.removeAll(before);
    assertEquals(1, now.size(), "one new opening channel: " + now);
    return stored(now.iterator().next());
  }

  /** Runs the watcher's rounds until the channel has {@code status}, for at most 30 s. */
  private ChannelRecord awaitStatus(ChannelId id, ChannelStatus status) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (stored(id).status() != status) {
      assertTrue(System.nanoTime() < deadline, "channel never " + status + ": " + stored(id));
      net.channels.watcher().tick(false);
    }
    return stored(id);
  }

  private ChannelRecord stored(ChannelId id) {
    return net.channels.store().find(net.payer.walletId(), id).orElseThrow();
  }

  private ChannelRecord payeeRow(ChannelId id) {
    return net.channels.store().find(net.payee.walletId(), id).orElseThrow();
  }

  private PendingChannelTransactions pending() {
    return new PendingChannelTransactions(net.db);
  }

  private List<ChannelTransaction.Kind> history(ChannelId id) {
    return net
        .channels
        .history(net.alice, Optional.of(net.payer.walletId()), Optional.of(id), 0, 10, false)
        .stream()
        .map(t -> t.sent().kind())
        .toList();
  }
}
