package io.bttspeed.wallet.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code wallet serve} in its own JVM, so a test can kill it like a crash (SIGKILL) and start it
 * again.
 */
final class ServerProcess implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("wallet listening on ([0-9.]+):(\\d+)");

  private final Process process;
  private final int port;

  private ServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static ServerProcess start(Path configFile, Path log) throws IOException {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            List.of(
                javaBin,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                WalletCli.class.getName(),
                "serve",
                "--config",
                configFile.toString()));
    pb.redirectErrorStream(true);
    pb.environment().put("BTTSPEED_MASTER_PASSPHRASE", "crash-test-master-passphrase");
    Process process = pb.start();
    // A failed or aborted test must not leave a server running.
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  Files.writeString(
                      log,
                      line + "\n",
                      StandardCharsets.UTF_8,
                      StandardOpenOption.CREATE,
                      StandardOpenOption.APPEND);
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    port.complete(Integer.parseInt(m.group(2)));
                  }
                }
              } catch (IOException e) {
                port.completeExceptionally(e);
              }
              port.completeExceptionally(
                  new IllegalStateException("server exited before listening; see " + log));
            },
            "server-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return new ServerProcess(
          process, port.get(Duration.ofSeconds(60).toMillis(), TimeUnit.MILLISECONDS));
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException("wallet server did not start; see " + log, e);
    }
  }

  int port() {
    return port;
  }

  /** Kills the JVM without shutdown hooks, as a power cut or OOM kill would. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** Stops it gracefully (SIGTERM runs the shutdown hook), or kills it after 10 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
