package io.bttspeed.bridge.torrent;

import bt.event.EventSink;
import bt.event.EventSource;
import bt.metainfo.IMetadataService;
import bt.module.ClientExecutor;
import bt.module.MessagingAgents;
import bt.net.IConnectionSource;
import bt.net.IMessageDispatcher;
import bt.net.IPeerConnectionPool;
import bt.net.pipeline.IBufferedPieceRegistry;
import bt.peer.IPeerRegistry;
import bt.processor.ChainProcessor;
import bt.processor.ProcessingContext;
import bt.processor.Processor;
import bt.processor.ProcessorFactory;
import bt.processor.TorrentProcessorFactory;
import bt.processor.magnet.InitializeMagnetTorrentProcessingStage;
import bt.processor.magnet.MagnetContext;
import bt.processor.magnet.ProcessMagnetTorrentStage;
import bt.processor.torrent.ChooseFilesStage;
import bt.processor.torrent.CreateSessionStage;
import bt.processor.torrent.SeedStage;
import bt.processor.torrent.TorrentContextFinalizer;
import bt.runtime.Config;
import bt.torrent.TorrentRegistry;
import bt.torrent.data.DataWorker;
import bt.tracker.ITrackerService;
import com.google.inject.Inject;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * Bt's processors, with one stage of a magnet's chain replaced: {@link StoppableMetadataFetch} in
 * place of Bt's metadata fetch. The chain is Bt 1.10's own, stage for stage; torrents from a
 * .torrent file get Bt's processor unchanged.
 */
final class MagnetProcessors implements ProcessorFactory {
  private final ProcessorFactory bt;
  private final Processor<MagnetContext> magnets;

  @Inject
  MagnetProcessors(
      TorrentRegistry torrents,
      DataWorker dataWorker,
      IBufferedPieceRegistry bufferedPieces,
      ITrackerService trackers,
      @ClientExecutor ExecutorService executor,
      IPeerRegistry peers,
      IConnectionSource connectionSource,
      IPeerConnectionPool connections,
      IMessageDispatcher dispatcher,
      @MessagingAgents Set<Object> agents,
      IMetadataService metadata,
      EventSource eventSource,
      EventSink events,
      Config config) {
    this.bt =
        new TorrentProcessorFactory(
            torrents,
            dataWorker,
            bufferedPieces,
            trackers,
            executor,
            peers,
            connectionSource,
            connections,
            dispatcher,
            agents,
            metadata,
            eventSource,
            events,
            config);
    SeedStage<MagnetContext> seed = new SeedStage<>(null, torrents);
    ProcessMagnetTorrentStage process =
        new ProcessMagnetTorrentStage(seed, torrents, peers, trackers, events);
    ChooseFilesStage<MagnetContext> chooseFiles = new ChooseFilesStage<>(process, torrents, config);
    InitializeMagnetTorrentProcessingStage initialize =
        new InitializeMagnetTorrentProcessingStage(
            chooseFiles, connections, torrents, dataWorker, bufferedPieces, events, config);
    StoppableMetadataFetch fetch =
        new StoppableMetadataFetch(initialize, metadata, torrents, peers, events, config);
    CreateSessionStage<MagnetContext> session =
        new CreateSessionStage<>(
            fetch, torrents, eventSource, connectionSource, dispatcher, agents, config);
    this.magnets =
        new ChainProcessor<>(session, executor, new TorrentContextFinalizer<>(torrents, events));
  }

  @Override
  @SuppressWarnings("unchecked")
  public <C extends ProcessingContext> Processor<C> processor(Class<C> contextType) {
    return contextType == MagnetContext.class ? (Processor<C>) magnets : bt.processor(contextType);
  }
}
