package io.bttspeed.bridge.manager;

import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.domain.PeerAddress;
import io.bttspeed.bridge.limits.Direction;
import io.bttspeed.bridge.limits.Rate;
import io.bttspeed.bridge.metainfo.MagnetLink;
import io.bttspeed.bridge.metainfo.Metainfo;
import io.bttspeed.bridge.metainfo.MetainfoException;
import io.bttspeed.bridge.store.TorrentRecord;
import io.bttspeed.bridge.store.TorrentStore;
import io.bttspeed.bridge.torrent.Engine;
import io.bttspeed.bridge.torrent.PeerCounters;
import io.bttspeed.bridge.torrent.TorrentCreator;
import io.bttspeed.wallet.error.AlreadyExistsException;
import io.bttspeed.wallet.error.FailedPreconditionException;
import io.bttspeed.wallet.error.InvalidArgumentException;
import io.bttspeed.wallet.error.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's torrents: what is added, paused, resumed or removed is stored first and then applied
 * to the engine, and a restart starts every stored running torrent again. Input is checked before
 * anything changes: a refusal leaves the store, the engine and the disk as they were.
 */
public final class TorrentManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TorrentManager.class);

  private final Engine engine;
  private final TorrentStore store;
  private final Path dataDirectory;
  private final Clock clock;
  private final Consumer<InfoHash> removed;
  private final Map<InfoHash, String> failures = new ConcurrentHashMap<>();
  private final TorrentViews views;
  private final TorrentInputs inputs;

  /** The failure of a torrent whose processing Bt ended on an error of its own. */
  static final String ENDED =
      "Bt stopped processing it on an error (the daemon's log says which); resume it to start it"
          + " again";

  /** Torrents removed whose files are still being deleted; guarded by this. */
  private final Set<InfoHash> deleting = new HashSet<>();

  /**
   * @param dataDirectory where the daemon keeps its state (seeded .torrent files go to {@code
   *     torrents/} in it)
   * @param defaultDownloadDirectory where downloads go when the caller names no directory
   */
  public TorrentManager(
      Engine engine,
      TorrentStore store,
      Path dataDirectory,
      Path defaultDownloadDirectory,
      Clock clock) {
    this(engine, store, dataDirectory, defaultDownloadDirectory, clock, infoHash -> {});
  }

  /**
   * @param removed told of each torrent removed, after its row is gone (the Speed node forgets its
   *     bid policy)
   */
  public TorrentManager(
      Engine engine,
      TorrentStore store,
      Path dataDirectory,
      Path defaultDownloadDirectory,
      Clock clock,
      Consumer<InfoHash> removed) {
    this.removed = removed;
    this.engine = engine;
    this.store = store;
    this.dataDirectory = dataDirectory;
    this.clock = clock;
    this.views = new TorrentViews(engine, failures);
    this.inputs = new TorrentInputs(defaultDownloadDirectory);
  }

  /** Applies the stored caps and starts every stored torrent that was not paused. */
  public void restore() {
    store
        .setting("global_up_bps")
        .ifPresent(
            v -> engine.setGlobalLimit(Direction.UP, Rate.bytesPerSecond(Long.parseLong(v))));
    store
        .setting("global_down_bps")
        .ifPresent(
            v -> engine.setGlobalLimit(Direction.DOWN, Rate.bytesPerSecond(Long.parseLong(v))));
    for (TorrentRecord record : store.all()) {
      if (!record.paused()) {
        try {
          launch(record);
        } catch (RuntimeException e) {
          failures.put(record.infoHash(), e.getMessage());
          LOG.warn("torrent {} could not be restarted: {}", record.infoHash(), e.getMessage());
        }
      }
    }
  }

  /**
   * Adds a .torrent; its files will lie under {@code directory} (or the default download
   * directory).
   */
  public synchronized TorrentView addMetainfo(
      byte[] bytes, Optional<Path> directory, List<PeerAddress> peers, boolean paused) {
    Metainfo metainfo = TorrentInputs.parse(bytes);
    Path dir = inputs.downloadDirectory(directory);
    TorrentInputs.checkFiles(dir, metainfo);
    TorrentRecord record =
        new TorrentRecord(
            metainfo.infoHash(),
            metainfo.name(),
            Optional.of(metainfo.bytes()),
            Optional.empty(),
            dir,
            peers,
            paused,
            0,
            0,
            clock.instant());
    return insertAndLaunch(record);
  }

  /**
   * Adds a magnet link; the metadata comes from peers (named ones, the link's trackers and peers,
   * the DHT).
   */
  public synchronized TorrentView addMagnet(
      String text, Optional<Path> directory, List<PeerAddress> peers, boolean paused) {
    MagnetLink magnet;
    try {
      magnet = MagnetLink.parse(text);
    } catch (MetainfoException e) {
      throw new InvalidArgumentException("not a magnet link we accept: " + e.getMessage());
    }
    Path dir = inputs.downloadDirectory(directory);
    List<PeerAddress> all = new ArrayList<>(peers);
    magnet.peers().stream().filter(p -> !all.contains(p)).forEach(all::add);
    TorrentRecord record =
        new TorrentRecord(
            magnet.infoHash(),
            magnet.name().orElse(magnet.infoHash().hex()),
            Optional.empty(),
            Optional.of(magnet.text()),
            dir,
            all,
            paused,
            0,
            0,
            clock.instant());
    return insertAndLaunch(record);
  }

  /**
   * Shares a local file or directory: makes its .torrent (written to {@code
   * torrents/<infohash>.torrent} under the data directory) and seeds it.
   */
  public synchronized Seeded seed(Path content, List<String> trackers, List<PeerAddress> peers) {
    if (!content.isAbsolute()) {
      throw new InvalidArgumentException("the path to share must be absolute: " + content);
    }
    if (!Files.exists(content, LinkOption.NOFOLLOW_LINKS)) {
      throw new InvalidArgumentException("no such file or directory: " + content);
    }
    TorrentCreator.Created created;
    try {
      created = TorrentCreator.create(content, trackers);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException(e.getMessage());
    }
    Metainfo metainfo = Metainfo.parse(created.metainfo());
    TorrentRecord record =
        new TorrentRecord(
            metainfo.infoHash(),
            metainfo.name(),
            Optional.of(metainfo.bytes()),
            Optional.empty(),
            created.downloadDirectory(),
            peers,
            false,
            0,
            0,
            clock.instant());
    TorrentView view = insertAndLaunch(record);
    Path file = dataDirectory.resolve("torrents").resolve(metainfo.infoHash().hex() + ".torrent");
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, metainfo.bytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return new Seeded(view, file, metainfo.magnet(), metainfo.bytes());
  }

  public synchronized TorrentView pause(InfoHash infoHash) {
    TorrentRecord record = require(infoHash);
    if (!record.paused()) {
      store.update(record.withPaused(true));
      engine.stop(infoHash);
    }
    return views.of(require(infoHash));
  }

  public synchronized TorrentView resume(InfoHash infoHash) {
    TorrentRecord record = require(infoHash);
    if (engine.ended(infoHash)) {
      engine.stop(infoHash);
    }
    if (record.paused() || !engine.isRunning(infoHash)) {
      TorrentRecord resumed = record.withPaused(false);
      store.update(resumed);
      failures.remove(infoHash);
      launch(resumed);
    }
    return views.of(require(infoHash));
  }

  /**
   * Forgets a torrent; with {@code deleteData} also deletes its files (and only them), once Bt has
   * let them go (up to a second), without holding up the daemon's other calls meanwhile.
   */
  public void remove(InfoHash infoHash, boolean deleteData) {
    TorrentRecord record;
    synchronized (this) {
      record = require(infoHash);
      engine.stop(infoHash);
      store.delete(infoHash);
      failures.remove(infoHash);
      removed.accept(infoHash);
      if (!deleteData || record.metainfo().isEmpty()) {
        return;
      }
      deleting.add(infoHash);
    }
    try {
      // Deleting before Bt lets go left the files open, deleted, with Bt's workers still serving
      // blocks from them.
      engine.awaitReleased(infoHash);
      DataFiles.delete(record.downloadDirectory(), Metainfo.parse(record.metainfo().get()));
    } finally {
      synchronized (this) {
        deleting.remove(infoHash);
      }
    }
  }

  /** Sets the global caps ({@code torrent} empty) or one torrent's caps; 0 removes a cap. */
  public synchronized void setLimits(Optional<InfoHash> torrent, Rate up, Rate down) {
    if (torrent.isEmpty()) {
      store.putSetting("global_up_bps", Long.toString(up.bytesPerSecond()));
      store.putSetting("global_down_bps", Long.toString(down.bytesPerSecond()));
      engine.setGlobalLimit(Direction.UP, up);
      engine.setGlobalLimit(Direction.DOWN, down);
      return;
    }
    TorrentRecord record = require(torrent.get());
    store.update(record.withCaps(up.bytesPerSecond(), down.bytesPerSecond()));
    engine.setTorrentLimit(record.infoHash(), Direction.UP, up);
    engine.setTorrentLimit(record.infoHash(), Direction.DOWN, down);
  }

  public TorrentView get(InfoHash infoHash) {
    return views.of(require(infoHash));
  }

  /** A running torrent's connected peers (none when it is not running). */
  public List<PeerCounters> peers(InfoHash infoHash) {
    return engine.peers(infoHash);
  }

  public List<TorrentView> list() {
    return store.all().stream().map(views::of).toList();
  }

  private TorrentView insertAndLaunch(TorrentRecord record) {
    if (deleting.contains(record.infoHash())) {
      throw new FailedPreconditionException(
          "torrent " + record.infoHash() + " is being removed with its files; add it again after");
    }
    if (!store.insert(record)) {
      throw new AlreadyExistsException("torrent " + record.infoHash() + " is already added");
    }
    engine.setTorrentLimit(
        record.infoHash(), Direction.UP, Rate.bytesPerSecond(record.upCapBytesPerSecond()));
    engine.setTorrentLimit(
        record.infoHash(), Direction.DOWN, Rate.bytesPerSecond(record.downCapBytesPerSecond()));
    if (!record.paused()) {
      try {
        launch(record);
      } catch (RuntimeException e) {
        // Nothing acknowledged: the caller sees the error, so the torrent is not kept either.
        engine.stop(record.infoHash());
        store.delete(record.infoHash());
        throw new FailedPreconditionException(
            "the torrent could not be started: " + e.getMessage(), e);
      }
    }
    return views.of(record);
  }

  private void launch(TorrentRecord record) {
    engine.setTorrentLimit(
        record.infoHash(), Direction.UP, Rate.bytesPerSecond(record.upCapBytesPerSecond()));
    engine.setTorrentLimit(
        record.infoHash(), Direction.DOWN, Rate.bytesPerSecond(record.downCapBytesPerSecond()));
    List<InetSocketAddress> peers = record.peers().stream().map(PeerAddress::resolve).toList();
    if (record.metainfo().isPresent()) {
      engine.start(
          record.infoHash(), record.metainfo().get(), record.downloadDirectory(), peers, h -> {});
    } else {
      engine.startMagnet(
          record.infoHash(),
          record.magnet().orElseThrow(),
          record.downloadDirectory(),
          peers,
          bytes -> metadataArrived(record.infoHash(), bytes),
          h -> {});
    }
  }

  private void metadataArrived(InfoHash infoHash, byte[] bytes) {
    try {
      Metainfo metainfo = Metainfo.parse(bytes);
      if (!metainfo.infoHash().equals(infoHash)) {
        throw new MetainfoException(
            "the metadata from peers does not hash to the magnet's infohash");
      }
      store
          .find(infoHash)
          .ifPresent(
              r -> {
                TorrentInputs.checkFiles(r.downloadDirectory(), metainfo);
                store.update(r.withMetainfo(metainfo.bytes(), metainfo.name()));
              });
    } catch (RuntimeException e) {
      failures.put(infoHash, "its metadata was refused: " + e.getMessage());
      LOG.warn("torrent {}: metadata refused: {}", infoHash, e.getMessage());
      engine.stop(infoHash);
    }
  }

  private TorrentRecord require(InfoHash infoHash) {
    return store.find(infoHash).orElseThrow(() -> new NotFoundException("no torrent " + infoHash));
  }

  @Override
  public void close() {
    engine.close();
    store.close();
  }

  /**
   * A torrent made from local content and seeding.
   *
   * @param torrent the managed torrent
   * @param torrentFile where its .torrent was written
   * @param magnet its magnet link
   * @param metainfo the .torrent bytes
   */
  public record Seeded(TorrentView torrent, Path torrentFile, String magnet, byte[] metainfo) {}
}
