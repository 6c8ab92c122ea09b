package io.bttspeed.wallet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bttspeed.devnet.DevnetConfig;
import io.bttspeed.proto.wallet.v1.CreateTokenRequest;
import io.bttspeed.proto.wallet.v1.ListTokensRequest;
import io.bttspeed.proto.wallet.v1.RevokeTokenRequest;
import io.bttspeed.proto.wallet.v1.TokenScope;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tokens made, listed and revoked while the server runs, through the real CLI and through gRPC,
 * against a real server on loopback: the secret is shown once and never listed, revocation takes
 * effect on the next call, and hostile input is refused without a change.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokensCliTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private WalletApp app;
  private String server;
  private ManagedChannel channel;

  @BeforeAll
  void start() {
    Properties p = new Properties();
    p.setProperty("listen.port", "0");
    p.setProperty("data.dir", dir.toString());
    p.setProperty("db.url", databaseUrl());
    p.setProperty("keys.scrypt-log2n", "10");
    app =
        WalletApp.start(
            ConfigLoader.fromProperties(p, Map.of()), DevnetConfig.inMemory().withInstantBlocks());
    server = "127.0.0.1:" + app.port();
    channel = NettyChannelBuilder.forTarget(server).usePlaintext().build();
  }

  /** The wallet's database: H2 in memory here, PostgreSQL in {@link PostgresTokensCliTest}. */
  protected String databaseUrl() {
    return "jdbc:h2:mem:tokens-cli-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  }

  @AfterAll
  void stop() {
    channel.shutdownNow();
    app.close();
  }

  @Test
  void anAdminMakesListsAndRevokesTokensWhileTheServerRuns() throws Exception {
    String admin = app.principals().createToken("ops", Set.of(Scope.ADMIN));
    String made =
        ok(run(
                "token",
                "create",
                "--server",
                server,
                "--token",
                admin,
                "--name",
                "monitoring",
                "--scopes",
                "read"))
            .strip();
    assertTrue(made.matches("btts_[A-Za-z0-9_-]{43}"), "only the token is printed: " + made);

    // The new token works, and is the caller's principal's: it sees the same (no) wallets.
    ok(run("wallets", "list", "--server", server, "--token", made));

    JsonNode listed =
        JSON.readTree(ok(run("token", "list", "--server", server, "--token", admin, "--json")));
    assertFalse(
        listed.toString().contains(made.substring(5)), "the secret is never listed: " + listed);
    JsonNode monitoring = byName(listed, "monitoring");
    assertEquals("[\"TOKEN_SCOPE_READ\"]", monitoring.get("scopes").toString());
    assertTrue(monitoring.get("token_id").asText().matches("[0-9a-f]{16}"), monitoring.toString());
    long created = monitoring.get("created_at_unix_ms").asLong();
    assertTrue(created > 0 && created <= System.currentTimeMillis(), monitoring.toString());
    assertTrue(
        monitoring.get("last_used_at_unix_ms").asLong() >= created,
        "used once above: " + monitoring);
    assertTrue(byName(listed, "ops").get("last_used_at_unix_ms").asLong() > 0, listed.toString());

    String text = ok(run("token", "list", "--server", server, "--token", admin));
    assertTrue(text.contains("name: \"monitoring\""), text);

    String id = monitoring.get("token_id").asText();
    String revoked = ok(run("token", "revoke", "--id", id, "--server", server, "--token", admin));
    assertTrue(revoked.contains("token_id: \"" + id + "\""), revoked);
    // Revocation takes effect on the very next call, though the server had the token cached.
    run("wallets", "list", "--server", server, "--token", made)
        .assertOneLineError(ClientErrors.CALL_FAILED, "UNAUTHENTICATED");
    run("token", "revoke", "--id", id, "--server", server, "--token", admin)
        .assertOneLineError(ClientErrors.CALL_FAILED, "NOT_FOUND");
    assertFalse(ok(run("token", "list", "--server", server, "--token", admin)).contains(id));
  }

  @Test
  void tokenAdministrationNeedsAnAdminTokenAndStaysWithinItsPrincipal() throws Exception {
    String spender = app.principals().createToken("spender", Set.of(Scope.SPEND));
    run("token", "list", "--server", server, "--token", spender)
        .assertOneLineError(ClientErrors.CALL_FAILED, "PERMISSION_DENIED");
    run(
            "token",
            "create",
            "--server",
            server,
            "--token",
            spender,
            "--name",
            "more",
            "--scopes",
            "admin")
        .assertOneLineError(ClientErrors.CALL_FAILED, "PERMISSION_DENIED");

    String alice = app.principals().createToken("alice", Set.of(Scope.ADMIN));
    String bob = app.principals().createToken("bob", Set.of(Scope.ADMIN));
    String bobsId =
        byName(
                JSON.readTree(
                    ok(run("token", "list", "--server", server, "--token", bob, "--json"))),
                "bob")
            .get("token_id")
            .asText();
    JsonNode alices =
        JSON.readTree(ok(run("token", "list", "--server", server, "--token", alice, "--json")));
    assertEquals(1, alices.get("tokens").size(), "alice sees only her own: " + alices);
    // Another principal's token id is as unknown as a made-up one.
    run("token", "revoke", "--id", bobsId, "--server", server, "--token", alice)
        .assertOneLineError(ClientErrors.CALL_FAILED, "NOT_FOUND");
    run("token", "revoke", "--id", "0123456789abcdef", "--server", server, "--token", alice)
        .assertOneLineError(ClientErrors.CALL_FAILED, "NOT_FOUND");
    ok(run("wallets", "list", "--server", server, "--token", bob));
  }

  @Test
  void hostileTokenRequestsAreRefusedWithoutAChange() {
    String admin = app.principals().createToken("hostile", Set.of(Scope.ADMIN));
    WalletServiceGrpc.WalletServiceBlockingStub stub = stub(admin);
    int before = stub.listTokens(ListTokensRequest.getDefaultInstance()).getTokensCount();
    List<CreateTokenRequest> refused =
        List.of(
            CreateTokenRequest.newBuilder()
                .setName("x".repeat(65))
                .addScopes(TokenScope.TOKEN_SCOPE_READ)
                .build(),
            CreateTokenRequest.newBuilder()
                .setName("")
                .addScopes(TokenScope.TOKEN_SCOPE_READ)
                .build(),
            CreateTokenRequest.newBuilder()
                .setName("has space")
                .addScopes(TokenScope.TOKEN_SCOPE_READ)
                .build(),
            CreateTokenRequest.newBuilder()
                .setName("newline\nname")
                .addScopes(TokenScope.TOKEN_SCOPE_READ)
                .build(),
            CreateTokenRequest.newBuilder()
                .setName("x".repeat(1_000_000))
                .addScopes(TokenScope.TOKEN_SCOPE_READ)
                .build(),
            CreateTokenRequest.newBuilder().setName("no-scopes").build(),
            CreateTokenRequest.newBuilder()
                .setName("unspecified")
                .addScopes(TokenScope.TOKEN_SCOPE_UNSPECIFIED)
                .build(),
            CreateTokenRequest.newBuilder().setName("unknown").addScopesValue(42).build(),
            CreateTokenRequest.newBuilder()
                .setName("twice")
                .addScopes(TokenScope.TOKEN_SCOPE_READ)
                .addScopes(TokenScope.TOKEN_SCOPE_READ)
                .build());
    for (CreateTokenRequest req : refused) {
      StatusRuntimeException e =
          assertThrows(StatusRuntimeException.class, () -> stub.createToken(req));
      assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getStatus().toString());
    }
    for (String id :
        List.of("", "0123456789ABCDEF", "0123", "g123456789abcdef", "x".repeat(100_000))) {
      StatusRuntimeException e =
          assertThrows(
              StatusRuntimeException.class,
              () -> stub.revokeToken(RevokeTokenRequest.newBuilder().setTokenId(id).build()));
      assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getStatus().toString());
    }
    assertEquals(before, stub.listTokens(ListTokensRequest.getDefaultInstance()).getTokensCount());

    run("token", "create", "--server", server, "--token", admin, "--name", "x", "--scopes", "root")
        .assertOneLineError(64, "--scopes");
    run("token", "create", "--server", server, "--token", admin, "--name", "bad name")
        .assertOneLineError(ClientErrors.CALL_FAILED, "INVALID_ARGUMENT", "name");
  }

  @Test
  void concurrentRevocationsOfOneTokenRevokeItOnceAndItsUsersAreRefusedAfterwards()
      throws Exception {
    String admin = app.principals().createToken("racer", Set.of(Scope.ADMIN));
    String victim =
        stub(admin)
            .createToken(
                CreateTokenRequest.newBuilder()
                    .setName("victim")
                    .addScopes(TokenScope.TOKEN_SCOPE_READ)
                    .build())
            .getToken();
    String id =
        stub(admin).listTokens(ListTokensRequest.getDefaultInstance()).getTokensList().stream()
            .filter(t -> t.getName().equals("victim"))
            .findFirst()
            .orElseThrow()
            .getTokenId();
    stub(victim).listWallets(io.bttspeed.proto.wallet.v1.ListWalletsRequest.getDefaultInstance());
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Status.Code>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  try {
                    stub(admin).revokeToken(RevokeTokenRequest.newBuilder().setTokenId(id).build());
                    return Status.Code.OK;
                  } catch (StatusRuntimeException e) {
                    return e.getStatus().getCode();
                  }
                }));
      }
      go.countDown();
      int ok = 0;
      for (Future<Status.Code> r : results) {
        Status.Code code = r.get(60, TimeUnit.SECONDS);
        if (code == Status.Code.OK) {
          ok++;
        } else {
          assertEquals(Status.Code.NOT_FOUND, code);
        }
      }
      assertEquals(1, ok, "exactly one revocation succeeds");
    } finally {
      pool.shutdownNow();
    }
    StatusRuntimeException e =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                stub(victim)
                    .listWallets(
                        io.bttspeed.proto.wallet.v1.ListWalletsRequest.getDefaultInstance()));
    assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
  }

  private WalletServiceGrpc.WalletServiceBlockingStub stub(String token) {
    Metadata md = new Metadata();
    md.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return WalletServiceGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md))
        .withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  private static JsonNode byName(JsonNode listed, String name) {
    for (JsonNode t : listed.get("tokens")) {
      if (t.get("name").asText().equals(name)) {
        return t;
      }
    }
    throw new AssertionError("no token named " + name + " in " + listed);
  }

  private static String ok(CliRun r) {
    assertEquals(0, r.code(), r.err());
    return r.out();
  }

  private static CliRun run(String... args) {
    return CliRun.run(args);
  }
}
