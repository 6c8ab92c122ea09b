package io.bttspeed.wallet.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.bttspeed.contracts.token.BttTokenContract;
import io.bttspeed.contracts.voucher.VoucherSignature;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.error.NotFoundException;
import io.bttspeed.wallet.id.WalletId;
import io.bttspeed.wallet.keys.TronKey;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.tron.trident.core.ApiWrapper;
import org.tron.trident.core.key.KeyPair;
import org.tron.trident.proto.Chain.Transaction;
import org.tron.trident.proto.Common.SmartContract;
import org.tron.trident.proto.Contract.CreateSmartContract;

/**
 * The payer's and the payee's rules, on the real devnet and H2, mostly on TRC-10 BTT (TRC-20 where
 * it differs).
 */
class ChannelRulesTest extends ChannelNetCases {

  private static final BigInteger DEPOSIT = BigInteger.valueOf(1_000_000);

  private ChannelRecord open(Asset asset, BigInteger deposit, Duration lifetime) {
    return net.open(asset, deposit, lifetime);
  }

  private PayerChannels.Payment pay(ChannelRecord c, long increment) {
    return net.pay(c, BigInteger.valueOf(increment));
  }

  private PayeeChannels.Accepted accept(ChannelRecord c, PayerChannels.Payment p) {
    return accept(c, p.channel().cumulative().units(), p.signature());
  }

  private PayeeChannels.Accepted accept(
      ChannelRecord c, BigInteger cumulative, VoucherSignature sig) {
    return net.channels
        .payee()
        .accept(
            net.bob,
            net.payee.walletId(),
            new PayeeChannels.IncomingVoucher(c.hub(), c.channelId(), cumulative, sig.bytes()));
  }

  private ChannelRecord stored(WalletId walletId, ChannelId id) {
    return net.channels.store().find(walletId, id).orElseThrow();
  }

  @Test
  void payAboveTheDepositIsRefusedAndChangesNothing() {
    ChannelRecord c = open(net.trc10(), DEPOSIT, Duration.ofDays(1));
    pay(c, 999_999);
    ChannelException e = assertThrows(ChannelException.class, () -> pay(c, 2));
    assertEquals(ChannelException.Reason.DEPOSIT_EXHAUSTED, e.reason());
    assertTrue(
        e.getMessage().startsWith("channel " + c.channelId().hex() + ": deposit exhausted"),
        e.getMessage());
    assertEquals(
        BigInteger.valueOf(999_999),
        stored(net.payer.walletId(), c.channelId()).cumulative().units());
    assertEquals(BigInteger.valueOf(1_000_000), pay(c, 1).channel().cumulative().units());
  }

