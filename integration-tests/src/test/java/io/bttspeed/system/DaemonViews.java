package io.bttspeed.system;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.proto.channel.v1.Channel;
import io.bttspeed.proto.channel.v1.ChannelRef;
import io.bttspeed.proto.channel.v1.ChannelRole;
import io.bttspeed.proto.channel.v1.ChannelState;
import io.bttspeed.proto.channel.v1.ListChannelsRequest;
import io.bttspeed.proto.speed.v1.GetEarningsRequest;
import io.bttspeed.proto.speed.v1.GetSpendingRequest;
import io.bttspeed.proto.speed.v1.PeerMoney;
import io.bttspeed.proto.speed.v1.SubscribeTorrentRequest;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Optional;

/** What the fault run reads of a daemon through its APIs: its money, its channel, its view. */
final class DaemonViews {
  private DaemonViews() {}

  /** Both daemons' view of the torrent and of each other, each part only if it answers. */
  static String describe(SystemSwarm.Daemon seeder, SystemSwarm.Daemon leecher, String infoHash) {
    StringBuilder b = new StringBuilder();
    for (SystemSwarm.Daemon d : List.of(seeder, leecher)) {
      b.append("\n== ").append(d.name).append(": ");
      try {
        var update =
            d.api()
                .subscribeTorrent(
                    SubscribeTorrentRequest.newBuilder()
                        .setInfoHash(infoHash)
                        .setIntervalMs(1000)
                        .build())
                .next();
        b.append(update.toString().replace('\n', ' '));
        b.append(" earnings ").append(earnings(d)).append(" spending ").append(spending(d));
      } catch (StatusRuntimeException e) {
        b.append(e.getStatus());
      }
    }
    return b.toString();
  }

  /**
   * The one open channel between the two as {@code daemon}'s wallet sees it, if any: whatever was
   * killed, never a second deposit. (An open a crashed wallet gave up is CLOSED and never existed.)
   */
  static Optional<Channel> openChannel(SystemSwarm.Daemon daemon, ChannelRole role) {
    var open =
        daemon
            .channels()
            .listChannels(ListChannelsRequest.newBuilder().setRole(role).build())
            .getChannelsList()
            .stream()
            .filter(c -> c.getState() != ChannelState.CHANNEL_STATE_CLOSED)
            .toList();
    assertTrue(open.size() <= 1, "one channel between the two, whatever was killed: " + open);
    return open.stream()
        .findFirst()
        .map(
            c ->
                daemon
                    .channels()
                    .getChannel(
                        ChannelRef.newBuilder()
                            .setWalletId(daemon.walletId)
                            .setChannelId(c.getChannelId())
                            .build())
                    .getChannel());
  }

  static PeerMoney spending(SystemSwarm.Daemon daemon) {
    var peers = daemon.api().getSpending(GetSpendingRequest.getDefaultInstance()).getPeersList();
    return peers.isEmpty() ? null : peers.get(0);
  }

  static PeerMoney earnings(SystemSwarm.Daemon daemon) {
    var peers = daemon.api().getEarnings(GetEarningsRequest.getDefaultInstance()).getPeersList();
    return peers.isEmpty() ? null : peers.get(0);
  }
}
