package io.bttspeed.bridge.torrent;

import bt.event.EventSink;
import bt.metainfo.IMetadataService;
import bt.peer.IPeerRegistry;
import bt.processor.ProcessingStage;
import bt.processor.magnet.FetchMetadataStage;
import bt.processor.magnet.MagnetContext;
import bt.runtime.Config;
import bt.torrent.TorrentRegistry;

/**
 * Bt's wait for a magnet's metadata, ended by an interrupt as a stop and not as an error.
 *
 * <p>A magnet stopped while no peer has sent its metadata is interrupted ({@link Teardowns}). Bt's
 * wait wraps the InterruptedException in a RuntimeException, so its stage logged each such stop as
 * an "unexpected error" with a stack trace, one per pause or removal: a user pausing a hundred
 * magnets read a hundred stack traces of nothing wrong. Passing the InterruptedException on lets
 * Bt's stage take its own path for an interrupted thread, which ends the run the same way (the
 * context finalized, the torrent reported stopped) and logs at debug. Every other error still
 * reaches Bt's error log.
 */
final class StoppableMetadataFetch extends FetchMetadataStage {

  StoppableMetadataFetch(
      ProcessingStage<MagnetContext> next,
      IMetadataService metadata,
      TorrentRegistry torrents,
      IPeerRegistry peers,
      EventSink events,
      Config config) {
    super(next, metadata, torrents, peers, events, config);
  }

  @Override
  protected void doExecute(MagnetContext context) {
    try {
      super.doExecute(context);
    } catch (RuntimeException e) {
      if (e.getCause() instanceof InterruptedException interrupted) {
        throw StoppableMetadataFetch.<RuntimeException>rethrow(interrupted);
      }
      throw e;
    }
  }

  /**
   * Rethrows a checked exception where the overridden signature cannot declare it; Bt's caller
   * declares and catches InterruptedException.
   */
  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T rethrow(Throwable t) throws T {
    throw (T) t;
  }
}
