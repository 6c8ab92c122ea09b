package io.bttspeed.bridge.torrent;

import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.metainfo.Metainfo;
import io.bttspeed.bridge.testing.Await;
import io.bttspeed.bridge.testing.TestFiles;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs consecutive seeder-to-leecher transfers between two engines, each over new connections (so
 * each registers channels with the selector); exits 0 when all completed. {@link SingleCpuTest}
 * runs it pinned to one CPU.
 */
public final class SingleCpuTransfers {
  private SingleCpuTransfers() {}

  public static void main(String[] args) throws Exception {
    try {
      run(Integer.parseInt(args[0]));
    } catch (Throwable e) {
      // The parent shows the last lines of output: the state at the timeout, not a stack trace.
      System.out.println("FAILED " + e.getMessage());
      System.exit(1);
    }
    System.out.println("ALL OK");
    System.exit(0);
  }

  /** Where each engine's message dispatcher thread is now: the one thread every transfer needs. */
  private static String dispatcherStacks() {
    StringBuilder out = new StringBuilder();
    Thread.getAllStackTraces()
        .forEach(
            (thread, stack) -> {
              if (thread.getName().endsWith("message-dispatcher")
                  || thread.getName().endsWith("data-receiver")) {
                out.append("\n").append(thread.getName()).append(' ').append(thread.getState());
                for (int i = 0; i < Math.min(stack.length, 25); i++) {
                  out.append("\n  at ").append(stack[i]);
                }
              }
            });
    return out.toString();
  }

  private static void run(int transfers) throws Exception {
    Path dir = Files.createTempDirectory("single-cpu");
    int seederPort = TestFiles.freePort();
    try (Engine seeder = Engine.start(EngineSettings.defaults(seederPort));
        Engine leecher = Engine.start(EngineSettings.defaults(TestFiles.freePort()))) {
      for (int i = 0; i < transfers; i++) {
        Path content = TestFiles.random(dir.resolve("seed" + i + "/data.bin"), 512 * 1024 + i, i);
        TorrentCreator.Created created = TorrentCreator.create(content, List.of());
        InfoHash infoHash = Metainfo.parse(created.metainfo()).infoHash();
        seeder.start(infoHash, created.metainfo(), created.downloadDirectory(), List.of(), h -> {});
        leecher.start(
            infoHash,
            created.metainfo(),
            dir.resolve("leech" + i),
            List.of(new InetSocketAddress("127.0.0.1", seederPort)),
            h -> {});
        // A livelock never finishes, so a generous deadline does not weaken the test; the first
        // transfer also pays for JIT warm-up on the one CPU, which another build on the machine may
        // be sharing.
        int n = i;
        Await.until(
            Duration.ofSeconds(60),
            () ->
                "transfer "
                    + n
                    + ": leecher "
                    + leecher.progress(infoHash)
                    + " peers "
                    + leecher.peers(infoHash)
                    + "; seeder "
                    + seeder.progress(infoHash)
                    + " peers "
                    + seeder.peers(infoHash)
                    + "; dispatcher connections "
                    + leecher.dispatcherConnections()
                    + "/"
                    + seeder.dispatcherConnections()
                    + dispatcherStacks()
                    + "\nLEECHER "
                    + leecher.diagnostics()
                    + "\nSEEDER "
                    + seeder.diagnostics(),
            () -> leecher.progress(infoHash).map(TorrentProgress::complete).orElse(false));
        if (!TestFiles.sameContent(content, dir.resolve("leech" + i + "/data.bin"))) {
          throw new AssertionError("transfer " + i + " delivered different bytes");
        }
        leecher.stop(infoHash);
        seeder.stop(infoHash);
        System.out.println("TRANSFER " + i + " OK");
      }
    }
  }
}
