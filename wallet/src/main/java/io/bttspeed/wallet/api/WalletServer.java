package io.bttspeed.wallet.api;

import io.bttspeed.wallet.accounts.Balances;
import io.bttspeed.wallet.accounts.Wallets;
import io.bttspeed.wallet.channel.Channels;
import io.bttspeed.wallet.config.WalletConfig;
import io.bttspeed.wallet.incoming.Incoming;
import io.bttspeed.wallet.incoming.IncomingPayment;
import io.bttspeed.wallet.store.EventFeed;
import io.bttspeed.wallet.store.PrincipalStore;
import io.bttspeed.wallet.store.TransferStore;
import io.bttspeed.wallet.tokens.Tokens;
import io.bttspeed.wallet.transfer.Transfers;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptors;
import io.grpc.TlsServerCredentials;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC server of the wallet: WalletService (and ChannelService where channels are on) behind
 * the error and auth interceptors, plus health checking and reflection; TLS when the configuration
 * names a certificate and key. Lifecycle only: the services are built by the composition root and
 * passed in, and so is the {@link ServerBuilder} when a test wants another transport.
 */
public final class WalletServer implements AutoCloseable {

  private final Server server;
  private final HealthStatusManager health;
  private final TransferStream stream;
  private final EventFeed<IncomingPayment> incomingFeed;

  private WalletServer(
      Server server,
      HealthStatusManager health,
      TransferStream stream,
      EventFeed<IncomingPayment> incomingFeed) {
    this.server = server;
    this.health = health;
    this.stream = stream;
    this.incomingFeed = incomingFeed;
  }

  /**
   * What the server serves; the composition root builds them. Channels are absent where no hub is
   * known.
   */
  public record Services(
      PrincipalStore principals,
      Wallets wallets,
      Balances balances,
      Transfers transfers,
      TransferStore transferStore,
      Incoming incoming,
      Tokens tokens,
      Optional<Channels> channels) {}

  /** Listens on the configured address and port (with TLS when configured). */
  public static WalletServer start(WalletConfig.Server config, Services services) {
    try {
      return start(listeningOn(config), services);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on " + config.listenAddress().getHostAddress() + ":" + config.port(), e);
    }
  }

  /**
   * The builder that listens where {@code config} says, for {@link #start(ServerBuilder,
   * Services)}.
   */
  public static ServerBuilder<?> listeningOn(WalletConfig.Server config) {
    return NettyServerBuilder.forAddress(
        new InetSocketAddress(config.listenAddress(), config.port()), credentials(config));
  }

  /**
   * Starts on the transport {@code builder} was made for, so tests run the same interceptors
   * (bearer tokens with their scopes, error mapping, request bounds) in-process or on loopback as
   * the service does.
   *
   * @throws IOException when the transport cannot start (the port is taken)
   */
  public static WalletServer start(ServerBuilder<?> builder, Services services) throws IOException {
    TransferStream stream = new TransferStream(services.transferStore());
    EventFeed<IncomingPayment> incomingFeed =
        new EventFeed<>(
            "incoming-stream", services.incoming().log(), IncomingPayment::paymentIndex);
    HealthStatusManager health = new HealthStatusManager();
    WalletGrpcService service =
        new WalletGrpcService(
            services.wallets(),
            services.balances(),
            services.transfers(),
            stream,
            WalletPageToken.withRandomKey(new SecureRandom()),
            services.incoming(),
            incomingFeed,
            services.tokens());
    AuthInterceptor auth = new AuthInterceptor(services.principals());
    RequestBounds bounds = new RequestBounds();
    UnparsableRequests unparsable = new UnparsableRequests();
    // Interceptors run last-listed first: auth (which refuses through the error mapping itself),
    // then error mapping around the bounds and the handler.
    builder
        .addService(
            unparsable.guard(
                ServerInterceptors.intercept(service, bounds, new ErrorInterceptor(), auth)))
        .addService(unparsable.guard(health.getHealthService().bindService()))
        // Both reflection versions: current tools ask v1, older grpcurl only v1alpha.
        .addService(unparsable.guard(ProtoReflectionServiceV1.newInstance().bindService()))
        .addService(unparsable.guard(ProtoReflectionService.newInstance().bindService()));
    services
        .channels()
        .ifPresent(
            c ->
                builder.addService(
                    unparsable.guard(
                        ServerInterceptors.intercept(
                            new ChannelGrpcService(c, AuthInterceptor::principal),
                            bounds,
                            new ErrorInterceptor(),
                            auth))));
    Server server = builder.build();
    try {
      server.start();
    } catch (IOException e) {
      stream.close();
      incomingFeed.close();
      throw e;
    }
    health.setStatus("", HealthCheckResponse.ServingStatus.SERVING);
    health.setStatus(
        io.bttspeed.proto.wallet.v1.WalletServiceGrpc.SERVICE_NAME,
        HealthCheckResponse.ServingStatus.SERVING);
    if (services.channels().isPresent()) {
      health.setStatus(
          io.bttspeed.proto.channel.v1.ChannelServiceGrpc.SERVICE_NAME,
          HealthCheckResponse.ServingStatus.SERVING);
    }
    return new WalletServer(server, health, stream, incomingFeed);
  }

  private static ServerCredentials credentials(WalletConfig.Server config) {
    if (config.tls().isEmpty()) {
      return InsecureServerCredentials.create();
    }
    try {
      return TlsServerCredentials.create(
          config.tls().get().certificateChain().toFile(), config.tls().get().privateKey().toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the TLS certificate or key", e);
    }
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    health.enterTerminalState();
    stream.close();
    incomingFeed.close();
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
