package io.bttspeed.bridge.app;

import io.bttspeed.wallet.metrics.MetricsSettings;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The daemon's configuration, valid by construction.
 *
 * @param dataDirectory where the daemon keeps its state (H2 files, made .torrent files)
 * @param listenAddress the gRPC API's address (loopback by default)
 * @param apiPort the gRPC API's TCP port
 * @param peerAddress the address BitTorrent peers connect to
 * @param peerPort the TCP port BitTorrent peers connect to
 * @param downloadDirectory where downloads go unless a request names another directory
 * @param tls the API's certificate chain and key (PEM), if TLS is wanted
 * @param dht whether to run the mainline DHT (magnets in the wild)
 * @param wallet the wallet service the daemon pays and is paid through, or an embedded one
 * @param metrics where the Prometheus scrape endpoint listens; empty (the default) opens none
 */
public record BridgeConfig(
    Path dataDirectory,
    InetAddress listenAddress,
    int apiPort,
    InetAddress peerAddress,
    int peerPort,
    Path downloadDirectory,
    Optional<Tls> tls,
    boolean dht,
    WalletSettings wallet,
    Optional<MetricsSettings> metrics) {
  public static final int DEFAULT_API_PORT = 50071;
  public static final int DEFAULT_PEER_PORT = 6881;

  public BridgeConfig {
    Objects.requireNonNull(metrics, "metrics");
    metrics.ifPresent(
        m -> {
          if (m.port() != 0 && (m.port() == apiPort || m.port() == peerPort)) {
            throw new IllegalArgumentException(
                "--metrics-port must differ from --port and --peer-port");
          }
        });
    Objects.requireNonNull(dataDirectory, "data directory");
    Objects.requireNonNull(listenAddress, "listen address");
    Objects.requireNonNull(peerAddress, "peer address");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(wallet, "wallet");
    if (apiPort < 0 || apiPort > 65535) {
      throw new IllegalArgumentException("--port must be between 0 and 65535");
    }
    if (peerPort < 1 || peerPort > 65535) {
      throw new IllegalArgumentException("--peer-port must be between 1 and 65535");
    }
    if (!downloadDirectory.isAbsolute()) {
      throw new IllegalArgumentException("--download-dir must be an absolute path");
    }
  }

  /** Without a metrics endpoint. */
  public BridgeConfig(
      Path dataDirectory,
      InetAddress listenAddress,
      int apiPort,
      InetAddress peerAddress,
      int peerPort,
      Path downloadDirectory,
      Optional<Tls> tls,
      boolean dht,
      WalletSettings wallet) {
    this(
        dataDirectory,
        listenAddress,
        apiPort,
        peerAddress,
        peerPort,
        downloadDirectory,
        tls,
        dht,
        wallet,
        Optional.empty());
  }

  /** The same with a metrics endpoint at {@code metrics}. */
  public BridgeConfig withMetrics(MetricsSettings metrics) {
    return new BridgeConfig(
        dataDirectory,
        listenAddress,
        apiPort,
        peerAddress,
        peerPort,
        downloadDirectory,
        tls,
        dht,
        wallet,
        Optional.of(metrics));
  }

  /**
   * With the embedded wallet service (its own devnet): what {@code speed-bridge serve} alone runs.
   */
  public BridgeConfig(
      Path dataDirectory,
      InetAddress listenAddress,
      int apiPort,
      InetAddress peerAddress,
      int peerPort,
      Path downloadDirectory,
      Optional<Tls> tls,
      boolean dht) {
    this(
        dataDirectory,
        listenAddress,
        apiPort,
        peerAddress,
        peerPort,
        downloadDirectory,
        tls,
        dht,
        WalletSettings.embedded());
  }

  /**
   * @param certificateChain PEM certificate chain
   * @param privateKey PEM private key
   */
  public record Tls(Path certificateChain, Path privateKey) {}
}
