package io.bttspeed.wallet.config;

import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.metrics.MetricsSettings;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole, validated configuration of one wallet service; built by {@link ConfigLoader}.
 *
 * @param metrics the Prometheus scrape endpoint's address and port; empty (the default) opens none
 */
public record WalletConfig(
    Tron tron,
    Server server,
    Storage storage,
    Secrets secrets,
    Confirmation confirmation,
    Channels channels,
    Optional<MetricsSettings> metrics) {

  /** Without a metrics endpoint. */
  public WalletConfig(
      Tron tron,
      Server server,
      Storage storage,
      Secrets secrets,
      Confirmation confirmation,
      Channels channels) {
    this(tron, server, storage, secrets, confirmation, channels, Optional.empty());
  }

  public WalletConfig {
    Objects.requireNonNull(tron, "tron");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(secrets, "secrets");
    Objects.requireNonNull(confirmation, "confirmation");
    Objects.requireNonNull(channels, "channels");
    Objects.requireNonNull(metrics, "metrics");
    metrics.ifPresent(
        m -> {
          if (m.port() != 0 && m.port() == server.port()) {
            throw new ConfigException(
                "metrics.port",
                "is listen.port ("
                    + server.port()
                    + "); the scrape endpoint"
                    + " needs a port of its own");
          }
        });
    if (secrets.devMode()
        && !server.listenAddress().isLoopbackAddress()
        && !secrets.devModeOffLoopback()) {
      // Dev mode means a public master passphrase and an admin token printed at start: fine on
      // one's own machine, an open door on a network.
      throw new ConfigException(
          "dev-mode",
          "is on but listen.address "
              + server.listenAddress().getHostAddress()
              + " is not loopback: set"
              + " dev-mode=false (and a master passphrase), listen.address=127.0.0.1, or, to expose a throw-away"
              + " devnet wallet on purpose, dev-mode.allow-non-loopback=true");
    }
  }

  /**
   * How payment channels behave and when a payee settles.
   *
   * @param expiryMargin vouchers are signed or accepted only while the channel's expiry is further
   *     away
   * @param feeLimitSun the fee limit of each channel transaction, in sun
   * @param callTimeout how long a channel transaction may take to reach a block
   * @param settleCheckInterval how often the settlement watcher looks at every open channel
   * @param settleBeforeExpiry settle whatever is unsettled once the channel is this close to its
   *     expiry
   * @param settleThresholdBtt settle once this many whole BTT are unsettled (either BTT)
   * @param sunPerBtt what one BTT is worth in sun, to weigh a payout against its fee
   * @param settleFeeFactor settle only when the payout is worth at least this many times the fee
   *     estimate
   * @param autoReclaim the watcher reclaims the deposit of a channel this wallet pays on once it
   *     has expired
   * @param hubs the channel contracts, when configured rather than taken from the embedded devnet
   */
  public record Channels(
      Duration expiryMargin,
      long feeLimitSun,
      Duration callTimeout,
      Duration settleCheckInterval,
      Duration settleBeforeExpiry,
      long settleThresholdBtt,
      long sunPerBtt,
      long settleFeeFactor,
      boolean autoReclaim,
      Optional<Hubs> hubs) {
    public Channels {
      requireNonNegative("channels.expiry-margin-s", expiryMargin);
      requirePositive("channels.fee-limit-sun", feeLimitSun);
      requirePositive("channels.call-timeout-ms", callTimeout.toMillis());
      requirePositive("channels.settle.check-interval-ms", settleCheckInterval.toMillis());
      requireNonNegative("channels.settle.before-expiry-s", settleBeforeExpiry);
      requirePositive("channels.settle.threshold-btt", settleThresholdBtt);
      if (sunPerBtt < 0) {
        throw new ConfigException("channels.settle.sun-per-btt", "must not be negative");
      }
      requirePositive("channels.settle.fee-factor", settleFeeFactor);
    }

    private static void requirePositive(String key, long value) {
      if (value <= 0) {
        throw new ConfigException(key, "must be positive");
      }
    }

    private static void requireNonNegative(String key, Duration value) {
      if (value.isNegative()) {
        throw new ConfigException(key, "must not be negative");
      }
    }
  }

  /**
   * The channel contracts on the node: SpeedChannels and the TRC-20 token it holds, and/or
   * SpeedChannelsTrc10 (TRC-10 BTT 1002000); at least one. {@code chainId}, when given, is checked
   * against the node's at start: it is part of every voucher's TIP-712 domain.
   */
  public record Hubs(
      Optional<Long> chainId,
      Optional<TronAddress> trc20Hub,
      Optional<Asset.Trc20> trc20Token,
      Optional<TronAddress> trc10Hub) {
    public Hubs {
      if (trc20Hub.isEmpty() && trc10Hub.isEmpty()) {
        throw new ConfigException("channels.hub.trc20", "or channels.hub.trc10 is required");
      }
      if (trc20Hub.isPresent() != trc20Token.isPresent()) {
        throw new ConfigException(
            "channels.token.trc20",
            "and channels.hub.trc20 go together: the hub and the token it holds");
      }
      chainId.ifPresent(
          id -> {
            if (id <= 0 || id > 0xffff_ffffL) {
              throw new ConfigException("channels.chain-id", "must be between 1 and 0xffffffff");
            }
          });
    }
  }

  /**
   * Node endpoints ({@code host:port} of the full node and the solidity node; both empty to embed a
   * devnet), the network, the tokens to report, and the deadline of each node call.
   */
  public record Tron(
      Network network,
      Optional<String> fullNode,
      Optional<String> solidityNode,
      List<TokenConfig> tokens,
      Duration callDeadline) {
    public Tron {
      tokens = List.copyOf(tokens);
      if (fullNode.isEmpty() && network != Network.DEVNET) {
        throw new ConfigException(
            "tron.node", "is required for network " + network.name().toLowerCase());
      }
      fullNode.ifPresent(n -> requireHostPort("tron.node", n));
      solidityNode.ifPresent(n -> requireHostPort("tron.solidity-node", n));
      if (callDeadline.isNegative() || callDeadline.isZero()) {
        throw new ConfigException("tron.call-deadline-ms", "must be positive");
      }
    }

    public boolean embeddedDevnet() {
      return fullNode.isEmpty();
    }
  }

  /**
   * Where the gRPC API listens and, when both files are given, its TLS certificate chain and key
   * (PEM).
   */
  public record Server(InetAddress listenAddress, int port, Optional<Tls> tls) {
    public Server {
      if (port < 0 || port > 65_535) {
        throw new ConfigException("listen.port", "must be between 0 and 65535");
      }
    }

    /**
     * Whether bearer tokens and requests would cross a network in clear: no TLS, and not on
     * loopback.
     */
    public boolean plaintextOffLoopback() {
      return tls.isEmpty() && !listenAddress.isLoopbackAddress();
    }
  }

  public record Tls(Path certificateChain, Path privateKey) {}

  /**
   * The data directory (devnet state, default database) and the JDBC URL of the wallet database.
   */
  public record Storage(Path dataDir, String jdbcUrl) {
    public Storage {
      if (!jdbcUrl.startsWith("jdbc:")) {
        throw new ConfigException("db.url", "must be a JDBC URL starting with jdbc:");
      }
    }
  }

  /**
   * The master passphrase that encrypts every stored key, and the scrypt cost (log2 n) of that
   * encryption. {@code toString} never shows the passphrase.
   *
   * @param devMode a built-in public passphrase is allowed and {@code serve} prints an admin token
   * @param devModeOffLoopback the operator allows dev mode on a non-loopback address ({@code
   *     dev-mode.allow-non-loopback})
   */
  public record Secrets(
      String masterPassphrase, int scryptLog2N, boolean devMode, boolean devModeOffLoopback) {
    public Secrets {
      if (masterPassphrase.length() < 8) {
        throw new ConfigException("master passphrase", "must be at least 8 characters");
      }
      if (scryptLog2N < 10 || scryptLog2N > 20) {
        throw new ConfigException("keys.scrypt-log2n", "must be between 10 and 20");
      }
    }

    @Override
    public String toString() {
      return "Secrets[masterPassphrase=<hidden>, scryptLog2N="
          + scryptLog2N
          + ", devMode="
          + devMode
          + ", devModeOffLoopback="
          + devModeOffLoopback
          + "]";
    }
  }

  /**
   * How transfers are tracked: how often the tracker polls the node, and the margin (in percent)
   * added to the energy estimate to set a TRC-20 fee limit.
   */
  public record Confirmation(Duration pollInterval, int feeLimitMarginPercent) {
    public Confirmation {
      if (pollInterval.isNegative() || pollInterval.isZero()) {
        throw new ConfigException("confirm.poll-interval-ms", "must be positive");
      }
      if (feeLimitMarginPercent < 0 || feeLimitMarginPercent > 1000) {
        throw new ConfigException("fee-limit.margin-percent", "must be between 0 and 1000");
      }
    }
  }

  private static void requireHostPort(String key, String value) {
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new ConfigException(key, "must be host:port, not '" + value + "'");
    }
    ConfigSource.parseNumber(key, value.substring(colon + 1), 1, 65_535);
  }
}
