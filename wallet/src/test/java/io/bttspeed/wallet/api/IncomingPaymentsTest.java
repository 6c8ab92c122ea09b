package io.bttspeed.wallet.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.proto.channel.v1.AcceptVoucherRequest;
import io.bttspeed.proto.channel.v1.Channel;
import io.bttspeed.proto.channel.v1.ChannelRef;
import io.bttspeed.proto.channel.v1.ChannelServiceGrpc;
import io.bttspeed.proto.channel.v1.OpenChannelRequest;
import io.bttspeed.proto.channel.v1.PayRequest;
import io.bttspeed.proto.channel.v1.Voucher;
import io.bttspeed.proto.wallet.v1.Asset;
import io.bttspeed.proto.wallet.v1.CreateWalletRequest;
import io.bttspeed.proto.wallet.v1.ImportWalletRequest;
import io.bttspeed.proto.wallet.v1.IncomingPayment;
import io.bttspeed.proto.wallet.v1.ListIncomingRequest;
import io.bttspeed.proto.wallet.v1.ListIncomingResponse;
import io.bttspeed.proto.wallet.v1.SendRequest;
import io.bttspeed.proto.wallet.v1.SubscribeIncomingRequest;
import io.bttspeed.proto.wallet.v1.Transfer;
import io.bttspeed.proto.wallet.v1.TransferStatus;
import io.bttspeed.proto.wallet.v1.Wallet;
import io.bttspeed.proto.wallet.v1.WalletServiceGrpc;
import io.bttspeed.wallet.store.Scope;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wallet's history shows what it received: TRX, TRC-10 and TRC-20 payments to its address, and a
 * channel hub's payout to a payee, through ListIncoming and SubscribeIncoming on a real server over
 * the devnet.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncomingPaymentsTest {

  private static final Asset TRX =
      Asset.newBuilder().setTrx(Asset.Trx.getDefaultInstance()).build();
  private static final Asset BTT10 = Asset.newBuilder().setTrc10TokenId("1002000").build();

  @TempDir static Path dir;
  private WalletFixture fx;
  private WalletServiceGrpc.WalletServiceBlockingStub alice;
  private WalletServiceGrpc.WalletServiceBlockingStub bob;
  private Wallet payer;
  private Wallet seeder;
  private Asset btt20;

  @BeforeAll
  void start() {
    fx = new WalletFixture(dir);
    alice = fx.client("alice", Scope.READ, Scope.SPEND);
    bob = fx.client("bob", Scope.READ, Scope.SPEND);
    payer =
        alice
            .importWallet(
                ImportWalletRequest.newBuilder()
                    .setLabel("dev7")
                    .setPrivateKeyHex(fx.devAccounts().get(7).privateKeyHex())
                    .build())
            .getWallet();
    seeder =
        bob.createWallet(CreateWalletRequest.newBuilder().setLabel("seeder").build()).getWallet();
    btt20 =
        Asset.newBuilder()
            .setTrc20ContractAddress(fx.app.devnet().orElseThrow().bttTokenAddress())
            .build();
  }

  @AfterAll
  void stop() {
    fx.close();
  }

  @Test
  void paymentsToAWalletAppearInItsHistoryOnceEachAndOnlyForItsOwner() {
    List<Transfer> sent =
        List.of(
            send(TRX, seeder.getAddress(), "10000000"),
            send(BTT10, seeder.getAddress(), "5000000"),
            send(btt20, seeder.getAddress(), "3"));
    List<IncomingPayment> received = awaitIncoming(bob, seeder.getWalletId(), 3);
    for (int i = 0; i < sent.size(); i++) {
      IncomingPayment p = received.get(i);
      Transfer t = sent.get(i);
      assertEquals(t.getTxid(), p.getTxid());
      assertEquals(t.getAsset(), p.getAsset());
      assertEquals(t.getAmountBaseUnits(), p.getAmountBaseUnits());
      assertEquals(payer.getAddress(), p.getFromAddress());
      assertEquals(seeder.getAddress(), p.getToAddress());
      assertEquals(seeder.getWalletId(), p.getWalletId());
      assertEquals(t.getBlockNumber(), p.getBlockNumber());
    }

    ListIncomingResponse firstTwo =
        bob.listIncoming(ListIncomingRequest.newBuilder().setMaxPayments(2).build());
    assertEquals(received.subList(0, 2), firstTwo.getPaymentsList());
    ListIncomingResponse rest =
        bob.listIncoming(
            ListIncomingRequest.newBuilder()
                .setIndexOffset(firstTwo.getLastIndexOffset())
                .setMaxPayments(2)
                .build());
    assertEquals(received.get(2), rest.getPayments(0));

    assertTrue(
        alice.listIncoming(ListIncomingRequest.getDefaultInstance()).getPaymentsList().stream()
            .noneMatch(p -> p.getToAddress().equals(seeder.getAddress())));
    StatusRuntimeException notYours =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                alice.listIncoming(
                    ListIncomingRequest.newBuilder().setWalletId(seeder.getWalletId()).build()));
    assertEquals(Status.Code.NOT_FOUND, notYours.getStatus().getCode());

    Iterator<IncomingPayment> stream =
        bob.withDeadlineAfter(30, TimeUnit.SECONDS)
            .subscribeIncoming(SubscribeIncomingRequest.getDefaultInstance());
    List<IncomingPayment> streamed = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      streamed.add(stream.next());
    }
    assertEquals(received, streamed);
  }

  @Test
  void aPayeeSeesTheHubsPayoutWhenItClosesAChannelAndThePayerItsRefund() {
    // The payee needs TRX for the close; that payment is history too, and the one to look past
    // here.
    WalletServiceGrpc.WalletServiceBlockingStub carol = fx.client("carol", Scope.READ, Scope.SPEND);
    Wallet payee =
        carol.createWallet(CreateWalletRequest.newBuilder().setLabel("payee").build()).getWallet();
    send(TRX, payee.getAddress(), "50000000");
    awaitIncoming(carol, payee.getWalletId(), 1);
    ChannelServiceGrpc.ChannelServiceBlockingStub payerChannels = channels("alice");
    ChannelServiceGrpc.ChannelServiceBlockingStub payeeChannels = channels("carol");
    Channel channel =
        payerChannels
            .openChannel(
                OpenChannelRequest.newBuilder()
                    .setWalletId(payer.getWalletId())
                    .setPayeeAddress(payee.getAddress())
                    .setAsset(BTT10)
                    .setDepositBaseUnits("1000000")
                    .setExpiresAtUnixMs(System.currentTimeMillis() + Duration.ofDays(1).toMillis())
                    .setIdempotencyKey(UUID.randomUUID().toString())
                    .build())
            .getChannel();
    Voucher voucher =
        payerChannels
            .pay(
                PayRequest.newBuilder()
                    .setChannel(
                        ChannelRef.newBuilder()
                            .setWalletId(payer.getWalletId())
                            .setChannelId(channel.getChannelId()))
                    .setIncrementBaseUnits("250000")
                    .build())
            .getVoucher();
    payeeChannels.acceptVoucher(
        AcceptVoucherRequest.newBuilder()
            .setWalletId(payee.getWalletId())
            .setVoucher(voucher)
            .build());
    payeeChannels.closeChannel(
        ChannelRef.newBuilder()
            .setWalletId(payee.getWalletId())
            .setChannelId(channel.getChannelId())
            .build());

    IncomingPayment payout = awaitIncoming(carol, payee.getWalletId(), 2).get(1);
    assertEquals(BTT10, payout.getAsset());
    assertEquals("250000", payout.getAmountBaseUnits());
    assertEquals(channel.getHubAddress(), payout.getFromAddress());
    await("the payer's refund in its history")
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                alice
                    .listIncoming(
                        ListIncomingRequest.newBuilder().setWalletId(payer.getWalletId()).build())
                    .getPaymentsList()
                    .stream()
                    .anyMatch(
                        p ->
                            p.getFromAddress().equals(channel.getHubAddress())
                                && p.getAmountBaseUnits().equals("750000")));
  }

  private Transfer send(Asset asset, String to, String amount) {
    Transfer t =
        alice
            .send(
                SendRequest.newBuilder()
                    .setWalletId(payer.getWalletId())
                    .setAsset(asset)
                    .setToAddress(to)
                    .setAmountBaseUnits(amount)
                    .setIdempotencyKey(UUID.randomUUID().toString())
                    .build())
            .getTransfer();
    Transfer done = WalletFixture.awaitFinal(alice, t.getTransferId());
    assertEquals(
        TransferStatus.TRANSFER_STATUS_CONFIRMED, done.getStatus(), done.getFailureReason());
    return done;
  }

  /** Polls the wallet's history until it holds at least {@code count} payments; returns them. */
  private static List<IncomingPayment> awaitIncoming(
      WalletServiceGrpc.WalletServiceBlockingStub client, String walletId, int count) {
    return List.copyOf(
        await(count + " incoming payments")
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    client
                        .listIncoming(
                            ListIncomingRequest.newBuilder().setWalletId(walletId).build())
                        .getPaymentsList(),
                payments -> payments.size() >= count));
  }

  private ChannelServiceGrpc.ChannelServiceBlockingStub channels(String principal) {
    Metadata md = new Metadata();
    String token = fx.app.principals().createToken(principal, Set.of(Scope.READ, Scope.SPEND));
    md.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return ChannelServiceGrpc.newBlockingStub(fx.channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md))
        .withDeadlineAfter(30, TimeUnit.SECONDS);
  }
}
