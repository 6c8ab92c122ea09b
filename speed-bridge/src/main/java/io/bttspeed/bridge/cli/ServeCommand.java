package io.bttspeed.bridge.cli;

import io.bttspeed.bridge.app.BridgeConfig;
import io.bttspeed.bridge.app.BridgeDaemon;
import io.bttspeed.bridge.app.WalletSettings;
import io.bttspeed.wallet.metrics.MetricsSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the daemon until it is stopped (SIGTERM or Ctrl-C); torrents and their state are kept for
 * the next start.
 */
@Command(
    name = "serve",
    description = "Run the daemon: the BitTorrent engine and the SpeedService gRPC API.")
final class ServeCommand implements Callable<Integer> {
  @Option(
      names = "--data-dir",
      defaultValue = "speed-bridge-data",
      description = "state directory (default ${DEFAULT-VALUE})")
  Path dataDir;

  @Option(
      names = "--listen",
      defaultValue = "127.0.0.1",
      description = "API address (default ${DEFAULT-VALUE})")
  String listen;

  @Option(
      names = "--port",
      defaultValue = "50071",
      description = "API port (default ${DEFAULT-VALUE})")
  int port;

  @Option(
      names = "--peer-address",
      defaultValue = "0.0.0.0",
      description = "BitTorrent listen address (default ${DEFAULT-VALUE})")
  String peerAddress;

  @Option(
      names = "--peer-port",
      defaultValue = "6881",
      description = "BitTorrent port (default ${DEFAULT-VALUE})")
  int peerPort;

  @Option(
      names = "--download-dir",
      description = "default download directory (default: <data-dir>/downloads)")
  Path downloadDir;

  @Option(names = "--tls-cert", description = "PEM certificate chain: serve the API over TLS")
  Path tlsCert;

  @Option(names = "--tls-key", description = "PEM private key for --tls-cert")
  Path tlsKey;

  @Option(names = "--dht", description = "run the mainline DHT on the peer port (UDP)")
  boolean dht;

  @Option(
      names = "--wallet.endpoint",
      description =
          "host:port of a wallet service to use (env BTTSPEED_WALLET_ENDPOINT);"
              + " with wallet.token and wallet.id. None of the three: the daemon embeds a wallet service")
  String walletEndpoint;

  @Option(
      names = "--wallet.token",
      description =
          "bearer token (read, spend) of that wallet service;"
              + " prefer env BTTSPEED_WALLET_TOKEN, which other users cannot see")
  String walletToken;

  @Option(
      names = "--wallet.id",
      description =
          "the token's wallet this daemon pays from and is paid to" + " (env BTTSPEED_WALLET_ID)")
  String walletId;

  @Option(
      names = "--tron.node",
      description =
          "embedded wallet only: host:port of a TRON node's gRPC API"
              + " (env BTTSPEED_TRON_NODE); default: an embedded devnet, and this daemon's wallet funded on it")
  String tronNode;

  @Option(
      names = "--wallet.port",
      defaultValue = "0",
      description =
          "embedded wallet only: its gRPC port on"
              + " 127.0.0.1, so other daemons can share it (default: any free port)")
  int walletPort;

  @Option(
      names = "--metrics-port",
      description =
          "serve Prometheus metrics at http://<metrics-address>:PORT/metrics"
              + " (0: any free port; default: no metrics endpoint)")
  Integer metricsPort;

  @Option(
      names = "--metrics-address",
      defaultValue = "127.0.0.1",
      description =
          "address of the metrics endpoint"
              + " (default ${DEFAULT-VALUE}; the numbers show earnings and traffic)")
  String metricsAddress;

  @Override
  public Integer call() throws InterruptedException {
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("--tls-cert and --tls-key go together");
    }
    Path data = dataDir.toAbsolutePath();
    BridgeConfig config =
        new BridgeConfig(
            data,
            address(listen, "--listen"),
            port,
            address(peerAddress, "--peer-address"),
            peerPort,
            downloadDir == null ? data.resolve("downloads") : downloadDir.toAbsolutePath(),
            tlsCert == null ? Optional.empty() : Optional.of(new BridgeConfig.Tls(tlsCert, tlsKey)),
            dht,
            WalletSettings.of(
                setting(walletEndpoint, "BTTSPEED_WALLET_ENDPOINT"),
                setting(walletToken, "BTTSPEED_WALLET_TOKEN"),
                setting(walletId, "BTTSPEED_WALLET_ID"),
                Optional.ofNullable(tronNode),
                walletPort));
    if (metricsPort != null) {
      if (metricsPort < 0 || metricsPort > 65535) {
        throw new IllegalArgumentException("--metrics-port must be between 0 and 65535");
      }
      config =
          config.withMetrics(
              new MetricsSettings(address(metricsAddress, "--metrics-address"), metricsPort));
    }
    BridgeDaemon daemon = BridgeDaemon.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  daemon.close();
                  stopped.countDown();
                },
                "speed-bridge-shutdown"));
    System.out.println(
        "speed-bridge: API on "
            + listen
            + ":"
            + daemon.apiPort()
            + ", peers on port "
            + peerPort
            + ", data in "
            + data);
    System.out.println(
        "wallet "
            + daemon.channelWallet().address()
            + " on chain 0x"
            + Long.toHexString(daemon.channelWallet().chainId())
            + daemon
                .embeddedWalletPort()
                .map(p -> " (embedded wallet service on 127.0.0.1:" + p + ")")
                .orElse(""));
    daemon
        .metricsPort()
        .ifPresent(
            p -> System.out.println("metrics on http://" + metricsAddress + ":" + p + "/metrics"));
    daemon
        .firstAdminToken()
        .ifPresent(
            token ->
                System.out.println(
                    "admin token (shown once): " + token + "\n  export BTTSPEED_TOKEN=" + token));
    System.out.flush();
    stopped.await();
    return 0;
  }

  /** The option, else the environment variable; blank counts as unset. */
  private static Optional<String> setting(String option, String variable) {
    String value = option != null ? option : System.getenv(variable);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  private static InetAddress address(String text, String option) {
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(option + ": unknown host " + text);
    }
  }
}
