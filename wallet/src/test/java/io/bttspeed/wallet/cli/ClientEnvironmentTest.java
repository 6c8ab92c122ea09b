package io.bttspeed.wallet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.devnet.DevnetConfig;
import io.bttspeed.wallet.app.WalletApp;
import io.bttspeed.wallet.config.ConfigLoader;
import io.bttspeed.wallet.store.Scope;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client commands find the server and token in the environment, as a script sets them once. */
class ClientEnvironmentTest {

  @TempDir Path dir;

  @Test
  void bttspeedServerIsTheDefaultServerAndAnUnreachableOneIsNamed() throws Exception {
    Properties p = new Properties();
    p.setProperty("listen.port", "0");
    p.setProperty("data.dir", dir.toString());
    p.setProperty("db.url", "jdbc:h2:mem:env-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    p.setProperty("keys.scrypt-log2n", "10");
    try (WalletApp app =
        WalletApp.start(
            ConfigLoader.fromProperties(p, Map.of()),
            DevnetConfig.inMemory().withInstantBlocks())) {
      String token = app.principals().createToken("env", Set.of(Scope.READ));
      Run listed =
          cli(
              Map.of("BTTSPEED_SERVER", "127.0.0.1:" + app.port(), "BTTSPEED_TOKEN", token),
              "wallets",
              "list");
      assertEquals(0, listed.code(), listed.output());

      String nobody;
      try (ServerSocket free = new ServerSocket(0)) {
        nobody = "127.0.0.1:" + free.getLocalPort();
      }
      Run refused =
          cli(Map.of("BTTSPEED_SERVER", nobody, "BTTSPEED_TOKEN", token), "wallets", "list");
      assertEquals(2, refused.code(), refused.output());
      assertTrue(refused.output().contains("UNAVAILABLE"), refused.output());
      assertTrue(refused.output().contains(nobody), refused.output());
    }
  }

  private record Run(int code, String output) {}

  /** The wallet command in its own JVM, with the given environment added. */
  private static Run cli(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                javaBin,
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                WalletCli.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process process = pb.start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the command did not end");
    }
    return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }
}
