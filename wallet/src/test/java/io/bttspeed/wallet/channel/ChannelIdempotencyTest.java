package io.bttspeed.wallet.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.proto.channel.v1.Channel;
import io.bttspeed.proto.channel.v1.ChannelRef;
import io.bttspeed.proto.channel.v1.ChannelResponse;
import io.bttspeed.proto.channel.v1.ChannelServiceGrpc.ChannelServiceBlockingStub;
import io.bttspeed.proto.channel.v1.ChannelState;
import io.bttspeed.proto.channel.v1.OpenChannelRequest;
import io.bttspeed.proto.channel.v1.OpenChannelResponse;
import io.bttspeed.proto.channel.v1.TopUpChannelRequest;
import io.bttspeed.tron.money.Asset;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OpenChannel and TopUpChannel under idempotency keys, over real gRPC on the real devnet: retries,
 * concurrent retries and retries after a crash between steps return the first result, and the
 * deposit leaves the payer's balance once, as the chain shows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChannelIdempotencyTest {

  private static final BigInteger DEPOSIT = BigInteger.valueOf(1_000_000);

  @TempDir static Path dir;
  private ChannelNet net;
  private ChannelServer server;
  private ChannelServiceBlockingStub alice;

  @BeforeAll
  void start() {
    net = newNet(ChannelNet.manualSettlement());
    serve();
  }

  private void serve() {
    server = new ChannelServer(net);
    alice = server.client("alice");
  }

  /** The devnet and wallet database the cases run on; H2 here, PostgreSQL in a subclass. */
  ChannelNet newNet(SettlementPolicy policy) {
    return new ChannelNet(dir, policy);
  }

  @AfterAll
  void stop() {
    server.close();
    net.close();
  }

  Stream<String> assets() {
    return Stream.of("trc20", "trc10");
  }

  private Asset asset(String name) {
    return name.equals("trc20") ? net.trc20() : net.trc10();
  }

  private static io.bttspeed.proto.wallet.v1.Asset proto(Asset asset) {
    return asset instanceof Asset.Trc20 t
        ? io.bttspeed.proto.wallet.v1.Asset.newBuilder()
            .setTrc20ContractAddress(t.contract().base58())
            .build()
        : io.bttspeed.proto.wallet.v1.Asset.newBuilder().setTrc10TokenId("1002000").build();
  }

  private OpenChannelRequest openRequest(Asset asset, BigInteger deposit, String key) {
    return OpenChannelRequest.newBuilder()
        .setWalletId(net.payer.walletId().toString())
        .setPayeeAddress(net.payee.address().base58())
        .setAsset(proto(asset))
        .setDepositBaseUnits(deposit.toString())
        .setExpiresAtUnixMs(net.expiry(Duration.ofDays(1)).toEpochMilli())
        .setIdempotencyKey(key)
        .build();
  }

  private TopUpChannelRequest topUpRequest(Channel c, long amount, String key) {
    return TopUpChannelRequest.newBuilder()
        .setChannel(
            ChannelRef.newBuilder()
                .setWalletId(net.payer.walletId().toString())
                .setChannelId(c.getChannelId()))
        .setAmountBaseUnits(Long.toString(amount))
        .setIdempotencyKey(key)
        .build();
  }

  private BigInteger payerBalance(Asset asset) {
    return net.balance(asset, net.payer.address());
  }

  private static <T> List<T> concurrently(int n, Callable<T> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        futures.add(pool.submit(call));
      }
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest
  @MethodSource("assets")
  void openRetriedWithTheSameKeyReturnsTheSameChannelAndLocksTheDepositOnce(String name) {
    Asset asset = asset(name);
    BigInteger before = payerBalance(asset);
    OpenChannelRequest req = openRequest(asset, DEPOSIT, "open-retry-" + name);

    OpenChannelResponse first = alice.openChannel(req);
    OpenChannelResponse again = alice.openChannel(req);

    assertEquals(first.getChannel().getChannelId(), again.getChannel().getChannelId());
    assertEquals(first.getTxid(), again.getTxid());
    assertEquals(64, first.getTxid().length());
    assertEquals(ChannelState.CHANNEL_STATE_OPEN, again.getChannel().getState());
    assertEquals(before.subtract(DEPOSIT), payerBalance(asset));
  }

  @Test
  void concurrentOpensUnderOneKeyOpenOneChannel() throws Exception {
    Asset asset = net.trc10();
    BigInteger before = payerBalance(asset);
    OpenChannelRequest req = openRequest(asset, DEPOSIT, "open-concurrent");

    List<OpenChannelResponse> answers = concurrently(4, () -> alice.openChannel(req));

    Set<String> ids = new HashSet<>();
    answers.forEach(a -> ids.add(a.getChannel().getChannelId()));
    assertEquals(1, ids.size());
    assertEquals(before.subtract(DEPOSIT), payerBalance(asset));
  }

  @Test
  void keyReusedForADifferentRequestIsAlreadyExistsNamingTheKey() {
    Channel c = alice.openChannel(openRequest(net.trc10(), DEPOSIT, "reused-key")).getChannel();
    BigInteger before = payerBalance(net.trc10());

    StatusRuntimeException otherOpen =
        assertThrows(
            StatusRuntimeException.class,
            () -> alice.openChannel(openRequest(net.trc10(), BigInteger.TWO, "reused-key")));
    assertEquals(Status.Code.ALREADY_EXISTS, otherOpen.getStatus().getCode());
    assertTrue(otherOpen.getStatus().getDescription().contains("'reused-key'"));
    assertTrue(otherOpen.getStatus().getDescription().contains(c.getChannelId()));

    StatusRuntimeException topUp =
        assertThrows(
            StatusRuntimeException.class,
            () -> alice.topUpChannel(topUpRequest(c, 5, "reused-key")));
    assertEquals(Status.Code.ALREADY_EXISTS, topUp.getStatus().getCode());
    assertEquals(before, payerBalance(net.trc10()));
  }

  @Test
  void openOrTopUpWithoutAKeyIsRefused() {
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () -> alice.openChannel(openRequest(net.trc10(), DEPOSIT, "")));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    assertTrue(e.getStatus().getDescription().contains("idempotency_key"));
  }

  @ParameterizedTest
  @MethodSource("assets")
  void topUpRetriedConcurrentlyUnderOneKeyAddsTheAmountOnce(String name) throws Exception {
    Asset asset = asset(name);
    Channel c = alice.openChannel(openRequest(asset, DEPOSIT, "topup-open-" + name)).getChannel();
    BigInteger before = payerBalance(asset);
    TopUpChannelRequest req = topUpRequest(c, 500, "topup-" + name);

    List<ChannelResponse> answers = concurrently(3, () -> alice.topUpChannel(req));
    ChannelResponse later = alice.topUpChannel(req);

    Set<String> txids = new HashSet<>();
    answers.forEach(a -> txids.add(a.getTxid()));
    txids.add(later.getTxid());
    assertEquals(1, txids.size());
    assertEquals(before.subtract(BigInteger.valueOf(500)), payerBalance(asset));
    assertEquals(
        DEPOSIT.add(BigInteger.valueOf(500)),
        net.channels
            .store()
            .find(net.payer.walletId(), io.bttspeed.tron.id.ChannelId.fromHex(c.getChannelId()))
            .orElseThrow()
            .deposit()
            .units());
  }

  /**
   * A crash after the open and the top-up were sent but before either was marked done leaves the
   * requests SENDING; the restarted service finds both on chain and sends nothing again.
   */
  @Test
  void retriesAfterACrashBetweenSendingAndRecordingFindTheFirstResultOnChain() {
    Asset asset = net.trc20();
    BigInteger before = payerBalance(asset);
    OpenChannelRequest open = openRequest(asset, DEPOSIT, "crash-open");
    Channel c = alice.openChannel(open).getChannel();
    TopUpChannelRequest topUp = topUpRequest(c, 700, "crash-topup");
    alice.topUpChannel(topUp);
    BigInteger afterBoth = before.subtract(DEPOSIT).subtract(BigInteger.valueOf(700));
    assertEquals(afterBoth, payerBalance(asset));

    net.db.inTransaction(
        conn -> {
          try (PreparedStatement back =
              conn.prepareStatement(
                  "UPDATE channel_requests SET stage = 'SENDING', txid = NULL WHERE"
                      + " idempotency_key IN ('crash-open', 'crash-topup')")) {
            return back.executeUpdate();
          }
        });
    server.close();
    net.restartWallet();
    serve();

    OpenChannelResponse reopened = alice.openChannel(open);
    ChannelResponse toppedUp = alice.topUpChannel(topUp);

    assertEquals(c.getChannelId(), reopened.getChannel().getChannelId());
    assertEquals(ChannelState.CHANNEL_STATE_OPEN, reopened.getChannel().getState());
    assertEquals(
        DEPOSIT.add(BigInteger.valueOf(700)).toString(),
        toppedUp.getChannel().getDepositBaseUnits());
    assertEquals(afterBoth, payerBalance(asset));
  }
}
