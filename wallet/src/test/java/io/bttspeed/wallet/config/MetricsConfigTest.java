package io.bttspeed.wallet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.wallet.metrics.MetricsSettings;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * {@code metrics.port} and {@code metrics.address}: off unless set, loopback by default, strictly
 * parsed.
 */
class MetricsConfigTest {

  @Test
  void metricsAreOffByDefault() {
    assertEquals(
        Optional.empty(), ConfigLoader.fromProperties(new Properties(), Map.of()).metrics());
  }

  @Test
  void aMetricsPortTurnsTheEndpointOnOnLoopback() {
    Properties p = new Properties();
    p.setProperty("metrics.port", "9464");
    assertEquals(
        Optional.of(new MetricsSettings(InetAddress.getLoopbackAddress(), 9464)),
        ConfigLoader.fromProperties(p, Map.of()).metrics());
  }

  @Test
  void theEnvironmentSetsTheMetricsPortAndAddressLikeAnyKey() throws Exception {
    WalletConfig config =
        ConfigLoader.fromProperties(
            new Properties(),
            Map.of("BTTSPEED_METRICS_PORT", "0", "BTTSPEED_METRICS_ADDRESS", "127.0.0.2"));
    assertEquals(
        Optional.of(new MetricsSettings(InetAddress.getByName("127.0.0.2"), 0)), config.metrics());
  }

  @Test
  void malformedMetricsSettingsStopTheStartNamingTheKey() {
    for (String[][] kvs :
        new String[][][] {
          {{"metrics.port", "abc"}},
          {{"metrics.port", "65536"}},
          {{"metrics.port", "-1"}},
          {{"metrics.port", "09464"}},
          {{"metrics.port", "1e3"}},
          {{"metrics.address", "127.0.0.1"}},
          {{"metrics.port", "1"}, {"metrics.address", "no such host.invalid"}},
          {{"metrics.port", "50061"}},
        }) {
      Properties p = new Properties();
      for (String[] kv : kvs) {
        p.setProperty(kv[0], kv[1]);
      }
      ConfigException e =
          assertThrows(ConfigException.class, () -> ConfigLoader.fromProperties(p, Map.of()));
      assertTrue(e.getMessage().contains(kvs[kvs.length - 1][0]), e.getMessage());
    }
  }

  @Test
  void aMisspeltMetricsKeyIsRefusedWithTheKeyMeant() {
    Properties p = new Properties();
    p.setProperty("metrics.prot", "9464");
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.fromProperties(p, Map.of()));
    assertTrue(e.getMessage().contains("did you mean 'metrics.port'"), e.getMessage());
  }
}
