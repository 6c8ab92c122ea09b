package io.bttspeed.wallet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.tron.money.Asset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    assertTrue(
        c.tron().tokens().stream().anyMatch(t -> t.asset().equals(new Asset.Trc10(1_002_000))));
    assertFalse(c.secrets().toString().contains(ConfigLoader.DEV_MODE_PASSPHRASE));
  }

  @Test
  void mainnetNeedsANodeAndAPassphraseAndKnowsTrc20Btt() {
    Properties p = new Properties();
    p.setProperty("tron.network", "mainnet");
    ConfigException noNode =
        assertThrows(ConfigException.class, () -> ConfigLoader.fromProperties(p, Map.of()));
    assertTrue(noNode.getMessage().contains("tron.node"));
    p.setProperty("tron.node", "grpc.trongrid.io:50051");
    ConfigException noSecret =
        assertThrows(ConfigException.class, () -> ConfigLoader.fromProperties(p, Map.of()));
    assertTrue(noSecret.getMessage().contains("BTTSPEED_MASTER_PASSPHRASE"), noSecret.getMessage());
    WalletConfig c =
        ConfigLoader.fromProperties(
            p, Map.of("BTTSPEED_MASTER_PASSPHRASE", "a long enough secret"));
    assertEquals(0x2b6653dcL, c.tron().network().chainId());
    assertTrue(
        c.tron().tokens().stream()
            .anyMatch(
                t ->
                    t.symbol().equals("BTT")
                        && t.decimals() == 18
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
      ConfigException e =
          assertThrows(ConfigException.class, () -> ConfigLoader.fromProperties(p, Map.of()));
      assertTrue(
          e.getMessage().contains(kv[0].equals("tls.cert") ? "tls.key" : kv[0]), e.getMessage());
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
    assertEquals(
        java.time.Duration.ofHours(1), channels.expiryMargin(), "the rest keep their defaults");

    ConfigException bad =
        assertThrows(
            ConfigException.class,
            () ->
                ConfigLoader.fromProperties(p, Map.of("BTTSPEED_CHANNELS_SETTLE_FEE_FACTOR", "0")));
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
        assertThrows(
            ConfigException.class, () -> ConfigLoader.fromProperties(devnetNode, Map.of()));
    assertTrue(noToken.getMessage().contains("channels.token.trc20"), noToken.getMessage());
  }

  private static ConfigException refused(Properties p, Map<String, String> env) {
    return assertThrows(ConfigException.class, () -> ConfigLoader.fromProperties(p, env));
  }

  private static Properties props(String... keyValues) {
    Properties p = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  @Test
  void aMisspeltKeyStopsTheStartNamingItAndTheKeyMeant() {
    ConfigException e = refused(props("listen.prot", "1234"), Map.of());
    assertTrue(e.getMessage().contains("'listen.prot'"), e.getMessage());
    assertTrue(e.getMessage().contains("did you mean 'listen.port'"), e.getMessage());

    ConfigException noNeighbour = refused(props("frobnicate.everything", "1"), Map.of());
    assertTrue(
        noNeighbour.getMessage().contains("'frobnicate.everything' is not a wallet setting"),
        noNeighbour.getMessage());
    assertFalse(noNeighbour.getMessage().contains("did you mean"), noNeighbour.getMessage());
  }

  @Test
  void aVariableInTheWalletsPrefixThatOverridesNoKeyStopsTheStart() {
    ConfigException e = refused(new Properties(), Map.of("BTTSPEED_LISTEN_PROT", "1234"));
    assertTrue(e.getMessage().contains("BTTSPEED_LISTEN_PROT"), e.getMessage());
    assertTrue(e.getMessage().contains("did you mean BTTSPEED_LISTEN_PORT"), e.getMessage());
    assertTrue(
        refused(new Properties(), Map.of("BTTSPEED_TRON_TOKEN_", "x"))
            .getMessage()
            .contains("BTTSPEED_TRON_TOKEN_"));
  }

  @Test
  void variablesThatAreNotTheWalletsOrAreTheProjectsOwnAreLeftAlone() {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", "/usr/bin");
    env.put("LISTEN_PROT", "1");
    env.put("BTTSPEED_TOKEN", "btts_client_token");
    env.put("BTTSPEED_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1/x");
    env.put("BTTSPEED_MASTER_PASSPHRASE", "the default variable");
    env.put("MY_SECRET", "a passphrase in a variable of my choice");
    env.put("BTTSPEED_TRON_TOKEN_USDT", "trc20:TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HC:6");
    env.put("BTTSPEED_LISTEN_PORT", "4321");
    WalletConfig c = ConfigLoader.fromProperties(props("master-passphrase.env", "MY_SECRET"), env);
    assertEquals(4321, c.server().port());
    assertEquals("a passphrase in a variable of my choice", c.secrets().masterPassphrase());

    env.put("BTTSPEED_WALLET_SECRET", "a passphrase in a variable of my choice");
    assertTrue(refused(new Properties(), env).getMessage().contains("BTTSPEED_WALLET_SECRET"));
    WalletConfig named =
        ConfigLoader.fromProperties(props("master-passphrase.env", "BTTSPEED_WALLET_SECRET"), env);
    assertEquals("a passphrase in a variable of my choice", named.secrets().masterPassphrase());
  }

  @Test
  void booleansAreTrueOrFalseAndNothingElse() {
    for (String key : List.of("dev-mode", "channels.reclaim.auto", "dev-mode.allow-non-loopback")) {
      for (String value : List.of("yes", "1", "on", "TRUE", "False", "tru")) {
        ConfigException e = refused(props(key, value), Map.of());
        assertTrue(
            e.getMessage().contains("'" + key + "'") && e.getMessage().contains("true or false"),
            e.getMessage());
      }
      ConfigException fromEnv = refused(new Properties(), Map.of(ConfigKeys.envName(key), "yes"));
      assertTrue(fromEnv.getMessage().contains("'" + key + "'"), fromEnv.getMessage());
    }
    assertFalse(
        ConfigLoader.fromProperties(
                props("dev-mode", "false"),
                Map.of("BTTSPEED_MASTER_PASSPHRASE", "a long enough secret"))
            .secrets()
            .devMode());
    assertTrue(
        ConfigLoader.fromProperties(props("dev-mode", " true "), Map.of()).secrets().devMode());
  }

  @Test
  void numbersAreInPlainDecimalAndWithinTheirKeysBounds() {
    String[][] refusedValues = {
      {"listen.port", "+5"},
      {"listen.port", "0050061"},
      {"listen.port", "5 0"},
      {"listen.port", "\u0665"},
      {"listen.port", "4294967297"},
      {"listen.port", "-1"},
      {"listen.port", "65536"},
      {"keys.scrypt-log2n", "+14"},
      {"keys.scrypt-log2n", "9"},
      {"tron.call-deadline-ms", "0"},
      {"tron.call-deadline-ms", "99999999999999999999999"},
      {"confirm.poll-interval-ms", "-5"},
      {"fee-limit.margin-percent", "1001"},
      {"channels.expiry-margin-s", "9223372036854775807"},
      {"channels.settle.fee-factor", "0x10"},
      {"channels.fee-limit-sun", "1e9"},
      {"channels.settle.threshold-btt", "10_000"},
      {"tron.node", "localhost:+50051"},
      {"tron.node", "localhost:050051"},
      {"tron.token.USDT", "trc20:TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HC:+6"},
      {"tron.token.USDT", "trc20:TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HC:78"},
    };
    for (String[] kv : refusedValues) {
      Properties p = new Properties();
      try {
        p.load(new java.io.StringReader(kv[0] + "=" + kv[1]));
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      }
      ConfigException e = refused(p, Map.of());
      assertTrue(
          e.getMessage().contains("'" + kv[0] + "'"), kv[0] + "=" + kv[1] + ": " + e.getMessage());
    }
    ConfigException fromEnv = refused(new Properties(), Map.of("BTTSPEED_LISTEN_PORT", "+4321"));
    assertTrue(fromEnv.getMessage().contains("'listen.port'"), fromEnv.getMessage());
    assertEquals(
        0, ConfigLoader.fromProperties(props("listen.port", "0"), Map.of()).server().port());
    assertEquals(
        65_535,
        ConfigLoader.fromProperties(props("listen.port", "65535"), Map.of()).server().port());
  }

  @Test
  void chainIdsAreDecimalOrShortHex() {
    for (String bad :
        List.of(
            "+43", "0x", "0x123456789", "0x+12", "0", "0x0", "-1", "4294967296", "0X2b6653dc")) {
      Properties p = mainnetNode();
      p.setProperty("channels.hub.trc10", HUB);
      p.setProperty("channels.chain-id", bad);
      ConfigException e = refused(p, Map.of());
      assertTrue(e.getMessage().contains("'channels.chain-id'"), bad + ": " + e.getMessage());
    }
    for (String good : List.of("0x2b6653dc", "728126428")) {
      Properties p = mainnetNode();
      p.setProperty("channels.hub.trc10", HUB);
      p.setProperty("channels.chain-id", good);
      assertEquals(
          Optional.of(0x2b6653dcL),
          ConfigLoader.fromProperties(p, Map.of()).channels().hubs().orElseThrow().chainId());
    }
  }

  @Test
  void devModeOnANonLoopbackAddressIsRefusedUnlessExplicitlyAllowed() {
    for (String address : List.of("0.0.0.0", "::", "192.0.2.1")) {
      ConfigException e = refused(props("listen.address", address), Map.of());
      assertTrue(e.getMessage().contains("'dev-mode'"), e.getMessage());
      assertTrue(e.getMessage().contains("dev-mode.allow-non-loopback=true"), e.getMessage());
    }
    WalletConfig forced =
        ConfigLoader.fromProperties(
            props("listen.address", "0.0.0.0", "dev-mode.allow-non-loopback", "true"), Map.of());
    assertTrue(forced.secrets().devMode());
    assertTrue(forced.server().plaintextOffLoopback());

    WalletConfig notDev =
        ConfigLoader.fromProperties(
            props("listen.address", "0.0.0.0", "dev-mode", "false"),
            Map.of("BTTSPEED_MASTER_PASSPHRASE", "a long enough secret"));
    assertTrue(notDev.server().plaintextOffLoopback());
    for (String loopback : List.of("127.0.0.1", "::1", "localhost")) {
      WalletConfig local = ConfigLoader.fromProperties(props("listen.address", loopback), Map.of());
      assertTrue(local.secrets().devMode());
      assertFalse(local.server().plaintextOffLoopback(), loopback);
    }
  }

  @Test
  void theReadmeDocumentsEveryKeyAndOnlyKeysTheWalletKnows() throws Exception {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    String section = readme.substring(readme.indexOf("## Configuration"));
    section = section.substring(0, section.indexOf("\n## ", 1));
    Matcher rows = Pattern.compile("(?m)^\\| (`[^|]+`) \\|").matcher(section);
    java.util.Set<String> documented = new java.util.HashSet<>();
    while (rows.find()) {
      Matcher keys = Pattern.compile("`([^`]+)`").matcher(rows.group(1));
      while (keys.find()) {
        documented.add(keys.group(1));
      }
    }
    for (String key : documented) {
      assertTrue(ConfigKeys.isKnown(key), "documented but unknown: " + key);
    }
    for (String key : ConfigKeys.all()) {
      assertTrue(documented.contains(key), "known but undocumented in wallet/README.md: " + key);
    }
    assertTrue(documented.contains("tron.token.<SYMBOL>"));
  }
}
