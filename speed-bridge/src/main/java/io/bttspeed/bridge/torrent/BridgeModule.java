package io.bttspeed.bridge.torrent;

import bt.data.ChunkVerifier;
import bt.metainfo.TorrentId;
import bt.module.PeerConnectionSelector;
import bt.module.ProtocolModule;
import bt.module.ServiceModule;
import bt.net.IMessageDispatcher;
import bt.net.SharedSelector;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Selector;

/**
 * Our bindings over Bt's: they replace the defective 1.10 services (the message dispatcher, the
 * selector) and add the named-peer source. Bt's runtime builder applies custom modules with {@code
 * Modules.override}, so a binding here wins over Bt's.
 */
final class BridgeModule implements Module {
  private final RateLimits<TorrentId> limits;
  private final NamedPeers namedPeers;
  private final ChokerSettings choker;
  private final PeerTrafficListener traffic;
  private final SpeedListener speed;

  BridgeModule(
      RateLimits<TorrentId> limits,
      NamedPeers namedPeers,
      ChokerSettings choker,
      PeerTrafficListener traffic,
      SpeedListener speed) {
    this.limits = limits;
    this.namedPeers = namedPeers;
    this.choker = choker;
    this.traffic = traffic;
    this.speed = speed;
  }

  @Override
  public void configure(Binder binder) {
    binder.bind(new TypeLiteral<RateLimits<TorrentId>>() {}).toInstance(limits);
    binder.bind(IMessageDispatcher.class).to(LimitingMessageDispatcher.class).asEagerSingleton();
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
