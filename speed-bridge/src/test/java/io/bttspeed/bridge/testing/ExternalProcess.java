package io.bttspeed.bridge.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A process for an interop test: its output kept line by line, awaited with deadlines, killed on
 * close.
 */
public final class ExternalProcess implements AutoCloseable {
  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final String name;

  public ExternalProcess(String name, List<String> command, Path workDir) {
    this.name = name;
    try {
      this.process =
          new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException e) {
                lines.add("(output ended: " + e + ")");
              }
            },
            name + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** True when {@code program} can be run here (interop tests skip themselves otherwise). */
  public static boolean available(String program) {
    return Files.isExecutable(Path.of(program));
  }

  public void awaitLine(String text, Duration timeout) {
    Await.until(
        timeout,
        () -> name + " to print " + text + "; it printed " + tail(),
        () ->
            lines.stream().anyMatch(l -> l.contains(text))
                || !process.isAlive() && lines.stream().anyMatch(l -> l.contains(text)));
  }

  public int awaitExit(Duration timeout) {
    Await.until(timeout, () -> name + " to exit; it printed " + tail(), () -> !process.isAlive());
    return process.exitValue();
  }

  /** The first printed line starting with {@code prefix}, without it. */
  public java.util.Optional<String> lineAfter(String prefix) {
    return lines.stream()
        .filter(l -> l.startsWith(prefix))
        .map(l -> l.substring(prefix.length()))
        .findFirst();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String tail() {
    int n = lines.size();
    return String.join(" | ", lines.subList(Math.max(0, n - 8), n));
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
