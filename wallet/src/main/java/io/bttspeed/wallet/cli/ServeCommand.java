package io.bttspeed.wallet.cli;

import io.bttspeed.devnet.DevelopmentAccount;
import io.bttspeed.wallet.app.DevAdminToken;
import io.bttspeed.wallet.app.WalletApp;
import io.bttspeed.wallet.config.WalletConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Runs the wallet server until interrupted; with no node configured, on an embedded devnet. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Start the wallet gRPC server.")
final class ServeCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Mixin ConfigOption config = new ConfigOption();
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    WalletConfig cfg = config.load();
    WalletApp app = WalletApp.start(cfg);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  app.close();
                  stopped.countDown();
                },
                "wallet-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    String target = cfg.server().listenAddress().getHostAddress() + ":" + app.port();
    if (cfg.server().plaintextOffLoopback()) {
      LOG.warn(
          "listening on {} without TLS: bearer tokens and requests cross the network in clear;"
              + " set tls.cert and tls.key, or listen.address=127.0.0.1",
          target);
    }
    out.println(
        "wallet listening on "
            + target
            + (cfg.server().tls().isPresent() ? " (TLS)" : " (plaintext)"));
    out.println(
        "network "
            + cfg.tron().network().name().toLowerCase()
            + app.devnet()
                .map(d -> ", embedded devnet on " + d.target())
                .orElse(
                    ", node "
                        + cfg.tron().fullNode().orElse("")
                        + (app.devnetGenesis().isPresent() ? " (a btt-speed devnet)" : "")));
    if (cfg.secrets().devMode() && app.devnetGenesis().isPresent()) {
      DevAdminToken.Obtained obtained =
          DevAdminToken.obtain(app.principals(), cfg.storage().dataDir());
      String token = obtained.token();
      DevelopmentAccount dev0 = app.devnetGenesis().get().developmentAccounts().get(0);
      out.println(
          "dev mode: admin token for principal '"
              + DevAdminToken.PRINCIPAL
              + "': "
              + token
              + (obtained.reused()
                  ? " (the same as last start)"
                  : " (new; later starts reuse it)"));
      out.println("try (with `wallet` meaning " + selfCommand() + "):");
      out.println("  export BTTSPEED_TOKEN=" + token);
      out.println(
          "  wallet wallets import --server "
              + target
              + " --private-key "
              + dev0.privateKeyHex()
              + "   # development account 0, "
              + dev0.address());
      out.println("  wallet balances --server " + target + " --wallet <wallet_id>");
      out.println(
          "  wallet send --server "
              + target
              + " --wallet <wallet_id> --asset trx --to <address> --amount 1000000 --key first-payment");
      out.println(
          "  grpcurl -plaintext -H 'authorization: Bearer "
              + token
              + "' "
              + target
              + " bttspeed.wallet.v1.WalletService/ListWallets");
    } else {
      out.println(
          "create a token with: wallet token create --name <principal> --scopes read,spend");
    }
    out.flush();
    stopped.await();
    return 0;
  }

  /** How this program was started, so the printed examples can be pasted. */
  private static String selfCommand() {
    try {
      String location =
          ServeCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI().getPath();
      if (location.endsWith(".jar")) {
        return "java -jar " + location;
      }
    } catch (java.net.URISyntaxException | SecurityException e) {
      return "java -cp <classpath> " + WalletCli.class.getName();
    }
    return "java -cp <classpath> " + WalletCli.class.getName();
  }
}
