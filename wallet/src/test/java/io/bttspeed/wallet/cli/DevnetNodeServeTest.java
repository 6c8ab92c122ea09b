package io.bttspeed.wallet.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bttspeed.devnet.DevelopmentAccount;
import io.bttspeed.devnet.Devnet;
import io.bttspeed.devnet.DevnetConfig;
import io.bttspeed.wallet.app.DevAdminToken;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wallet serve} (its own JVM) with {@code tron.node} pointing at a devnet started separately
 * on a loopback port: the wallet recognises it by its genesis block id, so channels work without
 * hub addresses in the configuration, and dev mode prints an admin token, which a restart reuses.
 */
class DevnetNodeServeTest {

  private static final Pattern DEV_TOKEN =
      Pattern.compile("admin token for principal 'dev': (btts_[A-Za-z0-9_-]+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aWalletOnASeparateDevnetRunsChannelsAndKeepsItsDevTokenAcrossARestart() throws Exception {
    try (Devnet devnet = Devnet.start(DevnetConfig.inMemory().withInstantBlocks().withPort(0))) {
      Path config = dir.resolve("wallet.properties");
      Files.writeString(
          config,
          String.join(
              "\n",
              "tron.network=devnet",
              "tron.node=" + devnet.target(),
              "dev-mode=true",
              "data.dir=" + dir,
              "db.url=jdbc:h2:file:" + dir.resolve("wallet"),
              "listen.port=0",
              "confirm.poll-interval-ms=50",
              "keys.scrypt-log2n=10",
              ""));
      assertTrue(!Files.readString(config).contains("channels.hub"), "no hub addresses configured");
      Path firstLog = dir.resolve("first.log");
      String token;
      try (ServerProcess server = ServerProcess.start(config, firstLog)) {
        token = printed(firstLog, DEV_TOKEN);
        // (The test classpath logs warnings only, so these are serve's printed lines, not the
        // log's.)
        assertTrue(
            Files.readString(firstLog).contains("(a btt-speed devnet)"),
            Files.readString(firstLog));
        assertTrue(
            Files.readString(firstLog).contains("(new; later starts reuse it)"),
            Files.readString(firstLog));
        String target = "127.0.0.1:" + server.port();
        DevelopmentAccount payer = devnet.developmentAccounts().get(3);
        DevelopmentAccount payee = devnet.developmentAccounts().get(4);
        JsonNode imported =
            JSON.readTree(
                ok(
                    CliRun.run(
                        "wallets",
                        "import",
                        "--server",
                        target,
                        "--token",
                        token,
                        "--private-key",
                        payer.privateKeyHex(),
                        "--json")));
        String wallet = imported.get("wallet").get("wallet_id").asText();
        JsonNode balances =
            JSON.readTree(
                ok(
                    CliRun.run(
                        "balances",
                        "--server",
                        target,
                        "--token",
                        token,
                        "--wallet",
                        wallet,
                        "--json")));
        assertTrue(
            balances.toString().contains(devnet.bttTokenAddress()),
            "the devnet's TRC-20 BTT is reported without configuration: " + balances);
        JsonNode opened =
            JSON.readTree(
                ok(
                    CliRun.run(
                        "channels",
                        "open",
                        "--server",
                        target,
                        "--token",
                        token,
                        "--wallet",
                        wallet,
                        "--payee",
                        payee.address(),
                        "--asset",
                        "btt",
                        "--deposit",
                        "1000",
                        "--expires-in",
                        "7d",
                        "--key",
                        "recognised-open",
                        "--json")));
        assertEquals(
            devnet.speedChannelsAddress(),
            opened.get("channel").get("hub_address").asText(),
            opened.toString());
        assertEquals(
            "CHANNEL_STATE_OPEN", opened.get("channel").get("state").asText(), opened.toString());
      }
      Path secondLog = dir.resolve("second.log");
      try (ServerProcess server = ServerProcess.start(config, secondLog)) {
        assertEquals(token, printed(secondLog, DEV_TOKEN), "a restart prints the same admin token");
        assertTrue(
            Files.readString(secondLog).contains("(the same as last start)"),
            Files.readString(secondLog));
        JsonNode tokens =
            JSON.readTree(
                ok(
                    CliRun.run(
                        "token",
                        "list",
                        "--server",
                        "127.0.0.1:" + server.port(),
                        "--token",
                        token,
                        "--json")));
        assertEquals(1, tokens.get("tokens").size(), "no new admin token per start: " + tokens);
      }
      assertTrue(Files.isRegularFile(dir.resolve(DevAdminToken.FILE_NAME)));
    }
  }

  /** The first match of {@code pattern} in the server's output, within a deadline. */
  private static String printed(Path log, Pattern pattern) {
    return await(pattern + " to be printed")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                Files.exists(log)
                    ? pattern.matcher(Files.readString(log, StandardCharsets.UTF_8))
                    : null,
            m -> m != null && m.find())
        .group(1);
  }

  private static String ok(CliRun r) {
    assertEquals(0, r.code(), r.err());
    return r.out();
  }
}
