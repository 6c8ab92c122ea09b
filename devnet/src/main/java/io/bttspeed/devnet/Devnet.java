package io.bttspeed.devnet;

import io.bttspeed.devnet.api.DevnetControlService;
import io.bttspeed.devnet.api.WalletService;
import io.bttspeed.devnet.api.WalletSolidityService;
import io.bttspeed.devnet.chain.Genesis;
import io.bttspeed.devnet.node.BlockProducer;
import io.bttspeed.devnet.node.ChainClock;
import io.bttspeed.devnet.node.NodeSettings;
import io.bttspeed.devnet.node.TronNode;
import io.bttspeed.tron.crypto.JdkProvidersFirst;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A local TRON node on loopback, started with one call: it serves TRON's own {@code
 * protocol.Wallet} and {@code protocol.WalletSolidity} gRPC services on one port, so unmodified
 * Trident (or any TRON client) works against it as against mainnet or Nile. Beside them, {@code
 * bttspeed.devnet.v1.DevnetControl} moves the chain's time forward (to reach a channel's expiry).
 *
 * <pre>{@code
 * try (Devnet devnet = Devnet.start(DevnetConfig.inMemory().withInstantBlocks())) {
 *   ApiWrapper api = new ApiWrapper(devnet.target(), devnet.target(), key);
 * }
 * }</pre>
 */
public final class Devnet implements AutoCloseable {
  private final TronNode node;
  private final BlockProducer producer;
  private final Server server;
  private final Genesis genesis;
  private final HealthStatusManager health;
  private boolean closed;

  private Devnet(
      TronNode node,
      BlockProducer producer,
      Server server,
      Genesis genesis,
      HealthStatusManager health) {
    this.node = node;
    this.producer = producer;
    this.server = server;
    this.genesis = genesis;
    this.health = health;
  }

  /** Opens (or creates) the chain and serves it; returns once the port is bound. */
  public static Devnet start(DevnetConfig config) {
    JdkProvidersFirst.ensure(); // block and transaction ids are SHA-256
    Genesis genesis = Genesis.standard();
    ChainClock clock = new ChainClock(config.clock());
    NodeSettings settings =
        new NodeSettings(
            jdbcUrl(config),
            config.parameters(),
            genesis,
            config.solidityLag(),
            config.maxPending(),
            clock);
    TronNode node = TronNode.open(settings);
    // A chain whose time was advanced goes on from its head, not from a wall clock hours behind it.
    clock.resumeFrom(node.headTimeMs());
    if (node.headTimeMs() < clock.millis() - DevnetConfig.DEFAULT_BLOCK_INTERVAL.toMillis()) {
      // A new chain's head is the genesis, stamped at a fixed past date, and a restarted one's may
      // be days old.
      // Clients reference the head and expire transactions relative to it, so start from a block of
      // today.
      node.sealBlock();
    }
    BlockProducer producer =
        config
            .blockInterval()
            .map(interval -> BlockProducer.every(node, interval))
            .orElseGet(() -> BlockProducer.instant(node));
    HealthStatusManager health = new HealthStatusManager();
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress(config.host(), config.port()))
            .addService(new WalletService(node, producer::transactionAccepted, clock))
            .addService(new WalletSolidityService(node, clock))
            .addService(new DevnetControlService(node, clock))
            .addService(health.getHealthService())
            .addService(ProtoReflectionServiceV1.newInstance())
            .addService(ProtoReflectionService.newInstance())
            .build();
    try {
      server.start();
    } catch (IOException e) {
      producer.close();
      node.close();
      throw new ListenException(config.host() + ":" + config.port(), e);
    }
    return new Devnet(node, producer, server, genesis, health);
  }

  private static String jdbcUrl(DevnetConfig config) {
    if (config.dataDir().isEmpty()) {
      return "jdbc:h2:mem:devnet-" + UUID.randomUUID();
    }
    Path dir = config.dataDir().get().toAbsolutePath();
    try {
      Files.createDirectories(dir);
      if (config.reset()) {
        try (Stream<Path> files = Files.list(dir)) {
          for (Path file :
              files.filter(f -> f.getFileName().toString().startsWith("chain.")).toList()) {
            Files.delete(file);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the data directory " + dir, e);
    }
    // WRITE_DELAY=0: H2 otherwise keeps commits in memory for up to half a second, and a node
    // killed in that time would restart without blocks its clients had already seen (a wallet would
    // then hold a channel the chain never had). One commit per block, so it costs nothing.
    return "jdbc:h2:file:" + dir.resolve("chain") + ";WRITE_DELAY=0";
  }

  /** The bound port. */
  public int port() {
    return server.getPort();
  }

  /** {@code host:port} for a gRPC channel, e.g. Trident's ApiWrapper. */
  public String target() {
    return "127.0.0.1:" + port();
  }

  /**
   * TRON's chain id: the last 4 bytes of the genesis block id (what TIP-712 domains and CHAINID
   * use).
   */
  public long chainId() {
    return node.chainId();
  }

  public String genesisBlockId() {
    return node.genesisId().hex();
  }

  public String witnessAddress() {
    return genesis.witness().base58();
  }

  /** The TRC-20 BTT token deployed at genesis (18 decimals), base58. */
  public String bttTokenAddress() {
    return genesis.bttTokenContract().base58();
  }

  /** The TRC-20 payment-channel hub (SpeedChannels) deployed at genesis, base58. */
  public String speedChannelsAddress() {
    return genesis.speedChannelsContract().base58();
  }

  /** The TRC-10 BTT payment-channel hub (SpeedChannelsTrc10) deployed at genesis, base58. */
  public String speedChannelsTrc10Address() {
    return genesis.speedChannelsTrc10Contract().base58();
  }

  public List<DevelopmentAccount> developmentAccounts() {
    return genesis.accounts().stream()
        .map(a -> new DevelopmentAccount(a.index(), a.address().base58(), toHex32(a.privateKey())))
        .toList();
  }

  /** The node itself, for tests and benchmarks in this module that need to look beneath the API. */
  public TronNode node() {
    return node;
  }

  private static String toHex32(java.math.BigInteger key) {
    byte[] raw = key.toByteArray();
    byte[] out = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
    return HexFormat.of().formatHex(out);
  }

  /**
   * Stops serving, seals what is pending so nothing accepted is lost, and closes the store.
   * Idempotent: an embedder's shutdown hook and its try-with-resources may both call it; later
   * calls wait for the first one and return (grpc logs a stack trace for a second health shutdown,
   * and the store is already closed).
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    health.enterTerminalState();
    server.shutdown();
    try {
      if (!server.awaitTermination(10, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      producer.close();
      node.close();
    }
  }
}
