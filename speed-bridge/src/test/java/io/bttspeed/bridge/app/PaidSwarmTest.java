package io.bttspeed.bridge.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.bridge.testing.Await;
import io.bttspeed.bridge.testing.SpeedRequests;
import io.bttspeed.bridge.testing.TestFiles;
import io.bttspeed.proto.channel.v1.ChannelRef;
import io.bttspeed.proto.channel.v1.ChannelRole;
import io.bttspeed.proto.channel.v1.ChannelServiceGrpc;
import io.bttspeed.proto.channel.v1.ListChannelsRequest;
import io.bttspeed.proto.speed.v1.AddTorrentRequest;
import io.bttspeed.proto.speed.v1.AddTorrentResponse;
import io.bttspeed.proto.speed.v1.GetEarningsRequest;
import io.bttspeed.proto.speed.v1.GetSpendingRequest;
import io.bttspeed.proto.speed.v1.GetTorrentRequest;
import io.bttspeed.proto.speed.v1.PeerMoney;
import io.bttspeed.proto.speed.v1.SetAskRequest;
import io.bttspeed.proto.speed.v1.SetLimitsRequest;
import io.bttspeed.proto.speed.v1.SpeedServiceGrpc;
import io.bttspeed.proto.speed.v1.TorrentState;
import io.bttspeed.proto.wallet.v1.Asset;
import io.grpc.stub.MetadataUtils;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product end to end, through the daemons' own gRPC API: a seeder that asks a price, a bidder
 * and a non-bidder, all real daemons on 127.0.0.1 sharing one real wallet service and devnet. The
 * bidder pays for exactly the paid bytes it verified, at the clearing price, floored once; the
 * seeder accepts exactly that; the non-bidder downloads for free; and closing the channel moves
 * exactly the accepted amount on chain.
 */
@Timeout(240)
class PaidSwarmTest {
  /** 10^12 base units of TRC-20 BTT (18 decimals) per MiB: 0.000001 BTT. */
  private static final BigInteger ASK = BigInteger.TEN.pow(12);

  private static final BigInteger BID = ASK.multiply(BigInteger.valueOf(3));
  private static final Asset THIS_CHAINS_BTT = SpeedRequests.THIS_CHAINS_BTT;

  @TempDir Path dir;
  private SharedWalletSwarm swarm;

  @AfterEach
  void stop() {
    if (swarm != null) {
      swarm.close();
    }
  }

