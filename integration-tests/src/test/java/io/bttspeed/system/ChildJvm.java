package io.bttspeed.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;

/**
 * One component of the system (devnet, wallet service, Speed daemon) in its own JVM, on this test's
 * class path, so a test can kill it the way a crash does (SIGKILL, no shutdown hook runs) and start
 * it again. Its output is kept line by line and appended to a log file beside its data, which
 * survives the kill for a failing run to be read.
 */
final class ChildJvm implements AutoCloseable {
  private final String name;
  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Thread reader;

  private ChildJvm(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.reader = new Thread(() -> copyOutput(log), name + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code mainClass} with {@code args} in a JVM of at most 256 MiB heap, working in {@code
   * workDir}, with {@code env} added to this process's environment.
   */
  static ChildJvm start(
      String name,
      Class<?> mainClass,
      List<String> args,
      Map<String, String> env,
      Path workDir,
      Path log) {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    // Small and quick to start: the system runs five of these on two cores.
    command.add("-Xmx256m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    try {
      Files.createDirectories(workDir);
      Process process = builder.start();
      // An aborted test run must not leave a component running.
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
      return new ChildJvm(name, process, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  private void copyOutput(Path log) {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer out =
            Files.newBufferedWriter(
                log,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
      out.write("---- " + name + " pid " + process.pid() + "\n");
      String line;
      while ((line = in.readLine()) != null) {
        lines.add(line);
        out.write(line);
        out.write('\n');
        out.flush();
      }
    } catch (IOException e) {
      lines.add("(output ended: " + e + ")");
    }
  }

  /** Waits for a line containing {@code text}; fails early, with the output, if the JVM exits. */
  void awaitLine(String text, Duration timeout) {
    Awaitility.await(name + " to print '" + text + "'")
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              if (lines.stream().anyMatch(l -> l.contains(text))) {
                return true;
              }
              if (!process.isAlive()) {
                // Its last lines may still be on their way through the pipe.
                reader.join(5_000);
                if (lines.stream().anyMatch(l -> l.contains(text))) {
                  return true;
                }
                throw new IllegalStateException(
                    name + " exited (" + process.exitValue() + ") before printing it: " + tail());
              }
              return false;
            });
  }

  /** What follows {@code prefix} on the first line that contains it. */
  Optional<String> after(String prefix) {
    return lines.stream()
        .filter(l -> l.contains(prefix))
        .map(l -> l.substring(l.indexOf(prefix) + prefix.length()).strip())
        .findFirst();
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The last lines of output, for failure messages. */
  String tail() {
    int n = lines.size();
    return String.join(" | ", lines.subList(Math.max(0, n - 12), n));
  }

  /** SIGKILL, by PID, and waits until the process is gone. */
  void kill() {
    ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    kill();
  }
}
