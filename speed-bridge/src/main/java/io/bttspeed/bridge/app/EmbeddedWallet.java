package io.bttspeed.bridge.app;

import io.bttspeed.bridge.wallet.GrpcChannelWallet;
import io.bttspeed.devnet.DevnetConfig;
import io.bttspeed.proto.wallet.v1.CreateWalletRequest;
import io.bttspeed.proto.wallet.v1.GetWalletRequest;
import io.bttspeed.proto.wallet.v1.WalletServiceGrpc;
import io.bttspeed.wallet.app.WalletApp;
import io.bttspeed.wallet.config.ConfigLoader;
import io.bttspeed.wallet.store.Scope;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A wallet service inside the daemon, so {@code speed-bridge serve} alone is a Speed node: the
 * wallet's own composition root ({@link WalletApp}) under {@code <data dir>/wallet-service}, on
 * loopback, with its devnet unless {@code tron.node} names a node. The daemon talks to it over gRPC
 * like to any other wallet service, as the principal {@value #PRINCIPAL}, with the wallet it
 * created on its first start (its id kept in {@code <data dir>/wallet-id}, so a restart keeps it).
 * On the devnet only, the wallet is funded from a development account.
 */
final class EmbeddedWallet implements AutoCloseable {

  static final String PRINCIPAL = "speed-bridge";
  static final String WALLET_ID_FILE = "wallet-id";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedWallet.class);

  private final WalletApp app;
  private final GrpcChannelWallet wallet;

  private EmbeddedWallet(WalletApp app, GrpcChannelWallet wallet) {
    this.app = app;
    this.wallet = wallet;
  }

  /**
   * Starts the wallet service, makes this daemon's wallet on the first start, funds it on the
   * devnet.
   *
   * @param devnet the devnet the wallet embeds when no node is set; tests pass one with instant
   *     blocks
   * @param env the wallet service's environment overrides ({@code BTTSPEED_TRON_NODE}, the master
   *     passphrase)
   */
  static EmbeddedWallet start(
      Path data,
      WalletSettings.Embedded settings,
      DevnetConfig devnet,
      Map<String, String> env,
      GrpcChannelWallet.Settings walletSettings) {
    Path home = data.resolve("wallet-service");
    Properties p = new Properties();
    p.setProperty("data.dir", home.toString());
    p.setProperty("listen.address", "127.0.0.1");
    p.setProperty("listen.port", Integer.toString(settings.port()));
    settings.tronNode().ifPresent(node -> p.setProperty("tron.node", node));
    WalletApp app = WalletApp.start(ConfigLoader.fromProperties(p, walletEnvironment(env)), devnet);
    ManagedChannel connection = null;
    try {
      connection = NettyChannelBuilder.forAddress("127.0.0.1", app.port()).usePlaintext().build();
      // A token per start: the principal (and its wallets) is the name's, so nothing secret is kept
      // on disk.
      String token = app.principals().createToken(PRINCIPAL, EnumSet.of(Scope.READ, Scope.SPEND));
      String walletId = ownWallet(data, connection, token, walletSettings);
      if (app.devnet().isPresent()) {
        new DevnetFaucet(app, connection, walletSettings.callDeadline()).fund(walletId, token);
      }
      GrpcChannelWallet wallet =
          GrpcChannelWallet.connect(connection, true, token, walletId, walletSettings);
      LOG.info(
          "embedded wallet service on 127.0.0.1:{}; this daemon's wallet {} is {}",
          app.port(),
          walletId,
          wallet.address());
      return new EmbeddedWallet(app, wallet);
    } catch (RuntimeException e) {
      if (connection != null) {
        connection.shutdownNow();
      }
      app.close();
      throw e;
    }
  }

  /**
   * The wallet service's own variables only: the daemon's {@code BTTSPEED_WALLET_*} keys are the
   * daemon's, and the wallet refuses variables in its prefix it does not know.
   */
  private static Map<String, String> walletEnvironment(Map<String, String> env) {
    return env.entrySet().stream()
        .filter(e -> !e.getKey().startsWith("BTTSPEED_WALLET_"))
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /**
   * The wallet this daemon made on its first start, or a new one. The id is written (atomically)
   * only once the wallet exists, so a crash in between leaves an unused wallet behind and the next
   * start makes another; a remembered id the wallet service no longer knows is an error, never
   * silently a new wallet.
   */
  private static String ownWallet(
      Path data, ManagedChannel connection, String token, GrpcChannelWallet.Settings settings) {
    Path file = data.resolve(WALLET_ID_FILE);
    WalletServiceGrpc.WalletServiceBlockingStub wallets = stub(connection, token, settings);
    try {
      if (Files.exists(file)) {
        String id = Files.readString(file, StandardCharsets.UTF_8).strip();
        try {
          wallets.getWallet(GetWalletRequest.newBuilder().setWalletId(id).build());
        } catch (StatusRuntimeException e) {
          if (e.getStatus().getCode() == Status.Code.NOT_FOUND
              || e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
            throw new IllegalStateException(
                "the embedded wallet service has no wallet "
                    + id
                    + " (named in "
                    + file
                    + "); its database under "
                    + data.resolve("wallet-service")
                    + " was replaced? Restore it, or"
                    + " delete "
                    + file
                    + " to make a new wallet");
          }
          throw e;
        }
        return id;
      }
      String id =
          wallets
              .createWallet(CreateWalletRequest.newBuilder().setLabel(PRINCIPAL).build())
              .getWallet()
              .getWalletId();
      Path tmp = data.resolve(WALLET_ID_FILE + ".tmp");
      Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep this daemon's wallet id in " + file, e);
    }
  }

  static WalletServiceGrpc.WalletServiceBlockingStub stub(
      ManagedChannel connection, String token, GrpcChannelWallet.Settings settings) {
    Metadata md = new Metadata();
    md.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return WalletServiceGrpc.newBlockingStub(connection)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md))
        .withDeadlineAfter(settings.callDeadline().toMillis(), TimeUnit.MILLISECONDS);
  }

  GrpcChannelWallet wallet() {
    return wallet;
  }

  int port() {
    return app.port();
  }

  Optional<io.bttspeed.devnet.Devnet> devnet() {
    return app.devnet();
  }

  @Override
  public void close() {
    wallet.close();
    app.close();
  }
}
