package io.bttspeed.wallet.app;

import io.bttspeed.devnet.Devnet;
import io.bttspeed.devnet.DevnetConfig;
import io.bttspeed.devnet.DevnetGenesis;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.crypto.JdkProvidersFirst;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.accounts.Balances;
import io.bttspeed.wallet.accounts.Wallets;
import io.bttspeed.wallet.api.WalletServer;
import io.bttspeed.wallet.chain.TridentGateway;
import io.bttspeed.wallet.channel.ChannelConfig;
import io.bttspeed.wallet.channel.ChannelHubs;
import io.bttspeed.wallet.channel.ChannelMetrics;
import io.bttspeed.wallet.channel.Channels;
import io.bttspeed.wallet.config.ConfigException;
import io.bttspeed.wallet.config.Network;
import io.bttspeed.wallet.config.TokenConfig;
import io.bttspeed.wallet.config.WalletConfig;
import io.bttspeed.wallet.error.NodeUnavailableException;
import io.bttspeed.wallet.incoming.Incoming;
import io.bttspeed.wallet.incoming.IncomingScanner;
import io.bttspeed.wallet.incoming.IncomingStore;
import io.bttspeed.wallet.keys.Keystore;
import io.bttspeed.wallet.metrics.MetricsEndpoint;
import io.bttspeed.wallet.metrics.Registries;
import io.bttspeed.wallet.store.Database;
import io.bttspeed.wallet.store.PrincipalStore;
import io.bttspeed.wallet.store.TransferStore;
import io.bttspeed.wallet.store.WalletStore;
import io.bttspeed.wallet.tokens.Tokens;
import io.bttspeed.wallet.transfer.FeeEstimator;
import io.bttspeed.wallet.transfer.TransferMetrics;
import io.bttspeed.wallet.transfer.TransferTracker;
import io.bttspeed.wallet.transfer.Transfers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of the wallet service: opens the database, connects to the configured node
 * (or starts a devnet in-process under the data directory when none is configured), wires the
 * domain, and starts the tracker and the gRPC server. Closing stops them in reverse order.
 */
