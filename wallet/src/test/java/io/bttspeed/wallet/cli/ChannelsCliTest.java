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
 * A payer and a payee use a payment channel entirely from the {@code wallet channels} commands
 * against a real server: open by the token's name, pay, hand the voucher over, accept, list, close,
 * and watch the events.
 */
class ChannelsCliTest {

  @TempDir Path dir;

  @Test
  void payerAndPayeeRunAChannelFromTheCommandLine() {
    Properties p = new Properties();
    p.setProperty("listen.port", "0");
    p.setProperty("data.dir", dir.toString());
    p.setProperty("db.url", "jdbc:h2:mem:channels-cli-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    p.setProperty("keys.scrypt-log2n", "10");
    try (WalletApp app =
        WalletApp.start(
            ConfigLoader.fromProperties(p, Map.of()),
            DevnetConfig.inMemory().withInstantBlocks())) {
      String server = "127.0.0.1:" + app.port();
      String alice = app.principals().createToken("alice", Set.of(Scope.SPEND));
      String bob = app.principals().createToken("bob", Set.of(Scope.SPEND));
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

      String expiresAt = java.time.Instant.now().plus(java.time.Duration.ofDays(7)).toString();
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
                  "bttold",
                  "--deposit",
                  "1000000",
                  "--expires-at",
                  expiresAt,
                  "--key",
                  "open-1"));
      String channel = field("channel_id", opened);
      String hub = field("hub_address", opened);
      assertTrue(
          opened.contains("# deposit 1 BTTOLD, cumulative 0 BTTOLD, paid out 0 BTTOLD"), opened);
      String retried =
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
                  "bttold",
                  "--deposit",
                  "1000000",
                  "--expires-at",
                  expiresAt,
                  "--key",
                  "open-1"));
      assertEquals(
          channel,
          field("channel_id", retried),
          "a retry under the same key returns the same channel");
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
              "1000",
              "--expires-in",
              "7d",
              "--key",
              "open-trc20"));

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
                  "250000"));
      String signature = field("signature_hex", paid);
      String accepted =
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
                  signature,
                  "--hub",
                  hub));
      assertTrue(accepted.contains("accepted_cumulative_base_units: \"250000\""), accepted);

      String listed =
          ok(run("channels", "list", "--server", server, "--token", bob, "--role", "payee"));
      assertTrue(listed.contains(channel), listed);
      assertTrue(
          listed.contains("# deposit 1 BTTOLD, cumulative 0.25 BTTOLD, paid out 0 BTTOLD"), listed);

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
      assertTrue(closed.contains("CHANNEL_STATE_CLOSED"), closed);
      assertTrue(closed.contains("paid out 0.25 BTTOLD"), closed);

      String events =
          ok(
              run(
                  "channels",
                  "watch",
                  "--server",
                  server,
                  "--token",
                  alice,
                  "--after",
                  "0",
                  "--limit",
                  "2"));
      assertTrue(events.contains("CHANNEL_EVENT_KIND_OPEN"), events);

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
              "bttold",
              "--deposit",
              "1",
              "--expires-in",
              "99999d",
              "--key",
              "x")
          .assertOneLineError(64, "--expires-in");
      run("channels", "list", "--server", server, "--token", bob, "--role", "owner")
          .assertOneLineError(64, "--role");
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
