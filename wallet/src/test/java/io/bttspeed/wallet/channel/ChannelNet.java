package io.bttspeed.wallet.channel;

import io.bttspeed.devnet.DevelopmentAccount;
import io.bttspeed.devnet.Devnet;
import io.bttspeed.devnet.DevnetConfig;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.accounts.Wallets;
import io.bttspeed.wallet.chain.ChannelGateway;
import io.bttspeed.wallet.chain.TridentGateway;
import io.bttspeed.wallet.chain.TronGateway;
import io.bttspeed.wallet.keys.Keystore;
import io.bttspeed.wallet.store.Database;
import io.bttspeed.wallet.store.Principal;
import io.bttspeed.wallet.store.PrincipalStore;
import io.bttspeed.wallet.store.Scope;
import io.bttspeed.wallet.store.WalletRecord;
import io.bttspeed.wallet.store.WalletStore;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A real devnet (instant blocks, a hand-moved clock) and a wallet database with the channel
 * subsystem over it: payer "alice" with development account 1, payee "bob" with account 2. {@link
 * #restartWallet} closes and reopens the database and the channel subsystem as a restarted service
 * would, keeping the chain.
 */
final class ChannelNet implements AutoCloseable {

  static final long TRC10_BTT = 1_002_000L;
  private static final String PASSPHRASE = "channel-test-passphrase";

  final MovableClock clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  final Devnet devnet;
  final TronGateway tron;
  final ChannelGateway gateway;
  final ChannelHubs hubs;
  final String jdbcUrl;
  final ChannelConfig config;
  Database db;
  PrincipalStore principals;
  Wallets wallets;
  Channels channels;
  Principal alice;
  Principal bob;
  WalletRecord payer;
  WalletRecord payee;

  ChannelNet(Path dir, SettlementPolicy policy) {
    this(policy, "jdbc:h2:file:" + dir.resolve("wallet-" + UUID.randomUUID()));
  }

  /** The same over the wallet database at {@code jdbcUrl} (a fresh PostgreSQL schema, say). */
  ChannelNet(SettlementPolicy policy, String jdbcUrl) {
    devnet = Devnet.start(DevnetConfig.inMemory().withInstantBlocks().withClock(clock));
    // One adapter, as the service has: transfers and channels share its connection.
    TridentGateway node =
        TridentGateway.connect(devnet.target(), devnet.target(), Duration.ofSeconds(30), clock);
    tron = node;
    gateway = node;
    hubs =
        ChannelHubs.devnet(
            devnet.chainId(),
            devnet.speedChannelsAddress(),
            devnet.bttTokenAddress(),
            devnet.speedChannelsTrc10Address(),
            TRC10_BTT);
    config =
        new ChannelConfig(Duration.ofMinutes(10), 1_000_000_000L, Duration.ofSeconds(30), policy);
    this.jdbcUrl = jdbcUrl;
    openWallet();
    String aliceToken = principals.createToken("alice", Set.of(Scope.ADMIN));
    String bobToken = principals.createToken("bob", Set.of(Scope.ADMIN));
    alice = principals.authenticate(aliceToken).orElseThrow();
    bob = principals.authenticate(bobToken).orElseThrow();
    DevelopmentAccount a = devnet.developmentAccounts().get(1);
    DevelopmentAccount b = devnet.developmentAccounts().get(2);
    payer = wallets.importPrivateKey(alice, "payer", a.privateKeyHex());
    payee = wallets.importPrivateKey(bob, "payee", b.privateKeyHex());
  }

  /** A policy that never settles by itself: tests that want the watcher set their own. */
  static SettlementPolicy manualSettlement() {
    return new SettlementPolicy(Duration.ofHours(1), Duration.ZERO, 1, Map.of());
  }

  private void openWallet() {
    db = Database.open(jdbcUrl);
    SecureRandom random = new SecureRandom();
    principals = new PrincipalStore(db, clock, random);
    wallets =
        new Wallets(
            new WalletStore(db),
            new Keystore(random),
            PASSPHRASE,
            new Keystore.ScryptCost(1 << 10, 8, 1),
            clock,
            random);
    channels = Channels.create(db, hubs, gateway, tron, wallets, config, clock);
  }

  /**
   * Stops the channel subsystem and the database without any shutdown work, then starts them again.
   */
  void restartWallet() {
    channels.close();
    db.close();
    openWallet();
    channels.watcher().tick(false);
  }

  /**
   * Moves the wallet's and the devnet's clock forward and seals a block, so the chain's time (the
   * head block's timestamp, which the wallet decides expiry by) moves with them.
   */
  void advance(Duration step) {
    clock.advance(step);
    devnet.node().sealBlock();
  }

  Asset trc20() {
    return hubs.hubs().stream().filter(h -> !h.isTrc10()).findFirst().orElseThrow().asset();
  }

  Asset trc10() {
    return new Asset.Trc10(TRC10_BTT);
  }

  BigInteger balance(Asset asset, TronAddress owner) {
    if (asset instanceof Asset.Trc20 t) {
      return tron.trc20Balance(t.contract(), owner);
    }
    return BigInteger.valueOf(tron.account(owner).trc10(((Asset.Trc10) asset).tokenId()));
  }

  /** The payer opens a channel to the payee under a fresh idempotency key. */
  ChannelRecord open(Asset asset, BigInteger deposit, Duration lifetime) {
    return open(channels, asset, deposit, expiry(lifetime), java.util.UUID.randomUUID().toString());
  }

  /** The payer opens a channel to the payee through {@code through}, under {@code key}. */
  ChannelRecord open(
      Channels through, Asset asset, BigInteger deposit, Instant expiresAt, String key) {
    return through
        .payer()
        .open(alice, payer.walletId(), payee.address(), new Amount(asset, deposit), expiresAt, key)
        .channel();
  }

  /** The payer raises the channel's cumulative amount by the increment. */
  PayerChannels.Payment pay(ChannelRecord c, BigInteger increment) {
    return channels.payer().pay(alice, payer.walletId(), c.channelId(), increment);
  }

  /** The payee accepts the voucher of a payment. */
  PayeeChannels.Accepted accept(ChannelRecord c, PayerChannels.Payment p) {
    return channels
        .payee()
        .accept(
            bob,
            payee.walletId(),
            new PayeeChannels.IncomingVoucher(
                c.hub(), c.channelId(), p.channel().cumulative().units(), p.signature().bytes()));
  }

  /**
   * What accepting a voucher answers: the high-water mark and what the voucher added, in {@code
   * asset}.
   */
  static PayeeChannels.Accepted accepted(Asset asset, long cumulative, long increment) {
    return new PayeeChannels.Accepted(
        new Amount(asset, BigInteger.valueOf(cumulative)),
        new Amount(asset, BigInteger.valueOf(increment)));
  }

  /** Opens a channel and has the payee accept one payment of {@code amount} on it. */
  ChannelRecord openAndPay(Asset asset, BigInteger deposit, Duration lifetime, BigInteger amount) {
    ChannelRecord c = open(asset, deposit, lifetime);
    accept(c, pay(c, amount));
    return c;
  }

  /**
   * Stores an OPENING TRC-10 channel of the payer's, of 1,000,000 base units, that no open sent.
   */
  ChannelRecord recordOpening(ChannelId id) {
    ChannelHub hub = hubs.forAsset(trc10());
    return channels
        .store()
        .insertOrGet(
            new ChannelRecord(
                0,
                alice.id(),
                payer.walletId(),
                id,
                ChannelRole.PAYER,
                hub.address(),
                hub.asset(),
                payer.address(),
                payee.address(),
                new Amount(hub.asset(), BigInteger.valueOf(1_000_000)),
                Amount.zero(hub.asset()),
                Amount.zero(hub.asset()),
                expiry(Duration.ofDays(1)),
                ChannelStatus.OPENING,
                java.util.Optional.empty(),
                clock.millis()),
            ChannelEventKind.OPENING);
  }

  Instant expiry(Duration fromNow) {
    return clock.instant().plus(fromNow).truncatedTo(ChronoUnit.SECONDS);
  }

  @Override
  public void close() {
    channels.close();
    db.close();
    tron.close();
    devnet.close();
  }
}
