package io.bttspeed.bridge.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bttspeed.bridge.testing.TestFiles;
import io.bttspeed.proto.speed.v1.ListTorrentsRequest;
import io.bttspeed.proto.speed.v1.SpeedServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's API over TLS when a certificate is configured, and server reflection for tools like
 * grpcurl.
 */
@Timeout(60)
class DaemonTlsTest {
  @TempDir Path dir;

  @Test
  void aConfiguredCertificateServesTlsRefusesPlaintextAndOffersReflection() throws Exception {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    assumeTrue(selfSigned(cert, key), "openssl is needed to make a test certificate");
    InetAddress loopback = InetAddress.getLoopbackAddress();
    Path data = dir.resolve("data");
    try (BridgeDaemon daemon =
        BridgeDaemon.start(
            new BridgeConfig(
                data,
                loopback,
                0,
                loopback,
                TestFiles.freePort(),
                data.resolve("downloads"),
                Optional.of(new BridgeConfig.Tls(cert, key)),
                false))) {
      Metadata md = new Metadata();
      md.put(
          Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
          "Bearer " + daemon.firstAdminToken().orElseThrow());
      ManagedChannel tls =
          NettyChannelBuilder.forAddress(
                  "127.0.0.1",
                  daemon.apiPort(),
                  TlsChannelCredentials.newBuilder().trustManager(cert.toFile()).build())
              .build();
      ManagedChannel plain =
          NettyChannelBuilder.forAddress("127.0.0.1", daemon.apiPort()).usePlaintext().build();
      try {
        assertEquals(
            0,
            SpeedServiceGrpc.newBlockingStub(tls)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md))
                .listTorrents(ListTorrentsRequest.getDefaultInstance())
                .getTorrentsCount());
        StatusRuntimeException e =
            assertThrows(
                StatusRuntimeException.class,
                () ->
                    SpeedServiceGrpc.newBlockingStub(plain)
                        .withDeadlineAfter(5, TimeUnit.SECONDS)
                        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md))
                        .listTorrents(ListTorrentsRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        assertEquals(
            true,
            reflectedServices(tls).contains("bttspeed.speed.v1.SpeedService"),
            "reflection lists SpeedService, without a token");
      } finally {
        tls.shutdownNow();
        plain.shutdownNow();
      }
    }
  }

  private static String reflectedServices(ManagedChannel channel) throws Exception {
    CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> requests =
        ServerReflectionGrpc.newStub(channel)
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .serverReflectionInfo(
                new StreamObserver<>() {
                  @Override
                  public void onNext(ServerReflectionResponse value) {
                    answer.complete(value);
                  }

                  @Override
                  public void onError(Throwable t) {
                    answer.completeExceptionally(t);
                  }

                  @Override
                  public void onCompleted() {}
                });
    requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
    requests.onCompleted();
    return answer.get(10, TimeUnit.SECONDS).getListServicesResponse().toString();
  }

  private static boolean selfSigned(Path cert, Path key) throws InterruptedException {
    try {
      Process p =
          new ProcessBuilder(
                  List.of(
                      "openssl",
                      "req",
                      "-x509",
                      "-newkey",
                      "ec",
                      "-pkeyopt",
                      "ec_paramgen_curve:prime256v1",
                      "-nodes",
                      "-keyout",
                      key.toString(),
                      "-out",
                      cert.toString(),
                      "-days",
                      "1",
                      "-subj",
                      "/CN=localhost",
                      "-addext",
                      "subjectAltName=IP:127.0.0.1"))
              .redirectErrorStream(true)
              .start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
