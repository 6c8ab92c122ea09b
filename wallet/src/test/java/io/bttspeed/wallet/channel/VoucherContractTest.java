package io.bttspeed.wallet.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.contracts.voucher.Tip712Voucher;
import io.bttspeed.contracts.voucher.Voucher;
import io.bttspeed.contracts.voucher.VoucherSignature;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.error.InvalidArgumentException;
import io.bttspeed.wallet.keys.TronKey;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Java voucher signer and verifier against the channel contracts on the devnet, for both hubs:
 * the digest is the contract's, a voucher the service signs and accepts is one the contract pays,
 * and a voucher the service rejects is one the contract rejects.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VoucherContractTest {

  private static final BigInteger DEPOSIT = BigInteger.valueOf(5_000_000);

  @TempDir static Path dir;
  private ChannelNet net;

  @BeforeAll
  void start() {
    net = new ChannelNet(dir, ChannelNet.manualSettlement());
  }

  @AfterAll
  void stop() {
    net.close();
  }

  Stream<String> assets() {
    return Stream.of("trc20", "trc10");
  }

  private Asset asset(String name) {
    return name.equals("trc20") ? net.trc20() : net.trc10();
  }

  private ChannelRecord open(Asset asset) {
    return net.channels
        .payer()
        .open(
            net.alice,
            net.payer.walletId(),
            net.payee.address(),
            new Amount(asset, DEPOSIT),
            net.expiry(Duration.ofDays(1)),
            java.util.UUID.randomUUID().toString())
        .channel();
  }

  private ChannelChain chain() {
    return new ChannelChain(net.gateway, net.tron, net.config);
  }

  private PayeeChannels.IncomingVoucher incoming(
      ChannelRecord c, BigInteger cumulative, VoucherSignature sig) {
    return new PayeeChannels.IncomingVoucher(c.hub(), c.channelId(), cumulative, sig.bytes());
  }

  @ParameterizedTest
  @MethodSource("assets")
  void signerDigestIsTheContractsVoucherDigest(String name) {
    ChannelHub hub = net.hubs.forAsset(asset(name));
    VoucherSigner signer = new VoucherSigner(hub.domain());
    ChannelId id =
        ChannelId.of(
            new byte[] {
              1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
              25, 26, 27, 28, 29, 30, 31, 32
            });
    for (BigInteger amount :
        List.of(
            BigInteger.ZERO,
            BigInteger.ONE,
            DEPOSIT,
            BigInteger.TWO.pow(255).add(BigInteger.TEN))) {
      byte[] ours = signer.digest(id, amount);
      assertArrayEquals(Tip712Voucher.digest(hub.domain(), new Voucher(id, amount)), ours);
      assertArrayEquals(chain().voucherDigest(hub, id, amount, net.payer.address()), ours);
    }
  }

  @ParameterizedTest
  @MethodSource("assets")
  void voucherTheServiceSignsAndAcceptsIsPaidByTheContract(String name) {
    Asset asset = asset(name);
    ChannelRecord c = open(asset);
    BigInteger payeeBefore = net.balance(asset, net.payee.address());
    PayerChannels.Payment last = null;
    for (int i = 0; i < 5; i++) {
      last =
          net.channels
              .payer()
              .pay(net.alice, net.payer.walletId(), c.channelId(), BigInteger.valueOf(1_000));
      PayeeChannels.Accepted accepted =
          net.channels
              .payee()
              .accept(
                  net.bob,
                  net.payee.walletId(),
                  incoming(c, last.channel().cumulative().units(), last.signature()));
      assertEquals(BigInteger.valueOf(1_000), accepted.increment().units());
    }
    net.channels.payee().settle(net.bob, net.payee.walletId(), c.channelId());
    assertEquals(
        payeeBefore.add(BigInteger.valueOf(5_000)), net.balance(asset, net.payee.address()));
    assertEquals(
        BigInteger.valueOf(5_000),
        chain().read(net.hubs.forAsset(asset), c.channelId(), net.payee.address()).paidOut());
  }

  @ParameterizedTest
  @MethodSource("assets")
  void voucherSignedByAnotherKeyIsRejectedByServiceAndContract(String name) {
    ChannelRecord c = open(asset(name));
    ChannelHub hub = net.hubs.forAsset(asset(name));
    TronKey stranger =
        TronKey.ofPrivateKeyHex(net.devnet.developmentAccounts().get(3).privateKeyHex());
    VoucherSignature forged =
        new VoucherSigner(hub.domain()).sign(c.channelId(), BigInteger.valueOf(700), stranger);

    InvalidArgumentException refused =
        assertThrows(
            InvalidArgumentException.class,
            () ->
                net.channels
                    .payee()
                    .accept(
                        net.bob,
                        net.payee.walletId(),
                        incoming(c, BigInteger.valueOf(700), forged)));
    assertTrue(refused.getMessage().contains("bad signature"), refused.getMessage());
    assertTrue(refused.getMessage().contains(c.channelId().hex()), refused.getMessage());

    ChannelException onChain =
        assertThrows(
            ChannelException.class,
            () ->
                chain()
                    .settle(
                        payeeKey(),
                        hub,
                        c.channelId(),
                        new Amount(c.asset(), BigInteger.valueOf(700)),
                        forged,
                        NoJournal.INSTANCE));
    assertTrue(onChain.getMessage().contains("voucher: wrong signer"), onChain.getMessage());
  }

  @ParameterizedTest
  @MethodSource("assets")
  void voucherForTheOtherHubIsRejectedByServiceAndContract(String name) {
    ChannelRecord c = open(asset(name));
    ChannelHub hub = net.hubs.forAsset(asset(name));
    ChannelHub other =
        net.hubs.hubs().stream().filter(h -> !h.equals(hub)).findFirst().orElseThrow();
    VoucherSignature wrongDomain =
        new VoucherSigner(other.domain()).sign(c.channelId(), BigInteger.valueOf(300), payerKey());

    assertThrows(
        InvalidArgumentException.class,
        () ->
            net.channels
                .payee()
                .accept(
                    net.bob,
                    net.payee.walletId(),
                    incoming(c, BigInteger.valueOf(300), wrongDomain)));
    ChannelException onChain =
        assertThrows(
            ChannelException.class,
            () ->
                chain()
                    .settle(
                        payeeKey(),
                        hub,
                        c.channelId(),
                        new Amount(c.asset(), BigInteger.valueOf(300)),
                        wrongDomain,
                        NoJournal.INSTANCE));
    assertTrue(onChain.getMessage().contains("voucher: wrong signer"), onChain.getMessage());
  }

  @ParameterizedTest
  @MethodSource("assets")
  void voucherAboveTheDepositIsRejectedByServiceAndContract(String name) {
    ChannelRecord c = open(asset(name));
    ChannelHub hub = net.hubs.forAsset(asset(name));
    BigInteger tooMuch = DEPOSIT.add(BigInteger.ONE);
    VoucherSignature sig = new VoucherSigner(hub.domain()).sign(c.channelId(), tooMuch, payerKey());

    ChannelException refused =
        assertThrows(
            ChannelException.class,
            () ->
                net.channels
                    .payee()
                    .accept(net.bob, net.payee.walletId(), incoming(c, tooMuch, sig)));
    assertEquals(ChannelException.Reason.DEPOSIT_EXHAUSTED, refused.reason());
    ChannelException onChain =
        assertThrows(
            ChannelException.class,
            () ->
                chain()
                    .settle(
                        payeeKey(),
                        hub,
                        c.channelId(),
                        new Amount(c.asset(), tooMuch),
                        sig,
                        NoJournal.INSTANCE));
    assertTrue(onChain.getMessage().contains("voucher: above deposit"), onChain.getMessage());
  }

  @ParameterizedTest
  @MethodSource("assets")
  void closeRefundsThePayerExactlyWhatWasNotPaid(String name) {
    Asset asset = asset(name);
    ChannelRecord c = open(asset);
    BigInteger payerAfterOpen = net.balance(asset, net.payer.address());
    BigInteger payeeBefore = net.balance(asset, net.payee.address());
    PayerChannels.Payment p =
        net.channels
            .payer()
            .pay(net.alice, net.payer.walletId(), c.channelId(), BigInteger.valueOf(123_456));
    net.channels
        .payee()
        .accept(
            net.bob,
            net.payee.walletId(),
            incoming(c, p.channel().cumulative().units(), p.signature()));

    ChannelRecord closed =
        net.channels.payee().close(net.bob, net.payee.walletId(), c.channelId()).channel();

    assertEquals(ChannelStatus.CLOSED, closed.status());
    assertEquals(
        payeeBefore.add(BigInteger.valueOf(123_456)), net.balance(asset, net.payee.address()));
    assertEquals(
        payerAfterOpen.add(DEPOSIT).subtract(BigInteger.valueOf(123_456)),
        net.balance(asset, net.payer.address()));
    assertEquals(
        Optional.of(true),
        Optional.of(
            chain().read(net.hubs.forAsset(asset), c.channelId(), net.payer.address()).closed()));
  }

  private TronKey payerKey() {
    return net.wallets.key(net.payer);
  }

  private TronKey payeeKey() {
    return net.wallets.key(net.payee);
  }
}
