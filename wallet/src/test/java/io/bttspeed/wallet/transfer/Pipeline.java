package io.bttspeed.wallet.transfer;

import static org.awaitility.Awaitility.await;

import io.bttspeed.devnet.Devnet;
import io.bttspeed.devnet.DevnetConfig;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.accounts.Wallets;
import io.bttspeed.wallet.chain.TridentGateway;
import io.bttspeed.wallet.chain.TronGateway;
import io.bttspeed.wallet.keys.Keystore;
import io.bttspeed.wallet.store.Database;
import io.bttspeed.wallet.store.Principal;
import io.bttspeed.wallet.store.PrincipalStore;
import io.bttspeed.wallet.store.Scope;
import io.bttspeed.wallet.store.TransferRecord;
import io.bttspeed.wallet.store.TransferStage;
import io.bttspeed.wallet.store.TransferStore;
import io.bttspeed.wallet.store.WalletRecord;
import io.bttspeed.wallet.store.WalletStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/**
 * The send pipeline without the gRPC layer, on real parts: a devnet producing a block per
 * transaction, an in-memory H2 database, Trident, and a tracker driven by the test (one pass per
 * {@link #trackUntilFinal} poll). The sender is development account 7.
 */
final class Pipeline implements AutoCloseable {

  static final Clock CLOCK = Clock.systemUTC();

  final Devnet devnet = Devnet.start(DevnetConfig.inMemory().withInstantBlocks());
  final Database db;
  final BroadcastCount broadcasts = new BroadcastCount();
  final TronGateway gateway =
      broadcasts.around(
          TridentGateway.connect(devnet.target(), devnet.target(), Duration.ofSeconds(5), CLOCK));
  final TransferStore store;
  final Wallets wallets;
  final Transfers transfers;
  final TransferTracker tracker;
  final Principal owner;
  final WalletRecord sender;

  final Asset.Trc20 trc20Btt;

  /** Unfinished transfers are looked up one by one while there are few, as in production. */
  Pipeline() {
    this(16);
  }

  /** With {@code lookUpEachUpTo} 0 the tracker reads whole blocks from its second pass on. */
  Pipeline(int lookUpEachUpTo) {
    this(lookUpEachUpTo, "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  /** On the database at the JDBC URL. */
  Pipeline(int lookUpEachUpTo, String jdbcUrl) {
    db = Database.open(jdbcUrl);
    store = new TransferStore(db);
    trc20Btt = new Asset.Trc20(TronAddress.parse(devnet.bttTokenAddress()));
    SecureRandom random = new SecureRandom();
    wallets =
        new Wallets(
            new WalletStore(db),
            new Keystore(random),
            "master-passphrase",
            new Keystore.ScryptCost(1 << 10, 8, 1),
            CLOCK,
            random);
    transfers =
        new Transfers(
            store,
            wallets,
            gateway,
            new FeeEstimator(gateway, 20, CLOCK),
            Set.of(new Asset.Trc10(1_002_000), trc20Btt),
            CLOCK);
    tracker = new TransferTracker(store, transfers, gateway, Duration.ofSeconds(1), lookUpEachUpTo);
    PrincipalStore principals = new PrincipalStore(db, CLOCK, random);
    owner =
        principals.authenticate(principals.createToken("owner", Set.of(Scope.ADMIN))).orElseThrow();
    sender =
        wallets.importPrivateKey(
            owner, "dev7", devnet.developmentAccounts().get(7).privateKeyHex());
  }

  /** Runs tracker passes until the transfer is final, for at most 20 s. */
  TransferRecord trackUntilFinal(String transferId) {
    return await("transfer " + transferId + " to be final")
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              tracker.runOnce();
              return store.findById(transferId).orElseThrow();
            },
            t -> t.stage() == TransferStage.DONE);
  }

  @Override
  public void close() {
    tracker.close();
    gateway.close();
    db.close();
    devnet.close();
  }
}