  @Test
  void aBidderPaysExactlyForItsVerifiedPaidBytesAndTheSeederIsPaidThatOnChain() {
    swarm = new SharedWalletSwarm(dir);
    SharedWalletSwarm.Member seeder = swarm.daemon("seeder");
    SharedWalletSwarm.Member bidder = swarm.daemon("bidder");
    SharedWalletSwarm.Member plain = swarm.daemon("plain");
    SpeedServiceGrpc.SpeedServiceBlockingStub s = swarm.api(seeder);
    SpeedServiceGrpc.SpeedServiceBlockingStub b = swarm.api(bidder);
    SpeedServiceGrpc.SpeedServiceBlockingStub n = swarm.api(plain);

    s.setAsk(
        SetAskRequest.newBuilder()
            .setAsset(THIS_CHAINS_BTT)
            .setPriceBaseUnitsPerMib(ASK.toString())
            .build());
    Path content = TestFiles.random(dir.resolve("share/film.bin"), 6L * 1024 * 1024 + 1234, 61);
    AddTorrentResponse seeded =
        s.addTorrent(AddTorrentRequest.newBuilder().setSeedPath(content.toString()).build());
    String infoHash = seeded.getTorrent().getInfoHash();
    Await.until(
        Duration.ofSeconds(60),
        "the seeder to verify its data",
        () ->
            s.getTorrent(GetTorrentRequest.newBuilder().setInfoHash(infoHash).build())
                    .getTorrent()
                    .getState()
                == TorrentState.TORRENT_STATE_SEEDING);
    // Slow until the bidder holds its paid slot (opening and verifying its channel takes a while on
    // a busy machine), then capped so the download lasts several accounting ticks.
    s.setLimits(SetLimitsRequest.newBuilder().setUploadCapBytesPerSecond(64L * 1024).build());

    b.setBidPolicy(SpeedRequests.fixedBid(BID));
    String seederPeer = "127.0.0.1:" + seeder.peerPort();
    for (SpeedServiceGrpc.SpeedServiceBlockingStub leecher : List.of(b, n)) {
      leecher.addTorrent(
          AddTorrentRequest.newBuilder()
              .setTorrentFile(seeded.getTorrentFile())
              .addPeers(seederPeer)
              .build());
    }
    SharedWalletSwarm.awaitPaidSlot(seeder, infoHash, Duration.ofSeconds(90));
    s.setLimits(SetLimitsRequest.newBuilder().setUploadCapBytesPerSecond(2L * 1024 * 1024).build());
    for (SpeedServiceGrpc.SpeedServiceBlockingStub leecher : List.of(b, n)) {
      Await.until(
          Duration.ofSeconds(120),
          () ->
              "a download: "
                  + leecher
                      .getTorrent(GetTorrentRequest.newBuilder().setInfoHash(infoHash).build())
                      .getTorrent(),
          () ->
              leecher
                      .getTorrent(GetTorrentRequest.newBuilder().setInfoHash(infoHash).build())
                      .getTorrent()
                      .getState()
                  == TorrentState.TORRENT_STATE_SEEDING);
    }
    assertTrue(TestFiles.sameContent(content, dir.resolve("daemon-bidder/dl/film.bin")));
    assertTrue(TestFiles.sameContent(content, dir.resolve("daemon-plain/dl/film.bin")));

    String seederAddress = swarm.address(seeder);
    // Vouchers travel after the last piece verifies: wait until everything owed is signed and
    // accepted.
    Await.until(
        Duration.ofSeconds(60),
        () -> "the last vouchers: " + spending(b) + " / " + earnings(s),
        () -> {
          PeerMoney paid = spending(b);
          PeerMoney earned = earnings(s);
          return paid != null
              && earned != null
              && !paid.getOwedBaseUnits().equals("0")
              && paid.getVoucheredBaseUnits().equals(paid.getOwedBaseUnits())
              && earned.getVoucheredBaseUnits().equals(paid.getVoucheredBaseUnits());
        });
    PeerMoney paid = spending(b);
    assertEquals(seederAddress, paid.getAddress());
    assertTrue(paid.getPaidBytes() > 0, "some bytes came through a paid slot: " + paid);
    // One bidder, no losing bid: it pays the ask (the uniform clearing price), not its bid.
    assertEquals(
        BigInteger.valueOf(paid.getPaidBytes()).multiply(ASK).shiftRight(20).toString(),
        paid.getOwedBaseUnits(),
        "owed = floor(verified paid bytes × clearing price / 2^20): " + paid);
    assertEquals(
        0,
        n.getSpending(GetSpendingRequest.getDefaultInstance()).getPeersCount(),
        "the non-bidder pays nothing");
    PeerMoney earned = earnings(s);
    assertEquals(swarm.address(bidder), earned.getAddress());
    BigInteger accepted = new BigInteger(earned.getVoucheredBaseUnits());

    // The seeder closes the channel: exactly the accepted amount reaches its wallet on chain.
    ChannelServiceGrpc.ChannelServiceBlockingStub seederChannels =
        ChannelServiceGrpc.newBlockingStub(swarm.connection)
            .withInterceptors(
                MetadataUtils.newAttachHeadersInterceptor(
                    SharedWalletSwarm.bearer(seeder.walletToken())));
    String channelId =
        seederChannels
            .listChannels(
                ListChannelsRequest.newBuilder().setRole(ChannelRole.CHANNEL_ROLE_PAYEE).build())
            .getChannels(0)
            .getChannelId();
    assertEquals(
        accepted.toString(),
        seederChannels
            .getChannel(
                ChannelRef.newBuilder()
                    .setWalletId(seeder.walletId())
                    .setChannelId(channelId)
                    .build())
            .getChannel()
            .getCumulativeBaseUnits());
    BigInteger before = swarm.btt(seeder);
    seederChannels.closeChannel(
        ChannelRef.newBuilder().setWalletId(seeder.walletId()).setChannelId(channelId).build());
    Await.until(
        Duration.ofSeconds(60),
        "the close on chain",
        () -> swarm.btt(seeder).compareTo(before) != 0);
    assertEquals(
        before.add(accepted),
        swarm.btt(seeder),
        "the seeder received exactly the accepted vouchers");
  }

  private PeerMoney spending(SpeedServiceGrpc.SpeedServiceBlockingStub daemon) {
    var peers = daemon.getSpending(GetSpendingRequest.getDefaultInstance()).getPeersList();
    return peers.isEmpty() ? null : peers.get(0);
  }

  private PeerMoney earnings(SpeedServiceGrpc.SpeedServiceBlockingStub daemon) {
    var peers = daemon.getEarnings(GetEarningsRequest.getDefaultInstance()).getPeersList();
    return peers.isEmpty() ? null : peers.get(0);
  }
}
