package io.bttspeed.wallet.config;

import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.metrics.MetricsSettings;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Builds a {@link WalletConfig} from a {@code .properties} file and environment overrides. Every
 * key can be overridden by {@code BTTSPEED_} plus the key in upper case with dots and dashes as
 * underscores (e.g. {@code tron.node} by {@code BTTSPEED_TRON_NODE}). The keys and defaults are
 * listed in the README. Anything it cannot take as written stops the start naming the key: an
 * unknown key or variable ({@link ConfigKeys}), a value not in its one form or out of its bounds
 * ({@link ConfigSource}), dev mode off loopback ({@link WalletConfig}).
 */
public final class ConfigLoader {

  private static final Pattern HEX_CHAIN_ID = Pattern.compile("0x[0-9a-fA-F]{1,8}");

  /** Publicly known, so only acceptable for throw-away devnet keys. */
  static final String DEV_MODE_PASSPHRASE = "bttspeed-devnet-insecure-passphrase";

  private static final long MAX_DURATION_MS = 3_600_000L;
  private static final long MAX_DURATION_S = 366L * 24 * 3600;

  private final ConfigSource source;

  private ConfigLoader(ConfigSource source) {
    this.source = source;
  }

  /**
   * Loads from the file (which may be absent: defaults and environment only) and the given
   * environment.
   */
  public static WalletConfig load(Optional<Path> file, Map<String, String> env) {
    Properties props = new Properties();
    if (file.isPresent()) {
      try (Reader in = Files.newBufferedReader(file.get(), StandardCharsets.UTF_8)) {
        props.load(in);
      } catch (IOException e) {
        throw new ConfigException("file " + file.get(), "cannot be read: " + e.getMessage());
      }
    }
    return fromProperties(props, env);
  }

  public static WalletConfig fromProperties(Properties props, Map<String, String> env) {
    return new ConfigLoader(new ConfigSource(props, env)).build();
  }

  private WalletConfig build() {
    ConfigKeys.requireKnownFileKeys(source.file());
    ConfigKeys.requireKnownEnvironment(source.env(), passphraseVariable());
    Network network = Network.parse(get("tron.network").orElse("devnet"));
    Optional<String> node = get("tron.node");
    WalletConfig.Tron tron =
        new WalletConfig.Tron(
            network,
            node,
            get("tron.solidity-node").or(() -> node),
            tokens(network),
            Duration.ofMillis(source.number("tron.call-deadline-ms", 5_000, 1, MAX_DURATION_MS)));
    Path dataDir = Path.of(get("data.dir").orElse("wallet-data")).toAbsolutePath();
    String jdbcUrl = get("db.url").orElse("jdbc:h2:file:" + dataDir.resolve("wallet"));
    WalletConfig.Server server =
        new WalletConfig.Server(
            address(get("listen.address").orElse("127.0.0.1")),
            source.intNumber("listen.port", 50_061, 0, 65_535),
            tls());
    boolean devMode = source.bool("dev-mode", network == Network.DEVNET);
    WalletConfig.Secrets secrets =
        new WalletConfig.Secrets(
            masterPassphrase(devMode),
            source.intNumber("keys.scrypt-log2n", 14, 10, 20),
            devMode,
            source.bool("dev-mode.allow-non-loopback", false));
    WalletConfig.Confirmation confirmation =
        new WalletConfig.Confirmation(
            Duration.ofMillis(source.number("confirm.poll-interval-ms", 1_000, 1, MAX_DURATION_MS)),
            source.intNumber("fee-limit.margin-percent", 20, 0, 1_000));
    WalletConfig.Channels channels =
        new WalletConfig.Channels(
            Duration.ofSeconds(source.number("channels.expiry-margin-s", 3_600, 0, MAX_DURATION_S)),
            // TRON mainnet's getMaxFeeLimit: a node refuses a transaction that sets more.
            source.number("channels.fee-limit-sun", 1_000_000_000L, 1, 15_000_000_000L),
            Duration.ofMillis(
                source.number("channels.call-timeout-ms", 120_000, 1, MAX_DURATION_MS)),
            Duration.ofMillis(
                source.number("channels.settle.check-interval-ms", 10_000, 1, MAX_DURATION_MS)),
            Duration.ofSeconds(
                source.number("channels.settle.before-expiry-s", 1_800, 0, MAX_DURATION_S)),
            // Above BTT's whole supply (about 990 trillion) a threshold could never be reached.
            source.number("channels.settle.threshold-btt", 10_000_000, 1, 1_000_000_000_000_000L),
            source.number("channels.settle.sun-per-btt", 3, 0, 1_000_000_000_000L),
            source.number("channels.settle.fee-factor", 2, 1, 1_000),
            source.bool("channels.reclaim.auto", true),
            hubs(network));
    return new WalletConfig(
        tron,
        server,
        new WalletConfig.Storage(dataDir, jdbcUrl),
        secrets,
        confirmation,
        channels,
        metrics());
  }

