package io.bttspeed.wallet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bttspeed.devnet.DevnetConfig;
import io.bttspeed.proto.wallet.v1.ListWalletsRequest;
import io.bttspeed.proto.wallet.v1.WalletServiceGrpc;
import io.bttspeed.wallet.app.WalletApp;
import io.bttspeed.wallet.config.ConfigLoader;
import io.bttspeed.wallet.store.Scope;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest {

  @TempDir Path dir;

  @Test
  void configuredCertificateAndKeyTurnOnTlsAndPlaintextClientsFail() throws Exception {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    int code = opensslSelfSigned(cert, key);
    assumeTrue(code == 0, "openssl is needed to make a test certificate");
    Properties p = new Properties();
    p.setProperty("listen.port", "0");
    p.setProperty("data.dir", dir.toString());
    p.setProperty("db.url", "jdbc:h2:mem:tls-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    p.setProperty("tls.cert", cert.toString());
    p.setProperty("tls.key", key.toString());
    try (WalletApp app =
        WalletApp.start(
            ConfigLoader.fromProperties(p, Map.of()),
            DevnetConfig.inMemory().withInstantBlocks())) {
      String token = app.principals().createToken("tls", Set.of(Scope.READ));
      Metadata md = new Metadata();
      md.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
      ManagedChannel tls =
          NettyChannelBuilder.forAddress(
                  "127.0.0.1",
                  app.port(),
                  TlsChannelCredentials.newBuilder().trustManager(cert.toFile()).build())
              .build();
      ManagedChannel plain =
          NettyChannelBuilder.forAddress("127.0.0.1", app.port()).usePlaintext().build();
      try {
        assertEquals(
            0,
            WalletServiceGrpc.newBlockingStub(tls)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md))
                .listWallets(ListWalletsRequest.getDefaultInstance())
                .getWalletsCount());
        StatusRuntimeException e =
            assertThrows(
                StatusRuntimeException.class,
                () ->
                    WalletServiceGrpc.newBlockingStub(plain)
                        .withDeadlineAfter(5, TimeUnit.SECONDS)
                        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md))
                        .listWallets(ListWalletsRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
      } finally {
        tls.shutdownNow();
        plain.shutdownNow();
      }
    }
  }

  private static int opensslSelfSigned(Path cert, Path key) throws Exception {
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
      return p.waitFor();
    } catch (java.io.IOException e) {
      return -1;
    }
  }
}
