package io.bttspeed.bridge.torrent;

import bt.data.ChunkVerifier;
import bt.event.EventSource;
import bt.metainfo.TorrentId;
import bt.module.BitTorrentProtocol;
import bt.module.ClientExecutor;
import bt.module.PeerConnectionSelector;
import bt.module.ProtocolModule;
import bt.module.ServiceModule;
import bt.net.DataReceiver;
import bt.net.IConnectionHandlerFactory;
import bt.net.IMessageDispatcher;
import bt.net.IPeerConnectionFactory;
import bt.net.PeerConnectionFactory;
import bt.net.SharedSelector;
import bt.net.buffer.IBufferManager;
import bt.net.pipeline.IBufferedPieceRegistry;
import bt.net.pipeline.IChannelPipelineFactory;
import bt.processor.ProcessorFactory;
import bt.protocol.Message;
import bt.protocol.handler.MessageHandler;
import bt.runtime.Config;
import bt.service.IRuntimeLifecycleBinder;
import bt.torrent.TorrentRegistry;
import bt.torrent.data.BlockCache;
import bt.torrent.data.DataWorker;
import bt.torrent.data.DefaultDataWorker;
import com.google.inject.Binder;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import io.bttspeed.bridge.accounting.PeerTrafficListener;
import io.bttspeed.bridge.choke.ChokerSettings;
import io.bttspeed.bridge.limits.RateLimits;
import io.bttspeed.bridge.mse.MseResponder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * Our bindings over Bt's: they replace the defective 1.10 services (the message dispatcher, the
 * selector, the accepting of incoming connections, which cannot read an encrypted peer) and add the
 * named-peer source, a client executor that reports each run's processing task ({@link
 * ProcessingExecutor}) and a magnet chain that takes a stop for a stop ({@link MagnetProcessors}).
 * Bt's runtime builder applies custom modules with {@code Modules.override}, so a binding here wins
 * over Bt's.
 */
final class BridgeModule implements Module {
  /**
   * How long an incoming peer has for the whole encryption handshake; Bt gives each of its reads 10
   * s, and a peer on the other side of the world needs three round trips.
   */
  private static final Duration MSE_HANDSHAKE_DEADLINE = Duration.ofSeconds(10);

  private final RateLimits<TorrentId> limits;
  private final NamedPeers namedPeers;
  private final ChokerSettings choker;
  private final PeerTrafficListener traffic;
  private final SpeedListener speed;
  private final ProcessingExecutor processing;

  BridgeModule(
      RateLimits<TorrentId> limits,
      NamedPeers namedPeers,
      ChokerSettings choker,
      PeerTrafficListener traffic,
      SpeedListener speed,
      ProcessingExecutor processing) {
    this.limits = limits;
    this.namedPeers = namedPeers;
    this.choker = choker;
    this.traffic = traffic;
    this.speed = speed;
    this.processing = processing;
  }

  @Override
  public void configure(Binder binder) {
    binder.bind(new TypeLiteral<RateLimits<TorrentId>>() {}).toInstance(limits);
    binder.bind(ExecutorService.class).annotatedWith(ClientExecutor.class).toInstance(processing);
    binder.bind(ProcessorFactory.class).to(MagnetProcessors.class).in(Singleton.class);
    binder.bind(IMessageDispatcher.class).to(LimitingMessageDispatcher.class).asEagerSingleton();
    // Bt's one registry of received blocks for the runtime mixes torrents up: see ReceivedBlocks.
    binder.bind(ReceivedBlocks.class).in(Singleton.class);
    binder.bind(IBufferedPieceRegistry.class).to(ReceivedBlocks.class);
    binder.bind(IChannelPipelineFactory.class).to(ConnectionPipelines.class).in(Singleton.class);
    binder.bind(ChokerSettings.class).toInstance(choker);
    binder.bind(PeerTrafficListener.class).toInstance(traffic);
    binder.bind(ChokingAgent.class).asEagerSingleton();
    ServiceModule.extend(binder)
        .addPeerSourceFactory(namedPeers)
        .addMessagingAgentType(ChokingAgent.class);
    binder.bind(CancelAgent.class).asEagerSingleton();
    ServiceModule.extend(binder).addMessagingAgentType(CancelAgent.class);
    binder.bind(SpeedListener.class).toInstance(speed);
    binder.bind(PeerLinks.class).asEagerSingleton();
    binder.bind(SpeedAgent.class).asEagerSingleton();
    ServiceModule.extend(binder).addMessagingAgentType(SpeedAgent.class);
    if (speed != SpeedListener.NONE) {
      // Registering the handler is what advertises bt_speed in the extended handshake's m
      // dictionary; an engine without a speed listener is an ordinary peer and does not.
      ProtocolModule.extend(binder)
          .addExtendedMessageHandler(SpeedWireHandler.NAME, new SpeedWireHandler());
    }
  }

  /** Bt's data worker, wrapped to report who supplied each piece and whether it verified. */
  @Provides
  @Singleton
  DataWorker dataWorker(
      IRuntimeLifecycleBinder lifecycle,
      TorrentRegistry torrents,
      ChunkVerifier verifier,
      BlockCache cache,
      Config config) {
    return new AccountingDataWorker(
        new DefaultDataWorker(lifecycle, torrents, verifier, cache, config), traffic);
  }

  /**
   * Plaintext out (Bt's factory, which needs MSE off in the config) and plaintext or MSE in (ours).
   */
  @Provides
  @Singleton
  IPeerConnectionFactory connections(
      @PeerConnectionSelector SharedSelector selector,
      IConnectionHandlerFactory handshakes,
      @BitTorrentProtocol MessageHandler<Message> protocol,
      TorrentRegistry torrents,
      ConnectionPipelines pipelines,
      ReceivedBlocks blocks,
      IBufferManager buffers,
      DataReceiver receiver,
      EventSource events,
      Config config) {
    if (!config.isMseDisabled()) {
      throw new IllegalStateException(
          "Bt's MSE must be off: with it on, Bt would open outgoing connections encrypted");
    }
    PeerConnectionFactory outgoing =
        new PeerConnectionFactory(
            selector, handshakes, pipelines, protocol, torrents, buffers, receiver, events, config);
    return new MseConnectionFactory(
        outgoing,
        new MseResponder(MSE_HANDSHAKE_DEADLINE, new SecureRandom()),
        torrents,
        pipelines,
        protocol,
        buffers,
        receiver,
        handshakes,
        blocks);
  }

  @Provides
  @Singleton
  @PeerConnectionSelector
  SharedSelector selector(IRuntimeLifecycleBinder lifecycle) {
    LockFreeSelector selector;
    try {
      selector = new LockFreeSelector(Selector.open());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector", e);
    }
    lifecycle.onShutdown(
        "Close the selector",
        () -> {
          try {
            selector.close();
          } catch (IOException e) {
            throw new UncheckedIOException("closing the selector failed", e);
          }
        });
    return selector;
  }
}
