package io.bttspeed.bridge.torrent;

import bt.metainfo.TorrentId;
import bt.module.PeerConnectionSelector;
import bt.module.ServiceModule;
import bt.net.IMessageDispatcher;
import bt.net.SharedSelector;
import bt.service.IRuntimeLifecycleBinder;
import com.google.inject.Binder;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import io.bttspeed.bridge.limits.RateLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Selector;

/**
 * Our bindings over Bt's: they replace the defective 1.10 services (the message dispatcher, the selector) and add
 * the named-peer source. Bt's runtime builder applies custom modules with {@code Modules.override}, so a binding
 * here wins over Bt's.
 */
final class BridgeModule implements Module {
  private final RateLimits<TorrentId> limits;
  private final NamedPeers namedPeers;

  BridgeModule(RateLimits<TorrentId> limits, NamedPeers namedPeers) {
    this.limits = limits;
    this.namedPeers = namedPeers;
  }

  @Override
  public void configure(Binder binder) {
    binder.bind(new TypeLiteral<RateLimits<TorrentId>>() {}).toInstance(limits);
    binder.bind(IMessageDispatcher.class).to(LimitingMessageDispatcher.class).asEagerSingleton();
    ServiceModule.extend(binder).addPeerSourceFactory(namedPeers);
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
    lifecycle.onShutdown("Close the selector", () -> {
      try {
        selector.close();
      } catch (IOException e) {
        throw new UncheckedIOException("closing the selector failed", e);
      }
    });
    return selector;
  }
}
