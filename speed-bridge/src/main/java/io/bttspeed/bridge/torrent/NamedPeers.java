package io.bttspeed.bridge.torrent;

import bt.metainfo.TorrentId;
import bt.net.InetPeer;
import bt.net.Peer;
import bt.peer.PeerSource;
import bt.peer.PeerSourceFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The peers named for each torrent ({@code host:port}), offered to Bt at every peer-discovery poll.
 * Bt's own static source hands out one collection that its registry empties while reading it, so
 * after the first poll a named peer that was not up yet is never dialled again; this source hands
 * out a fresh copy every time.
 */
final class NamedPeers implements PeerSourceFactory {
  private final Map<TorrentId, Set<InetSocketAddress>> peers = new ConcurrentHashMap<>();
  private final AtomicLong polls = new AtomicLong();

  void add(TorrentId torrent, Collection<InetSocketAddress> addresses) {
    if (!addresses.isEmpty()) {
      peers.computeIfAbsent(torrent, t -> ConcurrentHashMap.newKeySet()).addAll(addresses);
    }
  }

  void forget(TorrentId torrent) {
    peers.remove(torrent);
  }

  /**
   * How many times Bt has asked for a torrent's named peers; tests wait on it instead of on the
   * clock.
   */
  long polls() {
    return polls.get();
  }

  @Override
  public PeerSource getPeerSource(TorrentId torrent) {
    polls.incrementAndGet();
    Set<InetSocketAddress> named = peers.getOrDefault(torrent, Set.of());
    return new PeerSource() {
      @Override
      public boolean update() {
        return !named.isEmpty();
      }

      @Override
      public Collection<Peer> getPeers() {
        List<Peer> copy = new ArrayList<>(named.size());
        for (InetSocketAddress address : named) {
          if (!address.isUnresolved()) {
            copy.add(InetPeer.build(address.getAddress(), address.getPort()));
          }
        }
        return copy;
      }
    };
  }
}
