package io.bttspeed.wallet.channel;

import io.bttspeed.wallet.accounts.Wallets;
import io.bttspeed.wallet.chain.TridentGateway;
import io.bttspeed.wallet.keys.Keystore;
import io.bttspeed.wallet.store.Database;
import io.bttspeed.wallet.store.Principal;
import io.bttspeed.wallet.store.PrincipalStore;
import io.bttspeed.wallet.store.Scope;
import io.bttspeed.wallet.store.WalletRecord;
import io.bttspeed.wallet.store.WalletStore;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One wallet with the channel service in a process of its own, for the crash tests to kill: opens
 * the database (file H2), connects to a running devnet, serves ChannelService on a loopback port,
 * and prints {@code READY <port> <token> <walletId>}. Runs until killed or until its stdin closes.
 *
 * <p>Arguments: jdbcUrl devnetTarget chainId trc20Hub bttToken trc10Hub privateKeyHex
 * principalName.
 */
public final class ChannelNodeMain {

  private ChannelNodeMain() {}

  public static void main(String[] args) throws IOException {
    String jdbcUrl = args[0];
    String target = args[1];
    Clock clock = Clock.systemUTC();
    Database db = Database.open(jdbcUrl);
    SecureRandom random = new SecureRandom();
    PrincipalStore principals = new PrincipalStore(db, clock, random);
    Wallets wallets =
        new Wallets(
            new WalletStore(db),
            new Keystore(random),
            "channel-test-passphrase",
            new Keystore.ScryptCost(1 << 10, 8, 1),
            clock,
            random);
    TridentGateway tron = TridentGateway.connect(target, target, Duration.ofSeconds(30), clock);
    ChannelHubs hubs =
        ChannelHubs.devnet(
            Long.parseLong(args[2]), args[3], args[4], args[5], ChannelNet.TRC10_BTT);
    ChannelConfig config =
        new ChannelConfig(
            Duration.ofMinutes(10),
            1_000_000_000L,
            Duration.ofSeconds(30),
            ChannelNet.manualSettlement());
    Channels channels = Channels.create(db, hubs, tron, tron, wallets, config, clock);
    channels.watcher().tick(false);
    String token = principals.createToken(args[7], Set.of(Scope.ADMIN));
    Principal principal = principals.authenticate(token).orElseThrow();
    List<WalletRecord> existing = wallets.page(principal, java.util.Optional.empty(), 1_000);
    WalletRecord wallet =
        existing.isEmpty()
            ? wallets.importPrivateKey(principal, "crash-test", args[6])
            : existing.get(0);
    ChannelServer server = new ChannelServer(db, principals, wallets, tron, channels, clock);
    System.out.println("READY " + server.port() + " " + token + " " + wallet.walletId());
    System.out.flush();
    while (System.in.read() >= 0) {
      // Runs until the parent closes stdin or kills the process.
    }
    server.close();
    channels.close();
    db.close();
  }
}
