package io.bttspeed.bridge.cli;

import io.bttspeed.bridge.app.BridgeConfig;
import io.bttspeed.bridge.app.BridgeDaemon;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the daemon until it is stopped (SIGTERM or Ctrl-C); torrents and their state are kept for the next start. */
@Command(name = "serve", description = "Run the daemon: the BitTorrent engine and the SpeedService gRPC API.")
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--data-dir", defaultValue = "speed-bridge-data", description = "state directory (default ${DEFAULT-VALUE})")
  Path dataDir;

  @Option(names = "--listen", defaultValue = "127.0.0.1", description = "API address (default ${DEFAULT-VALUE})")
  String listen;

  @Option(names = "--port", defaultValue = "50071", description = "API port (default ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--peer-address", defaultValue = "0.0.0.0", description = "BitTorrent listen address (default ${DEFAULT-VALUE})")
  String peerAddress;

  @Option(names = "--peer-port", defaultValue = "6881", description = "BitTorrent port (default ${DEFAULT-VALUE})")
  int peerPort;

  @Option(names = "--download-dir", description = "default download directory (default: <data-dir>/downloads)")
  Path downloadDir;

  @Option(names = "--tls-cert", description = "PEM certificate chain: serve the API over TLS")
  Path tlsCert;

  @Option(names = "--tls-key", description = "PEM private key for --tls-cert")
  Path tlsKey;

  @Option(names = "--dht", description = "run the mainline DHT on the peer port (UDP)")
  boolean dht;

  @Override
  public Integer call() throws InterruptedException {
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("--tls-cert and --tls-key go together");
    }
    Path data = dataDir.toAbsolutePath();
    BridgeConfig config = new BridgeConfig(data, address(listen, "--listen"), port,
        address(peerAddress, "--peer-address"), peerPort,
        downloadDir == null ? data.resolve("downloads") : downloadDir.toAbsolutePath(),
        tlsCert == null ? Optional.empty() : Optional.of(new BridgeConfig.Tls(tlsCert, tlsKey)), dht);
    BridgeDaemon daemon = BridgeDaemon.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      daemon.close();
      stopped.countDown();
    }, "speed-bridge-shutdown"));
    System.out.println("speed-bridge: API on " + listen + ":" + daemon.apiPort() + ", peers on port " + peerPort
        + ", data in " + data);
    daemon.firstAdminToken().ifPresent(token -> System.out.println("admin token (shown once): " + token
        + "\n  export BTTSPEED_TOKEN=" + token));
    System.out.flush();
    stopped.await();
    return 0;
  }

  private static InetAddress address(String text, String option) {
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(option + ": unknown host " + text);
    }
  }
}
