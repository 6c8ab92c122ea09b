package io.bttspeed.wallet.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.devnet.DevnetConfig;
import io.bttspeed.wallet.app.WalletApp;
import io.bttspeed.wallet.config.ConfigLoader;
import io.bttspeed.wallet.store.Scope;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client commands against a real server: import, balances, send, and history from a terminal.
 */
class WalletCliTest {

  @TempDir Path dir;

  @Test
  void terminalUserCanImportCheckBalanceSendAndSeeHistory() {
    Properties p = new Properties();
    p.setProperty("listen.port", "0");
    p.setProperty("data.dir", dir.toString());
    p.setProperty("db.url", "jdbc:h2:mem:cli-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    p.setProperty("keys.scrypt-log2n", "10");
    try (WalletApp app =
        WalletApp.start(
            ConfigLoader.fromProperties(p, Map.of()),
            DevnetConfig.inMemory().withInstantBlocks())) {
      String server = "127.0.0.1:" + app.port();
      String token = app.principals().createToken("cli", Set.of(Scope.SPEND));
      String key = app.devnet().orElseThrow().developmentAccounts().get(8).privateKeyHex();
      String to = app.devnet().orElseThrow().developmentAccounts().get(9).address();

      CliRun imported =
          run("wallets", "import", "--server", server, "--token", token, "--private-key", key);
      assertEquals(0, imported.code(), imported.err());
      Matcher id = Pattern.compile("wallet_id: \"([^\"]+)\"").matcher(imported.out());
      assertTrue(id.find(), imported.out());
      String wallet = id.group(1);

      CliRun balances = run("balances", "--server", server, "--token", token, "--wallet", wallet);
      assertEquals(0, balances.code(), balances.err());
      assertTrue(balances.out().contains("amount_base_units: \"1000000000000\""), balances.out());

      CliRun sent =
          run(
              "send",
              "--server",
              server,
              "--token",
              token,
              "--wallet",
              wallet,
              "--asset",
              "btt",
              "--to",
              to,
              "--amount",
              "42",
              "--key",
              "cli-1");
      assertEquals(0, sent.code(), sent.err());
      assertTrue(
          sent.out().contains("TRANSFER_STATUS_PENDING")
              || sent.out().contains("TRANSFER_STATUS_CONFIRMED"),
          sent.out());

      CliRun history = run("transfers", "list", "--server", server, "--token", token);
      assertEquals(0, history.code(), history.err());
      assertTrue(history.out().contains("idempotency_key: \"cli-1\""), history.out());

      String recipientKey = app.devnet().orElseThrow().developmentAccounts().get(9).privateKeyHex();
      CliRun recipient =
          run(
              "wallets",
              "import",
              "--server",
              server,
              "--token",
              token,
              "--private-key",
              recipientKey);
      Matcher recipientId = Pattern.compile("wallet_id: \"([^\"]+)\"").matcher(recipient.out());
      assertTrue(recipientId.find(), recipient.out());
      CliRun paid =
          run(
              "send",
              "--server",
              server,
              "--token",
              token,
              "--wallet",
              wallet,
              "--asset",
              "btt",
              "--to",
              to,
              "--amount",
              "43",
              "--key",
              "cli-2");
      assertEquals(0, paid.code(), paid.err());
      String recipientWallet = recipientId.group(1);
      CliRun incoming =
          await("the 43 units in the recipient's incoming list")
              .atMost(java.time.Duration.ofSeconds(20))
              .pollInterval(java.time.Duration.ofMillis(50))
              .until(
                  () ->
                      run(
                          "incoming",
                          "list",
                          "--server",
                          server,
                          "--token",
                          token,
                          "--wallet",
                          recipientWallet),
                  r -> r.code() == 0 && r.out().contains("amount_base_units: \"43\""));
      assertEquals(0, incoming.code(), incoming.err());

      run(
              "wallets",
              "export",
              "--server",
              server,
              "--token",
              token,
              "--wallet",
              wallet,
              "--password",
              "long-enough")
          .assertOneLineError(
              ClientErrors.CALL_FAILED, "wallet wallets export: PERMISSION_DENIED", "scopes");
      run(
              "wallets",
              "get",
              "--server",
              server,
              "--token",
              token,
              "--wallet",
              UUID.randomUUID().toString())
          .assertOneLineError(ClientErrors.CALL_FAILED, "NOT_FOUND");
      run(
              "send",
              "--server",
              server,
              "--token",
              token,
              "--wallet",
              wallet,
              "--asset",
              "btt",
              "--to",
              to,
              "--amount=-42",
              "--key",
              "cli-negative")
          .assertOneLineError(ClientErrors.CALL_FAILED, "INVALID_ARGUMENT");
      run("balances", "--server", server, "--wallet", wallet, "--token", "")
          .assertOneLineError(ClientErrors.CALL_FAILED, "UNAUTHENTICATED", "--token");
    }
  }

  private static CliRun run(String... args) {
    return CliRun.run(args);
  }
}