  @Test
  void concurrentPaysOnOneChannelEachGetTheirOwnCumulativeAmount() throws Exception {
    ChannelRecord c = open(net.trc10(), DEPOSIT, Duration.ofDays(1));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<BigInteger>> calls = new ArrayList<>();
      for (int i = 0; i < 800; i++) {
        calls.add(() -> pay(c, 3).channel().cumulative().units());
      }
      Set<BigInteger> cumulatives = new HashSet<>();
      for (Future<BigInteger> f : pool.invokeAll(calls)) {
        cumulatives.add(f.get());
      }
      assertEquals(800, cumulatives.size());
      assertEquals(
          BigInteger.valueOf(2_400), cumulatives.stream().max(BigInteger::compareTo).orElseThrow());
      assertEquals(
          BigInteger.valueOf(2_400),
          stored(net.payer.walletId(), c.channelId()).cumulative().units());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void replayedOrLowerVoucherIsAnsweredWithTheHighWaterMarkAndChangesNothing() {
    ChannelRecord c = open(net.trc10(), DEPOSIT, Duration.ofDays(1));
    PayerChannels.Payment first = pay(c, 100);
    PayerChannels.Payment second = pay(c, 50);
    assertEquals(BigInteger.valueOf(100), accept(c, first).increment().units());
    assertEquals(ChannelNet.accepted(c.asset(), 150, 50), accept(c, second));

    assertEquals(ChannelNet.accepted(c.asset(), 150, 0), accept(c, first));
    assertEquals(ChannelNet.accepted(c.asset(), 150, 0), accept(c, second));
    ChannelRecord payeeSide = stored(net.payee.walletId(), c.channelId());
    assertEquals(BigInteger.valueOf(150), payeeSide.cumulative().units());
    assertEquals(Optional.of(second.signature()), payeeSide.signature());
  }

  @Test
  void channelThatExpiresWithinTheMarginRefusesVouchersUntilExtended() {
    ChannelRecord c = open(net.trc10(), DEPOSIT, Duration.ofHours(1));
    PayerChannels.Payment early = pay(c, 10);
    net.advance(Duration.ofMinutes(55));

    ChannelException payerSide = assertThrows(ChannelException.class, () -> pay(c, 10));
    assertEquals(ChannelException.Reason.EXPIRED, payerSide.reason());
    ChannelException payeeSide = assertThrows(ChannelException.class, () -> accept(c, early));
    assertEquals(ChannelException.Reason.EXPIRED, payeeSide.reason());

    net.channels
        .payer()
        .extend(net.alice, net.payer.walletId(), c.channelId(), net.expiry(Duration.ofDays(1)));
    assertEquals(BigInteger.valueOf(20), pay(c, 10).channel().cumulative().units());
  }

  @Test
  void voucherOfAChannelPayingAnotherAddressIsRefusedAsNotThePayee() {
    TronAddress someoneElse = TronAddress.parse(net.devnet.developmentAccounts().get(3).address());
    ChannelRecord c =
        net.channels
            .payer()
            .open(
                net.alice,
                net.payer.walletId(),
                someoneElse,
                new Amount(net.trc10(), DEPOSIT),
                net.expiry(Duration.ofDays(1)),
                UUID.randomUUID().toString())
            .channel();
    PayerChannels.Payment p = pay(c, 10);
    ChannelException e = assertThrows(ChannelException.class, () -> accept(c, p));
    assertEquals(ChannelException.Reason.NOT_PAYEE, e.reason());
    assertTrue(net.channels.store().find(net.payee.walletId(), c.channelId()).isEmpty());
  }

  @Test
  void voucherOfAnUnknownChannelIsRefused() {
    ChannelHub hub = net.hubs.forAsset(net.trc10());
    ChannelId unknown = ChannelId.of(new byte[32]);
    TronKey payer = net.wallets.key(net.payer);
    VoucherSignature sig = new VoucherSigner(hub.domain()).sign(unknown, BigInteger.TEN, payer);
    ChannelException e =
        assertThrows(
            ChannelException.class,
            () ->
                net.channels
                    .payee()
                    .accept(
                        net.bob,
                        net.payee.walletId(),
                        new PayeeChannels.IncomingVoucher(
                            hub.address(), unknown, BigInteger.TEN, sig.bytes())));
    assertEquals(ChannelException.Reason.UNKNOWN_CHANNEL, e.reason());
  }

  @Test
  void anotherPrincipalCannotPayFromOrSeeAChannel() {
    ChannelRecord c = open(net.trc10(), DEPOSIT, Duration.ofDays(1));
    assertThrows(
        NotFoundException.class,
        () ->
            net.channels.payer().pay(net.bob, net.payer.walletId(), c.channelId(), BigInteger.ONE));
  }

  @Test
  void topUpLetsThePayerAndThePayeeGoAboveTheOldDeposit() {
    ChannelRecord c = open(net.trc20(), DEPOSIT, Duration.ofDays(1));
    accept(c, pay(c, 1_000_000));
    net.channels
        .payer()
        .topUp(
            net.alice,
            net.payer.walletId(),
            c.channelId(),
            BigInteger.valueOf(500),
            UUID.randomUUID().toString());
    PayerChannels.Payment p = pay(c, 500);
    assertEquals(ChannelNet.accepted(c.asset(), 1_000_500, 500), accept(c, p));
    assertEquals(
        BigInteger.valueOf(1_000_500),
        stored(net.payee.walletId(), c.channelId()).deposit().units());
  }

  @Test
  void reclaimAfterExpiryReturnsWhatWasNotPaidAndThePayeeSideFollows() {
    Asset asset = net.trc10();
    ChannelRecord c = open(asset, DEPOSIT, Duration.ofHours(2));
    accept(c, pay(c, 400));
    net.channels.payee().settle(net.bob, net.payee.walletId(), c.channelId());
    ChannelException early =
        assertThrows(
            ChannelException.class,
            () -> net.channels.payer().reclaim(net.alice, net.payer.walletId(), c.channelId()));
    assertEquals(ChannelException.Reason.NOT_EXPIRED, early.reason());

    BigInteger payerBefore = net.balance(asset, net.payer.address());
    net.advance(Duration.ofHours(3));
    ChannelRecord reclaimed =
        net.channels.payer().reclaim(net.alice, net.payer.walletId(), c.channelId()).channel();

    assertEquals(ChannelStatus.CLOSED, reclaimed.status());
    assertEquals(
        payerBefore.add(DEPOSIT).subtract(BigInteger.valueOf(400)),
        net.balance(asset, net.payer.address()));
    net.channels.watcher().tick(false);
    assertEquals(ChannelStatus.CLOSED, stored(net.payee.walletId(), c.channelId()).status());
  }

  @Test
  void closedChannelAcceptsNoVoucherAndThePayerSideFollowsTheChain() {
    ChannelRecord c = open(net.trc20(), DEPOSIT, Duration.ofDays(1));
    accept(c, pay(c, 10));
    PayerChannels.Payment unsent = pay(c, 10);
    net.channels.payee().close(net.bob, net.payee.walletId(), c.channelId());

    ChannelException e = assertThrows(ChannelException.class, () -> accept(c, unsent));
    assertEquals(ChannelException.Reason.CLOSED, e.reason());
    net.channels.watcher().tick(false);
    assertEquals(ChannelStatus.CLOSED, stored(net.payer.walletId(), c.channelId()).status());
    ChannelException payAfter = assertThrows(ChannelException.class, () -> pay(c, 1));
    assertEquals(ChannelException.Reason.CLOSED, payAfter.reason());
  }

  @Test
  void highWaterMarksSurviveARestartAndNothingIsSignedTwice() {
    ChannelRecord c = open(net.trc10(), DEPOSIT, Duration.ofDays(1));
    PayerChannels.Payment acknowledged = pay(c, 700);
    accept(c, acknowledged);
    PayerChannels.Payment neverDelivered = pay(c, 300);

    net.restartWallet();

    assertEquals(
        BigInteger.valueOf(1_000),
        stored(net.payer.walletId(), c.channelId()).cumulative().units());
    assertEquals(
        BigInteger.valueOf(700), stored(net.payee.walletId(), c.channelId()).cumulative().units());
    assertEquals(BigInteger.valueOf(1_001), pay(c, 1).channel().cumulative().units());
    assertEquals(ChannelNet.accepted(c.asset(), 700, 0), accept(c, acknowledged));
    assertEquals(ChannelNet.accepted(c.asset(), 1_000, 300), accept(c, neverDelivered));
    assertFalse(net.channels.store().unclosed().isEmpty());
  }

  @Test
  void voucherOfAChannelFundedWithAnotherTokenOnTheSameHubIsRefused() throws Exception {
    TronAddress fakeToken = deployToken(net.devnet.developmentAccounts().get(1).privateKeyHex());
    ChannelHub btt = net.hubs.forAsset(net.trc20());
    ChannelHub fake = new ChannelHub(btt.address(), new Asset.Trc20(fakeToken), btt.chainId());
    TronKey payer = net.wallets.key(net.payer);
    ChannelChain chain = new ChannelChain(net.gateway, net.tron, net.config);
    ChannelId id =
        chain
            .open(
                payer,
                fake,
                net.payee.address(),
                new Amount(fake.asset(), BigInteger.valueOf(1_000)),
                net.expiry(Duration.ofDays(1)),
                NoJournal.INSTANCE)
            .channelId();
    VoucherSignature sig = new VoucherSigner(btt.domain()).sign(id, BigInteger.TEN, payer);

    ChannelException e =
        assertThrows(
            ChannelException.class,
            () ->
                net.channels
                    .payee()
                    .accept(
                        net.bob,
                        net.payee.walletId(),
                        new PayeeChannels.IncomingVoucher(
                            btt.address(), id, BigInteger.TEN, sig.bytes())));
    assertEquals(ChannelException.Reason.WRONG_ASSET, e.reason());
  }

  @Test
  void openTheChainRejectsLeavesTheChannelClosedAndAnUnseenOneIsGivenUpLater() {
    BigInteger deposit = DEPOSIT.add(BigInteger.valueOf(7));
    // A second instance on the same database whose fee limit is 1 sun: the open passes every check
    // made before signing, then runs out of energy on chain.
    ChannelConfig starved =
        new ChannelConfig(
            net.config.expiryMargin(), 1, net.config.callTimeout(), net.config.settlement());
    try (Channels other =
        Channels.create(net.db, net.hubs, net.gateway, net.tron, net.wallets, starved, net.clock)) {
      ChannelException rejected =
          assertThrows(
              ChannelException.class,
              () ->
                  other
                      .payer()
                      .open(
                          net.alice,
                          net.payer.walletId(),
                          net.payee.address(),
                          new Amount(net.trc10(), deposit),
                          net.expiry(Duration.ofDays(1)),
                          UUID.randomUUID().toString()));
      assertEquals(ChannelException.Reason.CHAIN_REJECTED, rejected.reason());
    }
    ChannelRecord gaveUp =
        net
            .channels
            .store()
            .list(
                net.alice.id(), Optional.of(ChannelRole.PAYER), Optional.empty(), Optional.empty())
            .stream()
            .filter(r -> r.deposit().units().equals(deposit))
            .findFirst()
            .orElseThrow();
    assertEquals(ChannelStatus.CLOSED, gaveUp.status());

    ChannelId neverSent =
        ChannelId.of(
            new byte[] {
              9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9,
              9, 9, 7
            });
    net.recordOpening(neverSent);
    net.channels.watcher().tick(false);
    if (net.db.exclusive()) {
      // With the database to itself (embedded H2), the wallet knows no call is on it: no other
      // process can be, and none of its own is.
      assertEquals(ChannelStatus.CLOSED, stored(net.payer.walletId(), neverSent).status());
      return;
    }
    // A shared database: another wallet process could be signing its open.
    assertEquals(ChannelStatus.OPENING, stored(net.payer.walletId(), neverSent).status());
    ChannelException notYet =
        assertThrows(
            ChannelException.class,
            () ->
                net.channels
                    .payer()
                    .pay(net.alice, net.payer.walletId(), neverSent, BigInteger.ONE));
    assertEquals(ChannelException.Reason.NOT_OPEN_YET, notYet.reason());
    net.advance(Duration.ofMinutes(5));
    net.channels.watcher().tick(false);
    assertEquals(ChannelStatus.CLOSED, stored(net.payer.walletId(), neverSent).status());
  }

  /**
   * An open recorded by a wallet that then crashed before it signed anything is given up at the
   * restart when the wallet has its database to itself, else half a minute after it was recorded
   * (another process could be signing it until then), not after the full five minutes: its payer
   * can open a channel again.
   */
  @Test
  void anOpenLeftUnsignedByACrashedWalletIsGivenUpAtTheRestartOrHalfAMinuteOn() {
    ChannelId orphan =
        ChannelId.of(
            new byte[] {
              8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8,
              8, 8, 7
            });
    net.recordOpening(orphan);
    net.advance(Duration.ofSeconds(5));
    net.channels.close(); // the restart
    net.channels =
        Channels.create(
            net.db, net.hubs, net.gateway, net.tron, net.wallets, net.config, net.clock);
    net.channels.watcher().tick(false);
    assertEquals(
        net.db.exclusive() ? ChannelStatus.CLOSED : ChannelStatus.OPENING,
        stored(net.payer.walletId(), orphan).status());
    net.advance(UnlandedTransactions.OPEN_SIGNING_GRACE.minusSeconds(5));
    net.channels.watcher().tick(false);
    assertEquals(ChannelStatus.CLOSED, stored(net.payer.walletId(), orphan).status());
  }

  /**
   * Deploys another copy of the BTT token contract, minted to the deployer: same code, worthless
   * token.
   */
  private TronAddress deployToken(String deployerKeyHex) throws Exception {
    ApiWrapper api = new ApiWrapper(net.devnet.target(), net.devnet.target(), deployerKeyHex);
    try {
      KeyPair key = new KeyPair(deployerKeyHex);
      ByteString owner = ApiWrapper.parseAddress(key.toBase58CheckAddress());
      CreateSmartContract create =
          CreateSmartContract.newBuilder()
              .setOwnerAddress(owner)
              .setNewContract(
                  SmartContract.newBuilder()
                      .setName("FakeBtt")
                      .setOriginAddress(owner)
                      .setBytecode(
                          ByteString.copyFrom(BttTokenContract.deployData(BigInteger.TEN.pow(30))))
                      .setConsumeUserResourcePercent(100)
                      .setOriginEnergyLimit(1))
              .build();
      Transaction unsigned = api.blockingStub.deployContract(create).getTransaction();
      Transaction limited =
          unsigned.toBuilder()
              .setRawData(unsigned.getRawData().toBuilder().setFeeLimit(1_000_000_000L))
              .build();
      String txid = api.broadcastTransaction(api.signTransaction(limited, key));
      return TronAddress.of(api.getTransactionInfoById(txid).getContractAddress().toByteArray());
    } finally {
      api.close();
    }
  }
}
