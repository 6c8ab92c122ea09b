package io.bttspeed.wallet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.wallet.money.Asset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @Test
  void defaultsEmbedADevnetOnLoopbackInDevMode() {
    WalletConfig c = ConfigLoader.fromProperties(new Properties(), Map.of());
    assertTrue(c.tron().embeddedDevnet());
    assertEquals(Network.DEVNET, c.tron().network());
    assertTrue(c.server().listenAddress().isLoopbackAddress());
    assertEquals(50_061, c.server().port());
    assertTrue(c.secrets().devMode());
    assertTrue(c.storage().jdbcUrl().startsWith("jdbc:h2:file:"));
    assertTrue(c.tron().tokens().stream().anyMatch(t -> t.asset().equals(new Asset.Trc10(1_002_000))));
    assertFalse(c.secrets().toString().contains(ConfigLoader.DEV_MODE_PASSPHRASE));
  }

  @Test
  void mainnetNeedsANodeAndAPassphraseAndKnowsTrc20Btt() {
    Properties p = new Properties();
    p.setProperty("tron.network", "mainnet");
    ConfigException noNode = assertThrows(ConfigException.class, () -> ConfigLoader.fromProperties(p, Map.of()));
    assertTrue(noNode.getMessage().contains("tron.node"));
    p.setProperty("tron.node", "grpc.trongrid.io:50051");
    ConfigException noSecret =
        assertThrows(ConfigException.class, () -> ConfigLoader.fromProperties(p, Map.of()));
    assertTrue(noSecret.getMessage().contains("BTTSPEED_MASTER_PASSPHRASE"), noSecret.getMessage());
    WalletConfig c =
        ConfigLoader.fromProperties(p, Map.of("BTTSPEED_MASTER_PASSPHRASE", "a long enough secret"));
    assertEquals(0x2b6653dcL, c.tron().network().chainId());
    assertTrue(
        c.tron().tokens().stream()
            .anyMatch(t -> t.symbol().equals("BTT") && t.decimals() == 18
                && t.asset().key().equals("TRC20:TAFjULxiVgT4qWk6UZwjqwZXTSaGaqnVp4")));
    assertEquals(Optional.of("grpc.trongrid.io:50051"), c.tron().solidityNode());
  }

  @Test
  void environmentOverridesTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("wallet.properties");
    Files.writeString(file, "listen.port=1234\ntron.network=nile\ntron.node=localhost:1\n");
    Path secret = dir.resolve("secret");
    Files.writeString(secret, "from-a-file-secret\n");
    WalletConfig c =
        ConfigLoader.load(
            Optional.of(file),
            Map.of(
                "BTTSPEED_LISTEN_PORT", "4321",
                "BTTSPEED_MASTER_PASSPHRASE_FILE", secret.toString(),
                "BTTSPEED_TRON_TOKEN_USDT", "trc20:TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HC:6"));
    assertEquals(4321, c.server().port());
    assertEquals(Network.NILE, c.tron().network());
    assertEquals(0x94a9059eL, c.tron().network().chainId());
    assertEquals("from-a-file-secret", c.secrets().masterPassphrase());
    assertTrue(c.tron().tokens().stream().anyMatch(t -> t.symbol().equals("USDT")));
  }

  @Test
  void invalidValuesNameTheirKey() {
    for (String[] kv :
        new String[][] {
          {"listen.port", "99999"}, {"listen.port", "abc"}, {"tron.network", "shasta"},
          {"tron.node", "nohostport"}, {"tls.cert", "/nonexistent"}, {"db.url", "h2:mem"},
          {"tron.token.X", "trc20:nope:6"}
        }) {
      Properties p = new Properties();
      p.setProperty(kv[0], kv[1]);
      ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.fromProperties(p, Map.of()));
      assertTrue(e.getMessage().contains(kv[0].equals("tls.cert") ? "tls.key" : kv[0]), e.getMessage());
    }
  }

  @Test
  void channelSettlementPolicyIsConfigurableAndValidated() {
    Properties p = new Properties();
    p.setProperty("channels.settle.threshold-btt", "500");
    p.setProperty("channels.settle.before-expiry-s", "600");
    p.setProperty("channels.settle.fee-factor", "5");
    WalletConfig.Channels channels = ConfigLoader.fromProperties(p, Map.of()).channels();
    assertEquals(500, channels.settleThresholdBtt());
    assertEquals(java.time.Duration.ofMinutes(10), channels.settleBeforeExpiry());
    assertEquals(5, channels.settleFeeFactor());
    assertEquals(java.time.Duration.ofHours(1), channels.expiryMargin(), "the rest keep their defaults");

    ConfigException bad = assertThrows(ConfigException.class,
        () -> ConfigLoader.fromProperties(p, Map.of("BTTSPEED_CHANNELS_SETTLE_FEE_FACTOR", "0")));
    assertTrue(bad.getMessage().contains("channels.settle.fee-factor"), bad.getMessage());
  }

  private static final String HUB = "TAFjULxiVgT4qWk6UZwjqwZXTSaGaqnVp4";

  private static Properties mainnetNode() {
    Properties p = new Properties();
    p.setProperty("tron.network", "mainnet");
    p.setProperty("tron.node", "grpc.trongrid.io:50051");
    p.setProperty("dev-mode", "true");
    return p;
  }

  @Test
  void channelHubsAreOffUnlessConfiguredAndTheTrc20HubHoldsTheNetworksBttByDefault() {
    Properties p = mainnetNode();
    assertTrue(ConfigLoader.fromProperties(p, Map.of()).channels().hubs().isEmpty());
    assertTrue(ConfigLoader.fromProperties(p, Map.of()).channels().autoReclaim());
    p.setProperty("channels.hub.trc20", HUB);
    p.setProperty("channels.reclaim.auto", "false");
    WalletConfig c = ConfigLoader.fromProperties(p, Map.of());
    WalletConfig.Hubs hubs = c.channels().hubs().orElseThrow();
    assertEquals("TRC20:" + HUB, hubs.trc20Token().orElseThrow().key());
    assertTrue(hubs.trc10Hub().isEmpty());
    assertFalse(c.channels().autoReclaim());
  }

  @Test
  void channelSettingsThatCannotWorkStopTheStartNamingTheKey() {
    Map<String, String> broken =
        Map.of(
            "channels.chain-id", "0x1234",
            "channels.reclaim.auto", "sometimes",
            "channels.hub.trc10", "not-an-address",
            "channels.token.trc20", HUB);
    for (Map.Entry<String, String> e : broken.entrySet()) {
      Properties p = mainnetNode();
      if (!e.getKey().equals("channels.hub.trc10")) {
        p.setProperty("channels.hub.trc10", HUB);
      }
      p.setProperty(e.getKey(), e.getValue());
      ConfigException thrown =
          assertThrows(ConfigException.class, () -> ConfigLoader.fromProperties(p, Map.of()));
      assertTrue(thrown.getMessage().contains(e.getKey()), thrown.getMessage());
    }
    Properties devnetNode = new Properties();
    devnetNode.setProperty("tron.node", "127.0.0.1:50051");
    devnetNode.setProperty("channels.hub.trc20", HUB);
    ConfigException noToken =
        assertThrows(ConfigException.class, () -> ConfigLoader.fromProperties(devnetNode, Map.of()));
    assertTrue(noToken.getMessage().contains("channels.token.trc20"), noToken.getMessage());
  }
}
