package io.bttspeed.wallet.cli;

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
 * Channel costs from the command line against a real server: {@code channels estimate open} before
 * an open, the open printing each transaction with its fee, {@code channels estimate settle|close},
 * and {@code channels history} listing the approve and the open; bad flags are one-line usage
 * errors.
 */
class ChannelCostsCliTest {

  @TempDir Path dir;

  @Test
  void estimatesTheOpenThenOpensAndListsTheApproveAndTheOpenInTheHistory() {
    Properties p = new Properties();
    p.setProperty("listen.port", "0");
    p.setProperty("data.dir", dir.toString());
    p.setProperty(
        "db.url", "jdbc:h2:mem:channel-costs-cli-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    p.setProperty("keys.scrypt-log2n", "10");
    try (WalletApp app =
        WalletApp.start(
            ConfigLoader.fromProperties(p, Map.of()),
            DevnetConfig.inMemory().withInstantBlocks())) {
      String server = "127.0.0.1:" + app.port();
      String alice = app.principals().createToken("alice", Set.of(Scope.SPEND));
      String bob = app.principals().createToken("bob", Set.of(Scope.SPEND));
      String reader = app.principals().createToken("alice-reader", Set.of(Scope.READ));
      String payerKey = app.devnet().orElseThrow().developmentAccounts().get(1).privateKeyHex();
      String payeeKey = app.devnet().orElseThrow().developmentAccounts().get(2).privateKeyHex();
      String payer =
          field(
              "wallet_id",
              ok(
                  run(
                      "wallets",
                      "import",
                      "--server",
                      server,
                      "--token",
                      alice,
                      "--private-key",
                      payerKey)));
      String payeeOut =
          ok(
              run(
                  "wallets",
                  "import",
                  "--server",
                  server,
                  "--token",
                  bob,
                  "--private-key",
                  payeeKey));
      String payee = field("wallet_id", payeeOut);
      String payeeAddress = field("address", payeeOut);

      String estimate =
          ok(
              run(
                  "channels",
                  "estimate",
                  "open",
                  "--server",
                  server,
                  "--token",
                  alice,
                  "--wallet",
                  payer,
                  "--payee",
                  payeeAddress,
                  "--asset",
                  "btt",
                  "--deposit",
                  "5000",
                  "--expires-in",
                  "7d"));
      assertTrue(estimate.contains("CHANNEL_TRANSACTION_KIND_APPROVE"), estimate);
      assertTrue(estimate.contains("CHANNEL_TRANSACTION_KIND_OPEN"), estimate);
      assertTrue(estimate.contains("# about "), estimate);

      String opened =
          ok(
              run(
                  "channels",
                  "open",
                  "--server",
                  server,
                  "--token",
                  alice,
                  "--wallet",
                  payer,
                  "--payee",
                  payeeAddress,
                  "--asset",
                  "btt",
                  "--deposit",
                  "5000",
                  "--expires-in",
                  "7d",
                  "--key",
                  "o-1"));
      String channel = field("channel_id", opened);
      assertTrue(opened.contains("kind: CHANNEL_TRANSACTION_KIND_APPROVE"), opened);
      assertTrue(opened.contains("kind: CHANNEL_TRANSACTION_KIND_OPEN"), opened);
      assertTrue(opened.contains("# 2 transaction(s), "), opened);

      String history =
          ok(
              run(
                  "channels",
                  "history",
                  "--server",
                  server,
                  "--token",
                  alice,
                  "--channel",
                  channel));
      assertTrue(
          history.indexOf("CHANNEL_TRANSACTION_KIND_APPROVE")
                  < history.indexOf("CHANNEL_TRANSACTION_KIND_OPEN")
              && history.contains("CHANNEL_TRANSACTION_KIND_APPROVE"),
          history);
      assertTrue(history.contains("# 2 transaction(s), "), history);
      String json = ok(run("channels", "history", "--server", server, "--token", reader, "--json"));
      assertTrue(json.trim().startsWith("{") && json.contains("\"transactions\""), json);
      assertTrue(!json.contains("# "), "--json prints JSON only: " + json);

      String paid =
          ok(
              run(
                  "channels",
                  "pay",
                  "--server",
                  server,
                  "--token",
                  alice,
                  "--wallet",
                  payer,
                  "--channel",
                  channel,
                  "--amount",
                  "100"));
      ok(
          run(
              "channels",
              "accept",
              "--server",
              server,
              "--token",
              bob,
              "--wallet",
              payee,
              "--channel",
              channel,
              "--cumulative",
              field("cumulative_base_units", paid),
              "--signature",
              field("signature_hex", paid),
              "--hub",
              field("hub_address", opened)));
      String settle =
          ok(
              run(
                  "channels",
                  "estimate",
                  "settle",
                  "--server",
                  server,
                  "--token",
                  bob,
                  "--wallet",
                  payee,
                  "--channel",
                  channel));
      assertTrue(settle.contains("CHANNEL_TRANSACTION_KIND_SETTLE"), settle);
      String close =
          ok(
              run(
                  "channels",
                  "estimate",
                  "close",
                  "--server",
                  server,
                  "--token",
                  bob,
                  "--wallet",
                  payee,
                  "--channel",
                  channel));
      assertTrue(close.contains("CHANNEL_TRANSACTION_KIND_CLOSE"), close);
      String closed =
          ok(
              run(
                  "channels",
                  "close",
                  "--server",
                  server,
                  "--token",
                  bob,
                  "--wallet",
                  payee,
                  "--channel",
                  channel));
      assertTrue(closed.contains("kind: CHANNEL_TRANSACTION_KIND_CLOSE"), closed);
      assertTrue(closed.contains("# 1 transaction(s), "), closed);

      run("channels", "history", "--server", server, "--token", alice, "--max", "5000")
          .assertOneLineError(ClientErrors.CALL_FAILED, "max_transactions");
      run(
              "channels",
              "estimate",
              "settle",
              "--server",
              server,
              "--token",
              alice,
              "--wallet",
              payer,
              "--channel",
              "nothex")
          .assertOneLineError(ClientErrors.CALL_FAILED, "channel_id");
    }
  }

  private static String ok(CliRun r) {
    assertEquals(0, r.code(), r.err());
    return r.out();
  }

  private static String field(String name, String textProto) {
    Matcher m = Pattern.compile(name + ": \"([^\"]+)\"").matcher(textProto);
    assertTrue(m.find(), name + " not in " + textProto);
    return m.group(1);
  }

  private static CliRun run(String... args) {
    return CliRun.run(args);
  }
}
