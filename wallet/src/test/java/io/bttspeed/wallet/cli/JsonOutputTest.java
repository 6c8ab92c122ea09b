package io.bttspeed.wallet.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bttspeed.devnet.DevnetConfig;
import io.bttspeed.wallet.app.WalletApp;
import io.bttspeed.wallet.config.ConfigLoader;
import io.bttspeed.wallet.store.Scope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --json} for scripts, through the real CLI against a real server: each command prints
 * exactly one JSON document on stdout with the fields a script needs (zeros included), and an error
 * is still one line on stderr with the exit code.
 */
class JsonOutputTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void everyCommandAScriptUsesPrintsOneJsonDocumentWithTheFieldsItNeeds() throws Exception {
    Properties p = new Properties();
    p.setProperty("listen.port", "0");
    p.setProperty("data.dir", dir.toString());
    p.setProperty("db.url", "jdbc:h2:mem:json-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    p.setProperty("keys.scrypt-log2n", "10");
    try (WalletApp app =
        WalletApp.start(
            ConfigLoader.fromProperties(p, Map.of()),
            DevnetConfig.inMemory().withInstantBlocks())) {
      String server = "127.0.0.1:" + app.port();
      String token = app.principals().createToken("scripts", Set.of(Scope.ADMIN));
      var accounts = app.devnet().orElseThrow().developmentAccounts();

      String wallet =
          json(
                  "wallets",
                  "import",
                  "--server",
                  server,
                  "--token",
                  token,
                  "--private-key",
                  accounts.get(6).privateKeyHex())
              .get("wallet")
              .get("wallet_id")
              .asText();
      String payee =
          json(
                  "wallets",
                  "import",
                  "--server",
                  server,
                  "--token",
                  token,
                  "--private-key",
                  accounts.get(7).privateKeyHex())
              .get("wallet")
              .get("wallet_id")
              .asText();

      JsonNode balances =
          json("balances", "--server", server, "--token", token, "--wallet", wallet);
      assertEquals(accounts.get(6).address(), balances.get("address").asText());
      boolean sawTrx = false;
      for (JsonNode b : balances.get("balances")) {
        assertTrue(b.get("amount_base_units").asText().matches("[0-9]+"), b.toString());
        assertTrue(b.has("symbol") && b.has("decimals") && b.has("asset"), b.toString());
        sawTrx |=
            b.get("asset").has("trx")
                && b.get("amount_base_units").asText().equals("1000000000000");
      }
      assertTrue(sawTrx, balances.toString());

      JsonNode sent =
          json(
              "send",
              "--server",
              server,
              "--token",
              token,
              "--wallet",
              wallet,
              "--asset",
              "trx",
              "--to",
              accounts.get(7).address(),
              "--amount",
              "1234",
              "--key",
              "json-1");
      JsonNode transfer = sent.get("transfer");
      assertTrue(transfer.get("status").asText().startsWith("TRANSFER_STATUS_"), sent.toString());
      assertTrue(transfer.get("txid").asText().matches("[0-9a-f]{64}"), sent.toString());
      assertEquals("1234", transfer.get("amount_base_units").asText());
      assertTrue(
          transfer.has("fee_sun") && transfer.has("failure_reason"),
          "zero fields are printed: " + sent);

      JsonNode transfers = json("transfers", "list", "--server", server, "--token", token);
      assertEquals(
          "json-1",
          transfers.get("transfers").get(0).get("idempotency_key").asText(),
          transfers.toString());

      JsonNode channels = json("channels", "list", "--server", server, "--token", token);
      assertEquals(
          0, channels.get("channels").size(), "an empty list is still one object: " + channels);
      String expiresIn = "7d";
      json(
          "channels",
          "open",
          "--server",
          server,
          "--token",
          token,
          "--wallet",
          wallet,
          "--payee",
          accounts.get(7).address(),
          "--asset",
          "bttold",
          "--deposit",
          "1000",
          "--expires-in",
          expiresIn,
          "--key",
          "json-open");
      channels = json("channels", "list", "--server", server, "--token", token);
      assertEquals(1, channels.get("channels").size(), channels.toString());
      assertEquals(
          "1000",
          channels.get("channels").get(0).get("deposit_base_units").asText(),
          channels.toString());

      JsonNode tokens = json("token", "list", "--server", server, "--token", token);
      assertEquals("scripts", tokens.get("tokens").get(0).get("name").asText(), tokens.toString());

      JsonNode incoming =
          await("the payee's incoming payment")
              .atMost(Duration.ofSeconds(30))
              .pollInterval(Duration.ofMillis(50))
              .until(
                  () ->
                      json(
                          "incoming",
                          "list",
                          "--server",
                          server,
                          "--token",
                          token,
                          "--wallet",
                          payee),
                  list -> list.get("payments").size() > 0);
      JsonNode payment = incoming.get("payments").get(0);
      assertEquals("1234", payment.get("amount_base_units").asText(), incoming.toString());
      assertEquals(
          accounts.get(6).address(), payment.get("from_address").asText(), incoming.toString());

      CliRun missing =
          CliRun.run(
              "wallets",
              "get",
              "--server",
              server,
              "--token",
              token,
              "--wallet",
              UUID.randomUUID().toString(),
              "--json");
      missing.assertOneLineError(ClientErrors.CALL_FAILED, "NOT_FOUND");
      assertEquals("", missing.out(), "nothing on stdout for a script to misread");
    }
  }

  /** Runs a command with --json: it succeeds and prints exactly one line, one JSON document. */
  private static JsonNode json(String... args) throws Exception {
    String[] withJson = java.util.Arrays.copyOf(args, args.length + 1);
    withJson[args.length] = "--json";
    CliRun r = CliRun.run(withJson);
    assertEquals(0, r.code(), r.err());
    assertEquals(1, r.out().strip().lines().count(), "one line: " + r.out());
    JsonNode node = JSON.readTree(r.out());
    assertTrue(node.isObject(), r.out());
    return node;
  }
}
