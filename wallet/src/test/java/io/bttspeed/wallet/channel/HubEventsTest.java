package io.bttspeed.wallet.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bttspeed.contracts.abi.CallData;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.wallet.chain.ChannelGateway;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher learns which channels changed on chain from the hubs' events in each new block: a
 * round with no events reads no channel, and a close by the payee is seen on the payer's side by
 * reading that one channel. The real devnet's gateway, with its channel reads counted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HubEventsTest {

  /** The real gateway; counts the constant calls (each reads one channel's state). */
  private static final class CountingGateway extends ForwardingChannelGateway {
    final AtomicInteger views = new AtomicInteger();

    CountingGateway(ChannelGateway real) {
      super(real);
    }

    @Override
    public ViewResult view(TronAddress owner, TronAddress contract, CallData data) {
      views.incrementAndGet();
      return real.view(owner, contract, data);
    }
  }

  @TempDir static Path dir;
  private ChannelNet net;
  private CountingGateway counting;

  @BeforeAll
  void start() {
    net = new ChannelNet(dir, ChannelNet.manualSettlement());
    counting = new CountingGateway(net.gateway);
    net.channels.close();
    net.channels =
        Channels.create(net.db, net.hubs, counting, net.tron, net.wallets, net.config, net.clock);
  }

  @AfterAll
  void stop() {
    net.close();
  }

  private ChannelRecord openAndPay() {
    return net.openAndPay(
        net.trc10(), BigInteger.valueOf(1_000), Duration.ofDays(1), BigInteger.TEN);
  }

  @Test
  void aRoundWithoutEventsReadsNoChannelAndACloseIsSeenByReadingOnlyThatChannel() {
    List<ChannelRecord> channels = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      channels.add(openAndPay());
    }
    net.channels.watcher().tick(true);

    counting.views.set(0);
    net.channels.watcher().tick(true);
    assertEquals(0, counting.views.get());

    ChannelRecord closed = channels.get(1);
    net.channels.payee().close(net.bob, net.payee.walletId(), closed.channelId());
    assertEquals(
        ChannelStatus.OPEN,
        net.channels.store().find(net.payer.walletId(), closed.channelId()).orElseThrow().status());
    counting.views.set(0);
    net.channels.watcher().tick(true);

    assertEquals(1, counting.views.get());
    assertEquals(
        ChannelStatus.CLOSED,
        net.channels.store().find(net.payer.walletId(), closed.channelId()).orElseThrow().status());
    for (ChannelRecord other : List.of(channels.get(0), channels.get(2))) {
      assertEquals(
          ChannelStatus.OPEN,
          net.channels
              .store()
              .find(net.payer.walletId(), other.channelId())
              .orElseThrow()
              .status());
    }
  }
}
