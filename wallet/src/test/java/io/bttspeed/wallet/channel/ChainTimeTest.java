package io.bttspeed.wallet.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bttspeed.wallet.chain.ChannelGateway;
import io.bttspeed.wallet.error.NodeUnavailableException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Expiry is judged by the chain's time (the head block's timestamp, as the contracts judge it with
 * block.timestamp), never by the wallet's clock: the devnet's clock and the wallet's are moved
 * apart and the wallet follows the chain.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChainTimeTest {

  private static final BigInteger DEPOSIT = BigInteger.valueOf(1_000_000);

  @TempDir static Path dir;
  private ChannelNet net;
  private MovableClock walletClock;

  @BeforeAll
  void start() {
    net = new ChannelNet(dir, ChannelNet.manualSettlement());
  }

  @AfterAll
  void stop() {
    net.close();
  }

  /** The channel service again, on a wallet clock of its own that starts at the chain's time. */
  private void walletWithItsOwnClock() {
    walletWithItsOwnClock(net.gateway);
  }

  private void walletWithItsOwnClock(ChannelGateway gateway) {
    walletClock = new MovableClock(net.clock.instant());
    net.channels.close();
    net.channels =
        Channels.create(net.db, net.hubs, gateway, net.tron, net.wallets, net.config, walletClock);
  }

  /** The node, except that while {@code down} every call fails as an unreachable node's does. */
  private ChannelGateway unreachableWhile(AtomicBoolean down) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (down.get() && !method.getName().equals("close")) {
            throw new NodeUnavailableException("the TRON node did not answer (test: it is down)");
          }
          try {
            return method.invoke(net.gateway, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (ChannelGateway)
        Proxy.newProxyInstance(
            ChannelGateway.class.getClassLoader(), new Class<?>[] {ChannelGateway.class}, handler);
  }

  private ChannelRecord open(Duration lifetime) {
    return net.open(net.trc10(), DEPOSIT, lifetime);
  }

  private PayerChannels.Payment pay(ChannelRecord c) {
    return net.pay(c, BigInteger.TEN);
  }

  private PayeeChannels.Accepted accept(ChannelRecord c, PayerChannels.Payment p) {
    return net.accept(c, p);
  }

  @Test
  void channelExpiredByTheChainsTimeIsRefusedAndReclaimedThoughTheWalletClockSaysItIsNot() {
    walletWithItsOwnClock();
    ChannelRecord c = open(Duration.ofHours(2));
    PayerChannels.Payment early = pay(c);
    BigInteger payerBefore = net.balance(net.trc10(), net.payer.address());

    net.advance(Duration.ofHours(3));
    walletClock.advance(ChainClock.MAX_AGE);

    ChannelException payerSide = assertThrows(ChannelException.class, () -> pay(c));
    assertEquals(ChannelException.Reason.EXPIRED, payerSide.reason());
    ChannelException payeeSide = assertThrows(ChannelException.class, () -> accept(c, early));
    assertEquals(ChannelException.Reason.EXPIRED, payeeSide.reason());
    ChannelRecord reclaimed =
        net.channels.payer().reclaim(net.alice, net.payer.walletId(), c.channelId()).channel();
    assertEquals(ChannelStatus.CLOSED, reclaimed.status());
    assertEquals(payerBefore.add(DEPOSIT), net.balance(net.trc10(), net.payer.address()));
  }

  @Test
  void channelOpenByTheChainsTimeIsServedThoughTheWalletClockIsPastItsExpiry() {
    walletWithItsOwnClock();
    ChannelRecord c = open(Duration.ofHours(2));

    walletClock.advance(Duration.ofHours(3));

    PayerChannels.Payment p = pay(c);
    assertEquals(ChannelNet.accepted(c.asset(), 10, 10), accept(c, p));
    ChannelException early =
        assertThrows(
            ChannelException.class,
            () -> net.channels.payer().reclaim(net.alice, net.payer.walletId(), c.channelId()));
    assertEquals(ChannelException.Reason.NOT_EXPIRED, early.reason());
  }

  @Test
  void vouchersGoOnThroughANodesOutageOfAFewMinutesButNotLonger() {
    AtomicBoolean down = new AtomicBoolean();
    walletWithItsOwnClock(unreachableWhile(down));
    ChannelRecord c = open(Duration.ofHours(2));
    assertEquals(ChannelNet.accepted(c.asset(), 10, 10), accept(c, pay(c)));

    down.set(true);
    walletClock.advance(ChainClock.MAX_AGE.multipliedBy(2)); // the cached head is stale now
    assertEquals(
        ChannelNet.accepted(c.asset(), 20, 10),
        accept(c, pay(c)),
        "signed and accepted on the chain time estimated from the last head");

    walletClock.advance(ChainClock.MAX_ESTIMATE);
    assertThrows(
        NodeUnavailableException.class,
        () -> pay(c),
        "past the estimate's bound the payer does not guess the chain's time");

    down.set(false);
    assertEquals(ChannelNet.accepted(c.asset(), 30, 10), accept(c, pay(c)));
  }
}
