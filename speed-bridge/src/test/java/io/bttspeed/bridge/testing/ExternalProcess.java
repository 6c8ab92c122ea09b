package io.bttspeed.bridge.testing;

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

/**
 * A process a test starts (an interop peer, a daemon, a component of the system): its output kept
 * line by line (and appended to a log file, when given one, that survives a kill for a failing run
 * to be read), awaited with deadlines, killed with SIGKILL by PID on close, as a crash would be.
 * Also used by the integration tests' fault runs (this module's test jar).
 */
public final class ExternalProcess implements AutoCloseable {
  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final String name;
  private final Thread reader;

  /** Starts {@code command} in {@code workDir}, its output kept in memory only. */
  public ExternalProcess(String name, List<String> command, Path workDir) {
    this(name, command, workDir, Map.of(), Optional.empty());
  }

  /**
   * Starts {@code command} in {@code workDir} (created if missing), with {@code env} added to this
   * process's environment, its output also appended to {@code log}.
   */
  public ExternalProcess(
      String name,
      List<String> command,
      Path workDir,
      Map<String, String> env,
      Optional<Path> log) {
    this.name = name;
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    try {
      Files.createDirectories(workDir);
      this.process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + command, e);
    }
    // An aborted test run must not leave the process running.
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    this.reader = new Thread(() -> copyOutput(log), name + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * The command that runs {@code mainClass} with {@code args} in a JVM like this one (its Java, its
   * class path), with {@code jvmOptions}.
   */
  public static List<String> java(List<String> jvmOptions, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    return command;
  }

  /** True when {@code program} can be run here (interop tests skip themselves otherwise). */
  public static boolean available(String program) {
    return Files.isExecutable(Path.of(program));
  }

  private void copyOutput(Optional<Path> log) {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer out =
            log.isEmpty()
                ? Writer.nullWriter()
                : Files.newBufferedWriter(
                    log.get(),
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

  /**
   * Waits for a line containing {@code text}; fails at once, with the last lines, if the process
   * exits without printing it.
   */
  public void awaitLine(String text, Duration timeout) {
    Await.until(
        timeout,
        () -> name + " to print " + text + "; it printed " + tail(),
        () -> {
          if (printed(text)) {
            return true;
          }
          if (!process.isAlive()) {
            // Its last lines may still be on their way through the pipe.
            try {
              reader.join(5_000);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            if (printed(text)) {
              return true;
            }
            throw new AssertionError(
                name
                    + " exited ("
                    + process.exitValue()
                    + ") before printing "
                    + text
                    + ": "
                    + tail());
          }
          return false;
        });
  }

  private boolean printed(String text) {
    return lines.stream().anyMatch(l -> l.contains(text));
  }

  public int awaitExit(Duration timeout) {
    Await.until(timeout, () -> name + " to exit; it printed " + tail(), () -> !process.isAlive());
    return process.exitValue();
  }

  /** The first printed line starting with {@code prefix}, without it. */
  public Optional<String> lineAfter(String prefix) {
    return lines.stream()
        .filter(l -> l.startsWith(prefix))
        .map(l -> l.substring(prefix.length()))
        .findFirst();
  }

  /** What follows {@code text} on the first line that contains it, stripped. */
  public Optional<String> textAfter(String text) {
    return lines.stream()
        .filter(l -> l.contains(text))
        .map(l -> l.substring(l.indexOf(text) + text.length()).strip())
        .findFirst();
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The last lines of output, for failure messages. */
  public String tail() {
    int n = lines.size();
    return String.join(" | ", lines.subList(Math.max(0, n - 12), n));
  }

  /** SIGKILL, by PID, and waits until the process is gone. */
  public void kill() {
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
