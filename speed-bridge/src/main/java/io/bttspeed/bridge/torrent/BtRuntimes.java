package io.bttspeed.bridge.torrent;

import bt.dht.DHTConfig;
import bt.dht.DHTModule;
import bt.event.EventSource;
import bt.metainfo.TorrentId;
import bt.net.IConnectionSource;
import bt.net.IPeerConnectionPool;
import bt.net.Peer;
import bt.runtime.BtRuntime;
import bt.runtime.Config;
import bt.torrent.TorrentRegistry;
import bt.tracker.http.HttpTrackerModule;
import io.bttspeed.tron.crypto.JdkProvidersFirst;
import java.time.Duration;
import java.util.Set;

/**
 * Bt runtimes as the engine runs them: Bt's config from the engine's settings, our bindings, and
 * what Bt 1.10 would otherwise keep for the runtime's life let go.
 */
final class BtRuntimes {
  private BtRuntimes() {}

  /** A runtime built, not started. */
  static BtRuntime build(EngineSettings settings, BridgeModule bridge) {
    JdkProvidersFirst.ensure(); // Bt hashes pieces with whatever SHA-1 comes first
    var builder =
        BtRuntime.builder(config(settings))
            .module(new HttpTrackerModule())
            .module(bridge)
            .disableAutomaticShutdown();
    if (!settings.localServiceDiscovery()) {
      builder.disableLocalServiceDiscovery();
    }
    if (settings.dht()) {
      DHTConfig dht = new DHTConfig();
      dht.setListeningPort(settings.dhtPort());
      dht.setShouldUseRouterBootstrap(true);
      builder.module(new DHTModule(dht));
    }
    BtRuntime runtime = builder.build();
    IdleConnectionWorkers.release(runtime.service(IConnectionSource.class));
    PeerExtensionMappings.of(runtime.getInjector())
        .forgetOnDisconnect(runtime.service(EventSource.class), () -> connectedPeers(runtime));
    return runtime;
  }

  /** The remote peers of every connection open now, by identity. */
  static Set<Peer> connectedPeers(BtRuntime runtime) {
    TorrentRegistry torrents = runtime.service(TorrentRegistry.class);
    IPeerConnectionPool pool = runtime.service(IPeerConnectionPool.class);
    Set<Peer> peers = PeerExtensionMappings.identitySet();
    for (TorrentId id : torrents.getTorrentIds()) {
      pool.visitConnections(id, c -> peers.add(c.getRemotePeer()));
    }
    return peers;
  }

  private static Config config(EngineSettings settings) {
    Config config = new Config();
    config.setAcceptorAddress(settings.listenAddress());
    config.setAcceptorPort(settings.port());
    config.setMaxSimultaneouslyAssignedPieces(settings.assignedPieces());
    config.setMaxMessageProcessingInterval(settings.processingInterval());
    config.setPeerDiscoveryInterval(settings.peerDiscoveryInterval());
    config.setUnreachablePeerBanDuration(settings.unreachablePeerBan());
    config.setNumOfHashingThreads(settings.hashingThreads());
    // Bt's MSE stays off: its outgoing MSE handshake is refused by Transmission 3.00, and plaintext
    // is what every client accepts. Encrypted incoming peers are accepted all the same, by our
    // connection factory (MseConnectionFactory), which needs this off.
    config.setMseDisabled(true);
    config.setMaxConcurrentlyActivePeerConnectionsPerTorrent(32);
    config.setTimeoutedAssignmentPeerBanDuration(Duration.ofSeconds(5));
    return config;
  }
}
