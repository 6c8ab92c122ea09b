package io.bttspeed.bridge.api;

import io.bttspeed.bridge.manager.TorrentManager;
import io.bttspeed.bridge.speed.SpeedNode;
import io.bttspeed.proto.speed.v1.SpeedServiceGrpc;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.api.ErrorInterceptor;
import io.bttspeed.wallet.store.PrincipalStore;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The daemon's gRPC server: SpeedService behind the wallet's error interceptor (one status mapping
 * for the whole project) and our bearer-token check, plus health and reflection. The server builder
 * is passed in, so tests run the real interceptors in-process or on loopback.
 */
public final class SpeedServer implements AutoCloseable {
  private final Server server;
  private final HealthStatusManager health;
  private final TorrentSubscriptions subscriptions;

  private SpeedServer(
      Server server, HealthStatusManager health, TorrentSubscriptions subscriptions) {
    this.server = server;
    this.health = health;
    this.subscriptions = subscriptions;
  }

  /**
   * Starts serving on {@code builder} (address, port and TLS already chosen by the caller).
   *
   * @param tradable the assets the daemon's wallet has a channel contract for
   */
  public static SpeedServer start(
      ServerBuilder<?> builder,
      TorrentManager torrents,
      SpeedNode speed,
      Set<Asset> tradable,
      PrincipalStore principals) {
    HealthStatusManager health = new HealthStatusManager();
    TorrentSubscriptions subscriptions = new TorrentSubscriptions(torrents, speed);
    Server server =
        builder
            .addService(
                ServerInterceptors.intercept(
                    new SpeedGrpcService(torrents, speed, tradable, subscriptions),
                    new ErrorInterceptor(),
                    SpeedAuthInterceptor.create(principals)))
            .addService(health.getHealthService())
            // Both reflection versions: current tools ask v1, older grpcurl only v1alpha.
            .addService(ProtoReflectionServiceV1.newInstance())
            .addService(ProtoReflectionService.newInstance())
            .build();
    try {
      server.start();
    } catch (IOException e) {
      subscriptions.close();
      throw new UncheckedIOException("cannot listen: " + e.getMessage(), e);
    }
    health.setStatus("", HealthCheckResponse.ServingStatus.SERVING);
    health.setStatus(SpeedServiceGrpc.SERVICE_NAME, HealthCheckResponse.ServingStatus.SERVING);
    return new SpeedServer(server, health, subscriptions);
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    health.enterTerminalState();
    subscriptions.close();
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
