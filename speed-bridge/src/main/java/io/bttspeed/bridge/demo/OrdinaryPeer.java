package io.bttspeed.bridge.demo;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The demo's ordinary BitTorrent peer: a python3-libtorrent leecher that never speaks bt_speed and
 * never pays, run as a child process of the script {@value #SCRIPT} written into its directory
 * under the demo's data. It is handed the seeder's address (the demo runs no tracker) and reports
 * its own progress twice a second. It exits by itself once complete, at its deadline, or when the
 * demo's JVM is gone (its standard input closes); {@link #close()} and a shutdown hook (Ctrl-C)
 * kill it otherwise.
 */
final class OrdinaryPeer implements Leecher, AutoCloseable {
  static final String SCRIPT = "ordinary_peer.py";

  /** How long the peer may take to end once asked, before it is killed outright. */
  private static final Duration GRACE = Duration.ofSeconds(2);

  private final Process process;
  private final OutputStream stdin;
  private final int port;
  private final OrdinaryPeerOutput output = new OrdinaryPeerOutput();
  private final Thread shutdownHook = new Thread(this::close, "speed-demo-ordinary-peer-stop");
  private final AtomicBoolean closed = new AtomicBoolean();

  private OrdinaryPeer(Process process, int port) {
    this.process = process;
    this.stdin = process.getOutputStream();
    this.port = port;
    Thread reader =
        new Thread(
            () -> output.read(new BufferedInputStream(process.getInputStream())),
            "speed-demo-ordinary-peer-output");
    reader.setDaemon(true);
    reader.start();
    try {
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // Ctrl-C came while it started: no hook would kill it, so it goes now.
      process.destroyForcibly();
      throw shuttingDown;
    }
  }

  /**
   * Starts the peer on a free loopback port, downloading into {@code dir}/dl.
   *
   * @param dir its own directory, created; the script and the .torrent are written there
   * @param torrentFile the demo's v1 .torrent
   * @param seederPort where the seeder accepts BitTorrent peers on 127.0.0.1
   * @param deadline after which the peer gives up by itself
   */
  static OrdinaryPeer start(Path dir, byte[] torrentFile, int seederPort, Duration deadline) {
    Path script = writeScript(dir);
    Path torrent = dir.resolve("speed-demo.torrent");
    try {
      Files.write(torrent, torrentFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + torrent, e);
    }
    int port = DemoSwarm.freePort();
    List<String> command =
        List.of(
            Libtorrent.PYTHON.toString(),
            // No __pycache__ next to the script: nothing but the download lands in the directory.
            "-B",
            script.toString(),
            torrent.toString(),
            dir.resolve("dl").toString(),
            Integer.toString(port),
            "127.0.0.1:" + seederPort,
            Long.toString(Math.max(1, deadline.toSeconds())));
    try {
      Process process =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      return new OrdinaryPeer(process, port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /** Writes the peer's script (a resource of this jar) into {@code dir}, created; its path. */
  static Path writeScript(Path dir) {
    Path script = dir.resolve(SCRIPT);
    try (InputStream in = OrdinaryPeer.class.getResourceAsStream("/demo/" + SCRIPT)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks /demo/" + SCRIPT);
      }
      Files.createDirectories(dir);
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
      return script;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + script, e);
    }
  }

  long pid() {
    return process.pid();
  }

  /** Where it listens for BitTorrent peers on 127.0.0.1. */
  int port() {
    return port;
  }

  /** Its last progress line. */
  Optional<OrdinaryPeerOutput.Report> lastReport() {
    return output.latest();
  }

  @Override
  public Progress progress() {
    Optional<OrdinaryPeerOutput.Report> report = output.latest();
    long verified = report.map(OrdinaryPeerOutput.Report::verifiedBytes).orElse(0L);
    boolean complete = report.map(OrdinaryPeerOutput.Report::complete).orElse(false);
    // Only once its output has ended has every line it printed been read, a final one included.
    Optional<String> stopped =
        complete || !output.ended() ? Optional.empty() : Optional.of(whyStopped());
    return new Progress(verified, complete, stopped);
  }

  @Override
  public BigInteger vouchered() {
    return BigInteger.ZERO;
  }

  @Override
  public Optional<String> speedAddress() {
    return Optional.empty();
  }

  /**
   * Ends the process if it still runs: asked first (libtorrent closes its sockets), then killed.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // Called by the hook itself, or the JVM is already stopping: nothing to remove.
    }
    try {
      stdin.close();
    } catch (IOException ignored) {
      // The process is going either way.
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroy();
    try {
      if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private String whyStopped() {
    String exit = process.isAlive() ? "closed its output" : "exited with " + process.exitValue();
    List<String> tail = output.tail();
    return tail.isEmpty() ? exit : exit + ": " + String.join(" | ", tail);
  }
}