  /**
   * {@code metrics.port} turns the scrape endpoint on (0: any free port); {@code metrics.address},
   * 127.0.0.1 by default, is where it listens. An address without a port would be ignored in
   * silence, so it is refused.
   */
  private Optional<MetricsSettings> metrics() {
    if (get("metrics.port").isEmpty()) {
      if (get("metrics.address").isPresent()) {
        throw new ConfigException(
            "metrics.address",
            "is set but metrics.port is not: set metrics.port to turn the"
                + " metrics endpoint on");
      }
      return Optional.empty();
    }
    int port = source.intNumber("metrics.port", 0, 0, 65_535);
    String host = get("metrics.address").orElse("127.0.0.1");
    try {
      return Optional.of(new MetricsSettings(InetAddress.getByName(host), port));
    } catch (UnknownHostException e) {
      throw new ConfigException("metrics.address", "is not a resolvable address: " + host);
    }
  }

  /**
   * The configured channel contracts, if any: {@code channels.hub.trc20} (with {@code
   * channels.token.trc20}, by default the network's TRC-20 BTT), {@code channels.hub.trc10}, and
   * {@code channels.chain-id} (decimal or 0x hex; by default the node's, which must match the
   * network's).
   */
  private Optional<WalletConfig.Hubs> hubs(Network network) {
    Optional<TronAddress> trc20Hub = tronAddress("channels.hub.trc20");
    Optional<TronAddress> trc10Hub = tronAddress("channels.hub.trc10");
    Optional<TronAddress> token = tronAddress("channels.token.trc20");
    Optional<Long> chainId = get("channels.chain-id").map(ConfigLoader::chainId);
    if (trc20Hub.isEmpty() && trc10Hub.isEmpty()) {
      for (String key : List.of("channels.token.trc20", "channels.chain-id")) {
        if (get(key).isPresent()) {
          throw new ConfigException(
              key,
              "is set but no channel contract is: set channels.hub.trc20 and/or channels.hub.trc10");
        }
      }
      return Optional.empty();
    }
    if (chainId.isPresent() && network.chainId() != 0 && chainId.get() != network.chainId()) {
      throw new ConfigException(
          "channels.chain-id",
          "is 0x"
              + Long.toHexString(chainId.get())
              + " but "
              + network.name().toLowerCase(Locale.ROOT)
              + " is 0x"
              + Long.toHexString(network.chainId())
              + "; vouchers signed for another chain are worthless");
    }
    Optional<Asset.Trc20> trc20Token = Optional.empty();
    if (trc20Hub.isPresent()) {
      trc20Token =
          Optional.of(
              token
                  .map(Asset.Trc20::new)
                  .or(
                      () ->
                          network.defaultTokens().stream()
                              .map(TokenConfig::asset)
                              .filter(Asset.Trc20.class::isInstance)
                              .map(Asset.Trc20.class::cast)
                              .findFirst())
                  .orElseThrow(
                      () ->
                          new ConfigException(
                              "channels.token.trc20",
                              "is required with channels.hub.trc20 on "
                                  + network.name().toLowerCase(Locale.ROOT)
                                  + ": the TRC-20 BTT contract the hub holds")));
    } else if (token.isPresent()) {
      throw new ConfigException("channels.token.trc20", "is set without channels.hub.trc20");
    }
    return Optional.of(new WalletConfig.Hubs(chainId, trc20Hub, trc20Token, trc10Hub));
  }