public final class WalletApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WalletApp.class);
  private static final long TRC10_BTT_TOKEN_ID = 1_002_000L;

  private final Optional<Devnet> devnet;
  private final Optional<DevnetGenesis> devnetGenesis;
  private final PrincipalStore principals;
  private final WalletServer server;
  private final Optional<MetricsEndpoint> metrics;

  /** Everything started, last first: what close() stops, in that order. */
  private final Deque<AutoCloseable> started;

  private WalletApp(
      Optional<Devnet> devnet,
      Optional<DevnetGenesis> devnetGenesis,
      PrincipalStore principals,
      WalletServer server,
      Optional<MetricsEndpoint> metrics,
      Deque<AutoCloseable> started) {
    this.devnet = devnet;
    this.metrics = metrics;
    this.devnetGenesis = devnetGenesis;
    this.principals = principals;
    this.server = server;
    this.started = started;
  }

  /**
   * Starts with the devnet configuration used when no node is configured: blocks every 3 s, on
   * disk.
   */
  public static WalletApp start(WalletConfig config) {
    return start(
        config, DevnetConfig.persistent(config.storage().dataDir().resolve("devnet")).withPort(0));
  }

  /** Starts; {@code devnetConfig} is used only if the configuration names no node. */
  public static WalletApp start(WalletConfig config, DevnetConfig devnetConfig) {
    JdkProvidersFirst.ensure();
    Deque<AutoCloseable> opened = new ArrayDeque<>();
    try {
      return start(config, devnetConfig, opened);
    } catch (RuntimeException e) {
      // Whatever started before the failure is stopped, so a failed start leaves no port or file
      // open.
      while (!opened.isEmpty()) {
        try {
          opened.pop().close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  private static WalletApp start(
      WalletConfig config, DevnetConfig devnetConfig, Deque<AutoCloseable> opened) {
    Clock clock = Clock.systemUTC();
    SecureRandom random = new SecureRandom();
    MeterRegistry registry = Registries.forSettings(config.metrics());
    Optional<Devnet> devnet = Optional.empty();
    // Set on the embedded devnet and on a node recognised as one of our devnets by its genesis
    // block id.
    Optional<DevnetGenesis> devnetGenesis = Optional.empty();
    String fullNode;
    String solidityNode;
    List<TokenConfig> tokens = new ArrayList<>(config.tron().tokens());
    if (config.tron().embeddedDevnet()) {
      Devnet started = Devnet.start(devnetConfig);
      opened.push(started);
      devnet = Optional.of(started);
      // The devnet deploys its TRC-20 BTT at genesis; its address is known only from the devnet
      // itself.
      Asset.Trc20 trc20Btt = new Asset.Trc20(TronAddress.parse(started.bttTokenAddress()));
      if (tokens.stream().noneMatch(t -> t.asset().equals(trc20Btt))) {
        tokens.add(new TokenConfig("BTT", trc20Btt, 18));
      }
      devnetGenesis = Optional.of(DevnetGenesis.standard());
      fullNode = started.target();
      solidityNode = started.target();
      LOG.info(
          "no tron.node configured: embedded devnet on {} (chain id 0x{})",
          fullNode,
          Long.toHexString(started.chainId()));
    } else {
      fullNode = config.tron().fullNode().orElseThrow();
      solidityNode = config.tron().solidityNode().orElse(fullNode);
    }
    // The one connection to the node: transfers, incoming payments and channels all go through it.
    TridentGateway node =
        TridentGateway.connect(fullNode, solidityNode, config.tron().callDeadline(), clock);
    opened.push(node);
    if (!config.tron().embeddedDevnet()
        && config.tron().network() == Network.DEVNET
        && config.channels().hubs().isEmpty()) {
      devnetGenesis = recogniseDevnet(node, fullNode);
      devnetGenesis.ifPresent(
          g -> {
            Asset.Trc20 trc20Btt = new Asset.Trc20(TronAddress.parse(g.bttTokenAddress()));
            if (tokens.stream().noneMatch(t -> t.asset().equals(trc20Btt))) {
              tokens.add(new TokenConfig("BTT", trc20Btt, 18));
            }
          });
    }
    // A configured channel hub's TRC-20 token is BTT (18 decimals): report and send it like the
    // devnet's.
    config
        .channels()
        .hubs()
        .flatMap(WalletConfig.Hubs::trc20Token)
        .ifPresent(
            token -> {
              if (tokens.stream().noneMatch(t -> t.asset().equals(token))) {
                tokens.add(new TokenConfig("BTT", token, 18));
              }
            });
    Database db = Database.open(config.storage().jdbcUrl());
    opened.push(db);
    PrincipalStore principals = new PrincipalStore(db, clock, random);
    TransferStore transferStore = new TransferStore(db);
    Keystore keystore = new Keystore(random);
    Wallets wallets =
        new Wallets(
            new WalletStore(db),
            keystore,
            config.secrets().masterPassphrase(),
            new Keystore.ScryptCost(1 << config.secrets().scryptLog2N(), 8, 1),
            clock,
            random);
    wallets.verifyMasterPassphrase();
    Set<Asset> assets = tokens.stream().map(TokenConfig::asset).collect(Collectors.toSet());
    Transfers transfers =
        new Transfers(
            transferStore,
            wallets,
            node,
            new FeeEstimator(node, config.confirmation().feeLimitMarginPercent(), clock),
            assets,
            clock,
            new TransferMetrics(registry));
    TransferTracker tracker =
        new TransferTracker(
            transferStore, transfers, node, config.confirmation().pollInterval(), registry);
    opened.push(tracker);
    tracker.start();
    IncomingStore incomingStore = new IncomingStore(db);
    opened.push(
        new IncomingScanner(
                incomingStore, node, assets, config.confirmation().pollInterval(), registry)
            .start());
    Optional<Channels> channels = Optional.empty();
    Optional<WalletConfig.Hubs> configuredHubs = config.channels().hubs();
    if (configuredHubs.isPresent() || devnetGenesis.isPresent()) {
      ChannelHubs hubs;
      if (configuredHubs.isPresent()) {
        hubs = ChannelHubs.configured(configuredHubs.get(), nodeChainId(config, node, fullNode));
      } else if (devnet.isPresent()) {
        Devnet embedded = devnet.get();
        hubs =
            ChannelHubs.devnet(
                embedded.chainId(),
                embedded.speedChannelsAddress(),
                embedded.bttTokenAddress(),
                embedded.speedChannelsTrc10Address(),
                TRC10_BTT_TOKEN_ID);
      } else {
        DevnetGenesis g = devnetGenesis.get();
        hubs =
            ChannelHubs.devnet(
                g.chainId(),
                g.speedChannelsAddress(),
                g.bttTokenAddress(),
                g.speedChannelsTrc10Address(),
                TRC10_BTT_TOKEN_ID);
      }
      Channels started =
          Channels.create(
              db,
              hubs,
              node,
              node,
              wallets,
              ChannelConfig.from(config.channels(), hubs),
              clock,
              new ChannelMetrics(registry));
      opened.push(started);
      channels = Optional.of(started.start());
      LOG.info(
          "ChannelService on: {}",
          String.join(
              ", ",
              hubs.hubs().stream().map(h -> h.asset().key() + " at " + h.address()).toList()));
    } else {
      // Mainnet and Nile have no deployment of the channel contracts yet, so there is nothing to
      // point at.
      LOG.info(
          "ChannelService off: no channel contracts are known on network {}; set channels.hub.trc20 "
              + "(and channels.token.trc20) and/or channels.hub.trc10 to turn it on",
          config.tron().network());
    }
    WalletServer server =
        WalletServer.start(
            config.server(),
            new WalletServer.Services(
                principals,
                wallets,
                new Balances(node, tokens),
                transfers,
                transferStore,
                new Incoming(incomingStore, wallets),
                new Tokens(principals),
                channels));
    opened.push(server);
    LOG.info(
        "wallet listening on {}:{}",
        config.server().listenAddress().getHostAddress(),
        server.port());
    Optional<MetricsEndpoint> metrics =
        config
            .metrics()
            .map(
                settings ->
                    MetricsEndpoint.start(settings, (PrometheusMeterRegistry) registry, () -> {}));
    metrics.ifPresent(opened::push);
    return new WalletApp(devnet, devnetGenesis, principals, server, metrics, opened);
  }

  /**
   * Whether the node is one of our devnets: its genesis is deterministic, so its genesis block id
   * says so, and then its hubs and BTT token are known without configuration. A node that cannot be
   * asked at start is not recognised (the wallet starts without channels and says why).
   */
  private static Optional<DevnetGenesis> recogniseDevnet(TridentGateway node, String fullNode) {
    DevnetGenesis known = DevnetGenesis.standard();
    String genesis;
    try {
      genesis = HexFormat.of().formatHex(node.genesisBlockId());
    } catch (NodeUnavailableException e) {
      LOG.warn(
          "cannot read the genesis block of {} ({}): not recognised as a devnet, ChannelService off;"
              + " restart once the node is up, or configure channels.hub.*",
          fullNode,
          e.getMessage());
      return Optional.empty();
    }
    if (!genesis.equals(known.blockId())) {
      LOG.info(
          "the node at {} is not a btt-speed devnet (genesis {}, a devnet's is {})",
          fullNode,
          genesis,
          known.blockId());
      return Optional.empty();
    }
    LOG.info(
        "the node at {} is a btt-speed devnet (genesis {}): its channel hubs and TRC-20 BTT are known",
        fullNode,
        genesis);
    return Optional.of(known);
  }

  /**
   * The node's chain id, which every voucher's TIP-712 domain carries: it must be the configured
   * one and the network's, or vouchers would be signed for a chain whose contracts reject them.
   */
  private static long nodeChainId(WalletConfig config, TridentGateway node, String fullNode) {
    long chainId = node.chainId();
    long expected =
        config.channels().hubs().orElseThrow().chainId().orElse(config.tron().network().chainId());
    if (expected != 0 && expected != chainId) {
      throw new ConfigException(
          "channels.chain-id",
          "expects 0x"
              + Long.toHexString(expected)
              + " but the node at "
              + fullNode
              + " has chain id 0x"
              + Long.toHexString(chainId)
              + "; point tron.node at the right network or fix channels.chain-id");
    }
    return chainId;
  }

  public int port() {
    return server.port();
  }

  /** The Prometheus scrape endpoint's port, when {@code metrics.port} is set. */
  public Optional<Integer> metricsPort() {
    return metrics.map(MetricsEndpoint::port);
  }

  public PrincipalStore principals() {
    return principals;
  }

  /**
   * The devnet's genesis when the node is a devnet: the embedded one, or one recognised at {@code
   * tron.node}.
   */
  public Optional<DevnetGenesis> devnetGenesis() {
    return devnetGenesis;
  }

  /** The embedded devnet, if one was started. */
  public Optional<Devnet> devnet() {
    return devnet;
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("stopping the wallet failed", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
