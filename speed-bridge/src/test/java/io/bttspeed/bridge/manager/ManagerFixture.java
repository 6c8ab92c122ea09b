package io.bttspeed.bridge.manager;

import io.bttspeed.bridge.store.TorrentStore;
import io.bttspeed.bridge.testing.TestFiles;
import io.bttspeed.bridge.torrent.Engine;
import io.bttspeed.bridge.torrent.EngineSettings;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A manager with a real engine on a free loopback port and a real H2 store under {@code
 * dataDirectory}.
 */
final class ManagerFixture {
  private ManagerFixture() {}

  static TorrentManager open(Path dataDirectory) {
    return open(dataDirectory, TestFiles.freePort());
  }

  static TorrentManager open(Path dataDirectory, int port) {
    Engine engine = Engine.start(EngineSettings.defaults(port));
    TorrentManager manager =
        new TorrentManager(
            engine,
            TorrentStore.open(dataDirectory),
            dataDirectory,
            dataDirectory.resolve("downloads"),
            Clock.systemUTC());
    manager.restore();
    return manager;
  }
}