  private Optional<TronAddress> tronAddress(String key) {
    Optional<String> text = get(key);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(TronAddress.parse(text.get()));
    } catch (RuntimeException e) {
      throw new ConfigException(key, "is not a TRON address: '" + text.get() + "'");
    }
  }

  /**
   * Decimal, or {@code 0x} and up to 8 hex digits as chain ids are usually written; 1 to
   * 0xffffffff.
   */
  private static long chainId(String text) {
    if (HEX_CHAIN_ID.matcher(text).matches()) {
      return checkChainId(Long.parseLong(text.substring(2), 16), text);
    }
    if (text.startsWith("0x")) {
      throw new ConfigException(
          "channels.chain-id", "must be decimal or 0x and 1 to 8 hex digits, not '" + text + "'");
    }
    return ConfigSource.parseNumber("channels.chain-id", text, 1, 0xffff_ffffL);
  }

  private static long checkChainId(long id, String text) {
    if (id == 0) {
      throw new ConfigException(
          "channels.chain-id", "must be between 1 and 0xffffffff, not " + text);
    }
    return id;
  }

  /**
   * The network's default tokens plus {@code
   * tron.token.<SYMBOL>=trc10:<id>:<decimals>|trc20:<addr>:<dec>}.
   */
  private List<TokenConfig> tokens(Network network) {
    List<TokenConfig> tokens = new ArrayList<>(network.defaultTokens());
    String tokenPrefix = ConfigKeys.TOKEN_PREFIX;
    String tokenVariablePrefix = ConfigKeys.envName(tokenPrefix);
    TreeSet<String> keys = new TreeSet<>(source.file().stringPropertyNames());
    source.env().keySet().stream()
        .filter(k -> k.startsWith(tokenVariablePrefix) && k.length() > tokenVariablePrefix.length())
        .map(k -> tokenPrefix + k.substring(tokenVariablePrefix.length()))
        .forEach(keys::add);
    for (String key : keys) {
      if (!key.startsWith(tokenPrefix)) {
        continue;
      }
      String symbol = key.substring(tokenPrefix.length());
      String[] parts = get(key).orElse("").split(":");
      if (parts.length != 3) {
        throw new ConfigException(
            key, "must be trc10:<id>:<decimals> or trc20:<address>:<decimals>");
      }
      Asset asset;
      try {
        asset =
            switch (parts[0].toLowerCase(Locale.ROOT)) {
              case "trc10" -> Asset.Trc10.parse(parts[1]);
              case "trc20" -> new Asset.Trc20(TronAddress.parse(parts[1]));
              default -> throw new ConfigException(key, "must start with trc10: or trc20:");
            };
        int decimals = (int) ConfigSource.parseNumber(key, parts[2], 0, 77);
        tokens.removeIf(t -> t.asset().equals(asset) || t.symbol().equals(symbol));
        tokens.add(new TokenConfig(symbol, asset, decimals));
      } catch (RuntimeException e) {
        if (e instanceof ConfigException ce) {
          throw ce;
        }
        throw new ConfigException(key, "is invalid: " + e.getMessage());
      }
    }
    return tokens;
  }

  private Optional<WalletConfig.Tls> tls() {
    Optional<String> cert = get("tls.cert");
    Optional<String> key = get("tls.key");
    if (cert.isPresent() != key.isPresent()) {
      throw new ConfigException(
          cert.isPresent() ? "tls.key" : "tls.cert", "is required when the other is set");
    }
    if (cert.isEmpty()) {
      return Optional.empty();
    }
    Path certPath = Path.of(cert.get());
    Path keyPath = Path.of(key.get());
    for (Map.Entry<String, Path> e : Map.of("tls.cert", certPath, "tls.key", keyPath).entrySet()) {
      if (!Files.isReadable(e.getValue())) {
        throw new ConfigException(e.getKey(), "names a file that cannot be read: " + e.getValue());
      }
    }
    return Optional.of(new WalletConfig.Tls(certPath, keyPath));
  }

  /**
   * The passphrase from the environment variable named by {@code master-passphrase.env} (default
   * {@code BTTSPEED_MASTER_PASSPHRASE}) or else the file {@code master-passphrase.file}; in dev
   * mode a known default, otherwise an error that says how to provide one.
   */
  private String masterPassphrase(boolean devMode) {
    String envName = passphraseVariable();
    String fromEnv = source.env().get(envName);
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return fromEnv;
    }
    Optional<String> path = get("master-passphrase.file");
    if (path.isPresent()) {
      try {
        String text = Files.readString(Path.of(path.get()), StandardCharsets.UTF_8).strip();
        if (!text.isEmpty()) {
          return text;
        }
        throw new ConfigException("master-passphrase.file", "names an empty file: " + path.get());
      } catch (IOException e) {
        throw new ConfigException("master-passphrase.file", "cannot be read: " + path.get());
      }
    }
    if (devMode) {
      return DEV_MODE_PASSPHRASE;
    }
    throw new ConfigException(
        "master passphrase",
        "is missing: set the environment variable "
            + envName
            + " or master-passphrase.file (keys are encrypted under it; only dev-mode may run without one)");
  }

  private String passphraseVariable() {
    return get("master-passphrase.env").orElse(ConfigKeys.DEFAULT_PASSPHRASE_ENV);
  }

  private Optional<String> get(String key) {
    return source.text(key);
  }

  private static InetAddress address(String text) {
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw new ConfigException("listen.address", "is not a resolvable address: " + text);
    }
  }
}
