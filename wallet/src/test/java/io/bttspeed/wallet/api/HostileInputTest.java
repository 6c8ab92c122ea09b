package io.bttspeed.wallet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.proto.wallet.v1.Asset;
import io.bttspeed.proto.wallet.v1.CreateWalletRequest;
import io.bttspeed.proto.wallet.v1.EstimateFeeRequest;
import io.bttspeed.proto.wallet.v1.GetWalletRequest;
import io.bttspeed.proto.wallet.v1.ImportWalletRequest;
import io.bttspeed.proto.wallet.v1.ListTransfersRequest;
import io.bttspeed.proto.wallet.v1.ListWalletsRequest;
import io.bttspeed.proto.wallet.v1.ListWalletsResponse;
import io.bttspeed.proto.wallet.v1.SendRequest;
import io.bttspeed.proto.wallet.v1.Wallet;
import io.bttspeed.proto.wallet.v1.WalletServiceGrpc.WalletServiceBlockingStub;
import io.bttspeed.wallet.store.Scope;
import io.grpc.CallOptions;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, items 7 to 11: requests built to exhaust the server or slip past its parsing, over real
 * gRPC.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

  private static final Asset TRX =
      Asset.newBuilder().setTrx(Asset.Trx.getDefaultInstance()).build();
  private static final String RECIPIENT = "TUEZSdKsoDHQMeZwihtdoBiN46zxhGWYdH";

  @TempDir static Path dir;
  private WalletFixture fx;
  private WalletServiceBlockingStub carol;
  private Wallet funded;

  @BeforeAll
  void start() {
    fx = new WalletFixture(dir);
    carol = fx.client("carol", Scope.ADMIN);
    funded =
        carol
            .importWallet(
                ImportWalletRequest.newBuilder()
                    .setPrivateKeyHex(fx.devAccounts().get(2).privateKeyHex())
                    .build())
            .getWallet();
  }

  @AfterAll
  void stop() {
    fx.close();
  }

  /** A keystore whose KDF parameters are these; the rest is the Web3 Secret Storage test vector. */
  private static String keystore(String n, String r) {
    return """
        {"crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"83dbcc02d8ccb40e466191a123791e0e"},
         "ciphertext":"d172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c","kdf":"scrypt",
         "kdfparams":{"dklen":32,"n":%s,"p":1,"r":%s,
         "salt":"ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19"},
         "mac":"2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097"},"version":3}
        """
        .formatted(n, r);
  }

  @Test
  void keystoreWithHugeOrInvalidKdfParametersIsInvalidArgumentAtOnce() {
    for (String json : List.of(keystore("1048576", "48"), keystore("1024", "1024"))) {
      ImportWalletRequest req =
          ImportWalletRequest.newBuilder()
              .setKeystore(
                  ImportWalletRequest.KeystoreSource.newBuilder()
                      .setKeystoreJson(json)
                      .setPassword("pw"))
              .build();
      assertQuickly(
          Status.Code.INVALID_ARGUMENT,
          () -> carol.withDeadlineAfter(5, TimeUnit.SECONDS).importWallet(req));
    }
  }

  @Test
  void aHugeAddressIsRefusedBeforeItIsDecoded() {
    String huge = "T" + "1".repeat(400_000);
    assertQuickly(
        Status.Code.INVALID_ARGUMENT,
        () ->
            carol
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .estimateFee(
                    EstimateFeeRequest.newBuilder()
                        .setWalletId(funded.getWalletId())
                        .setAsset(TRX)
                        .setToAddress(huge)
                        .setAmountBaseUnits("1")
                        .build()));
  }

  @Test
  void aLongIdIsNotEchoedWholeAndTheClientGetsTheError() {
    for (int length : new int[] {36, 60, 7_000, 9_000, 100_000}) {
      String id = "x".repeat(length);
      StatusRuntimeException e =
          assertThrows(
              StatusRuntimeException.class,
              () -> carol.getWallet(GetWalletRequest.newBuilder().setWalletId(id).build()));
      assertEquals(
          Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getStatus().getDescription());
      assertTrue(e.getStatus().getDescription().length() < 200, e.getStatus().getDescription());
    }
  }

  @Test
  void amountsAndTokenIdsHaveOneCanonicalForm() {
    long transfersBefore = transferCount();
    for (String amount :
        List.of("000100", " 100", "100 ", "+100", "-0", "1e3", "\u2003100", "１００", "0x64", "")) {
      assertCode(Status.Code.INVALID_ARGUMENT, () -> carol.send(send(TRX, amount)));
    }
    for (String id : List.of("+1002000", " 1002000", "01002000", "1002000\u00a0", "1002000.0")) {
      assertCode(
          Status.Code.INVALID_ARGUMENT,
          () -> carol.send(send(Asset.newBuilder().setTrc10TokenId(id).build(), "1")));
    }
    for (String feeLimit : List.of(" 1000", "01000", "+1000", "\u2003")) {
      assertCode(
          Status.Code.INVALID_ARGUMENT,
          () -> carol.send(send(TRX, "1").toBuilder().setFeeLimitSun(feeLimit).build()));
    }
    assertEquals(transfersBefore, transferCount(), "a refused send leaves no transfer");
  }

  @Test
  void aForgedOrBorrowedPageTokenIsRefused() {
    WalletServiceBlockingStub erin = fx.client("erin", Scope.SPEND);
    WalletServiceBlockingStub frank = fx.client("frank", Scope.SPEND);
    for (int i = 0; i < 3; i++) {
      erin.createWallet(CreateWalletRequest.newBuilder().setLabel("e" + i).build());
    }
    ListWalletsResponse first =
        erin.listWallets(ListWalletsRequest.newBuilder().setPageSize(1).build());
    String token = first.getNextPageToken();
    assertEquals(
        1,
        erin.listWallets(ListWalletsRequest.newBuilder().setPageSize(1).setPageToken(token).build())
            .getWalletsCount());
    // The cursor is the first wallet: a token naming another cursor, unsigned as the old format
    // was.
    String forged =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                "w1:0:00000000-0000-0000-0000-000000000000".getBytes(StandardCharsets.UTF_8));
    List<String> bad = new ArrayList<>(List.of(forged, token + "A", token.replace('.', '-')));
    char flip = token.charAt(3) == 'A' ? 'B' : 'A';
    bad.add(token.substring(0, 3) + flip + token.substring(4));
    for (String t : bad) {
      assertCode(
          Status.Code.INVALID_ARGUMENT,
          () -> erin.listWallets(ListWalletsRequest.newBuilder().setPageToken(t).build()));
    }
    assertCode(
        Status.Code.INVALID_ARGUMENT,
        () -> frank.listWallets(ListWalletsRequest.newBuilder().setPageToken(token).build()));
  }

  @Test
  void garbageBodiesAreInvalidArgumentWithoutAStackTraceInTheLog() {
    List<LogRecord> loud = new ArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
              synchronized (loud) {
                loud.add(r);
              }
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger grpc = Logger.getLogger("io.grpc");
    grpc.addHandler(capture);
    try {
      byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
      Metadata md = new Metadata();
      md.put(
          Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
          "Bearer " + fx.app.principals().createToken("raw", java.util.Set.of(Scope.ADMIN)));
      for (String method :
          List.of(
              "grpc.health.v1.Health/Check",
              "grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
              "bttspeed.wallet.v1.WalletService/ListWallets",
              "bttspeed.wallet.v1.WalletService/Send",
              "bttspeed.channel.v1.ChannelService/GetChannel")) {
        for (int i = 0; i < 20; i++) {
          StatusRuntimeException e =
              assertThrows(StatusRuntimeException.class, () -> rawUnary(method, garbage, md));
          assertEquals(
              Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), method + ": " + e.getStatus());
        }
      }
      assertTrue(
          carol.listWallets(ListWalletsRequest.getDefaultInstance()).getWalletsCount() >= 1,
          "still serving");
    } finally {
      grpc.removeHandler(capture);
    }
    synchronized (loud) {
      assertTrue(
          loud.isEmpty(),
          () -> "logged: " + loud.get(0).getMessage() + " " + loud.get(0).getThrown());
    }
  }

  @Test
  void reflectionStillDescribesTheGuardedServices() throws Exception {
    java.util.concurrent.CompletableFuture<io.grpc.reflection.v1alpha.ServerReflectionResponse>
        answer = new java.util.concurrent.CompletableFuture<>();
    io.grpc.stub.StreamObserver<io.grpc.reflection.v1alpha.ServerReflectionRequest> requests =
        io.grpc.reflection.v1alpha.ServerReflectionGrpc.newStub(fx.channel)
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .serverReflectionInfo(
                new io.grpc.stub.StreamObserver<>() {
                  @Override
                  public void onNext(io.grpc.reflection.v1alpha.ServerReflectionResponse r) {
                    answer.complete(r);
                  }

                  @Override
                  public void onError(Throwable t) {
                    answer.completeExceptionally(t);
                  }

                  @Override
                  public void onCompleted() {}
                });
    requests.onNext(
        io.grpc.reflection.v1alpha.ServerReflectionRequest.newBuilder()
            .setListServices("")
            .build());
    requests.onCompleted();
    List<String> services =
        answer.get(10, TimeUnit.SECONDS).getListServicesResponse().getServiceList().stream()
            .map(io.grpc.reflection.v1alpha.ServiceResponse::getName)
            .toList();
    assertTrue(services.contains("bttspeed.wallet.v1.WalletService"), services.toString());
    assertTrue(services.contains("bttspeed.channel.v1.ChannelService"), services.toString());
  }

  private byte[] rawUnary(String fullMethod, byte[] body, Metadata md) {
    MethodDescriptor<byte[], byte[]> method =
        MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(fullMethod)
            .setRequestMarshaller(BYTES)
            .setResponseMarshaller(BYTES)
            .build();
    return ClientCalls.blockingUnaryCall(
        io.grpc.ClientInterceptors.intercept(
            fx.channel, MetadataUtils.newAttachHeadersInterceptor(md)),
        method,
        CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS),
        body);
  }

  static final MethodDescriptor.Marshaller<byte[]> BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  private SendRequest send(Asset asset, String amount) {
    return SendRequest.newBuilder()
        .setWalletId(funded.getWalletId())
        .setAsset(asset)
        .setToAddress(RECIPIENT)
        .setAmountBaseUnits(amount)
        .setIdempotencyKey("canonical-" + System.nanoTime())
        .build();
  }

  private long transferCount() {
    return carol
        .listTransfers(ListTransfersRequest.newBuilder().setMaxTransfers(1_000).build())
        .getTransfersCount();
  }

  private static void assertQuickly(Status.Code code, Executable call) {
    long started = System.nanoTime();
    assertCode(code, call);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "took " + took);
  }

  private static void assertCode(Status.Code code, Executable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
    assertEquals(code, e.getStatus().getCode(), e.getStatus().getDescription());
    assertFalse(e.getStatus().getDescription() == null || e.getStatus().getDescription().isEmpty());
  }
}
