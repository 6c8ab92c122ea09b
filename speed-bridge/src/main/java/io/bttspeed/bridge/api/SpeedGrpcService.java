package io.bttspeed.bridge.api;

import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.manager.TorrentManager;
import io.bttspeed.bridge.manager.TorrentView;
import io.bttspeed.bridge.speed.SpeedNode;
import io.bttspeed.proto.speed.v1.AddTorrentRequest;
import io.bttspeed.proto.speed.v1.AddTorrentResponse;
import io.bttspeed.proto.speed.v1.GetEarningsRequest;
import io.bttspeed.proto.speed.v1.GetEarningsResponse;
import io.bttspeed.proto.speed.v1.GetSpendingRequest;
import io.bttspeed.proto.speed.v1.GetSpendingResponse;
import io.bttspeed.proto.speed.v1.GetTorrentRequest;
import io.bttspeed.proto.speed.v1.GetTorrentResponse;
import io.bttspeed.proto.speed.v1.ListTorrentsRequest;
import io.bttspeed.proto.speed.v1.ListTorrentsResponse;
import io.bttspeed.proto.speed.v1.PauseTorrentRequest;
import io.bttspeed.proto.speed.v1.PauseTorrentResponse;
import io.bttspeed.proto.speed.v1.RemoveTorrentRequest;
import io.bttspeed.proto.speed.v1.RemoveTorrentResponse;
import io.bttspeed.proto.speed.v1.ResumeTorrentRequest;
import io.bttspeed.proto.speed.v1.ResumeTorrentResponse;
import io.bttspeed.proto.speed.v1.SetAskRequest;
import io.bttspeed.proto.speed.v1.SetAskResponse;
import io.bttspeed.proto.speed.v1.SetBidPolicyRequest;
import io.bttspeed.proto.speed.v1.SetBidPolicyResponse;
import io.bttspeed.proto.speed.v1.SetLimitsRequest;
import io.bttspeed.proto.speed.v1.SetLimitsResponse;
import io.bttspeed.proto.speed.v1.SpeedServiceGrpc;
import io.bttspeed.proto.speed.v1.SubscribeTorrentRequest;
import io.bttspeed.proto.speed.v1.TorrentUpdate;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.error.InvalidArgumentException;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * SpeedService: parses each request at the edge and delegates to the {@link TorrentManager}
 * (torrents) and the {@link SpeedNode} (asks, bids, earnings, spending).
 */
final class SpeedGrpcService extends SpeedServiceGrpc.SpeedServiceImplBase {
  private final TorrentManager torrents;
  private final SpeedNode speed;
  private final Set<Asset> tradable;
  private final TorrentSubscriptions subscriptions;

  /**
   * @param tradable the assets the daemon's wallet has a channel contract for
   */
  SpeedGrpcService(
      TorrentManager torrents,
      SpeedNode speed,
      Set<Asset> tradable,
      TorrentSubscriptions subscriptions) {
    this.torrents = torrents;
    this.speed = speed;
    this.tradable = Set.copyOf(tradable);
    this.subscriptions = subscriptions;
  }

  @Override
  public void addTorrent(AddTorrentRequest request, StreamObserver<AddTorrentResponse> reply) {
    List<io.bttspeed.bridge.domain.PeerAddress> peers = SpeedProtos.peers(request.getPeersList());
    boolean paused = request.getPaused();
    AddTorrentResponse.Builder response = AddTorrentResponse.newBuilder();
    switch (request.getSourceCase()) {
      case TORRENT_FILE ->
          response.setTorrent(
              SpeedProtos.torrent(
                  torrents.addMetainfo(
                      request.getTorrentFile().toByteArray(),
                      SpeedProtos.optionalPath(request.getDownloadDir(), "download_dir"),
                      peers,
                      paused)));
      case MAGNET ->
          response.setTorrent(
              SpeedProtos.torrent(
                  torrents.addMagnet(
                      request.getMagnet(),
                      SpeedProtos.optionalPath(request.getDownloadDir(), "download_dir"),
                      peers,
                      paused)));
      case SEED_PATH -> {
        if (request.getTrackersCount() > 100) {
          throw new InvalidArgumentException("at most 100 trackers");
        }
        TorrentManager.Seeded seeded =
            torrents.seed(
                SpeedProtos.path(request.getSeedPath(), "seed_path"),
                request.getTrackersList(),
                peers);
        response
            .setTorrent(SpeedProtos.torrent(seeded.torrent()))
            .setTorrentFile(com.google.protobuf.ByteString.copyFrom(seeded.metainfo()))
            .setTorrentFilePath(seeded.torrentFile().toString());
      }
      default ->
          throw new InvalidArgumentException(
              "one of torrent_file, magnet or seed_path is required");
    }
    reply.onNext(response.build());
    reply.onCompleted();
  }

  @Override
  public void removeTorrent(
      RemoveTorrentRequest request, StreamObserver<RemoveTorrentResponse> reply) {
    torrents.remove(SpeedProtos.infoHash(request.getInfoHash()), request.getDeleteData());
    reply.onNext(RemoveTorrentResponse.getDefaultInstance());
    reply.onCompleted();
  }

  @Override
  public void pauseTorrent(
      PauseTorrentRequest request, StreamObserver<PauseTorrentResponse> reply) {
    TorrentView view = torrents.pause(SpeedProtos.infoHash(request.getInfoHash()));
    reply.onNext(PauseTorrentResponse.newBuilder().setTorrent(SpeedProtos.torrent(view)).build());
    reply.onCompleted();
  }

  @Override
  public void resumeTorrent(
      ResumeTorrentRequest request, StreamObserver<ResumeTorrentResponse> reply) {
    TorrentView view = torrents.resume(SpeedProtos.infoHash(request.getInfoHash()));
    reply.onNext(ResumeTorrentResponse.newBuilder().setTorrent(SpeedProtos.torrent(view)).build());
    reply.onCompleted();
  }

  @Override
  public void setLimits(SetLimitsRequest request, StreamObserver<SetLimitsResponse> reply) {
    Optional<InfoHash> torrent = SpeedProtos.optionalInfoHash(request.getInfoHash());
    torrents.setLimits(
        torrent,
        SpeedProtos.rate(request.getUploadCapBytesPerSecond(), "upload_cap_bytes_per_second"),
        SpeedProtos.rate(request.getDownloadCapBytesPerSecond(), "download_cap_bytes_per_second"));
    reply.onNext(SetLimitsResponse.getDefaultInstance());
    reply.onCompleted();
  }

  @Override
  public void getTorrent(GetTorrentRequest request, StreamObserver<GetTorrentResponse> reply) {
    TorrentView view = torrents.get(SpeedProtos.infoHash(request.getInfoHash()));
    reply.onNext(GetTorrentResponse.newBuilder().setTorrent(SpeedProtos.torrent(view)).build());
    reply.onCompleted();
  }

  @Override
  public void listTorrents(
      ListTorrentsRequest request, StreamObserver<ListTorrentsResponse> reply) {
    ListTorrentsResponse.Builder response = ListTorrentsResponse.newBuilder();
    torrents.list().forEach(v -> response.addTorrents(SpeedProtos.torrent(v)));
    reply.onNext(response.build());
    reply.onCompleted();
  }

  @Override
  public void subscribeTorrent(
      SubscribeTorrentRequest request, StreamObserver<TorrentUpdate> reply) {
    InfoHash infoHash = SpeedProtos.infoHash(request.getInfoHash());
    int interval = request.getIntervalMs() == 0 ? 1000 : request.getIntervalMs();
    if (interval < 100 || interval > 60_000) {
      throw new InvalidArgumentException("interval_ms must be between 100 and 60000");
    }
    torrents.get(infoHash); // NOT_FOUND before the stream starts
    subscriptions.subscribe(infoHash, interval, reply);
  }

  @Override
  public void setBidPolicy(
      SetBidPolicyRequest request, StreamObserver<SetBidPolicyResponse> reply) {
    Optional<InfoHash> torrent = SpeedProtos.optionalInfoHash(request.getInfoHash());
    io.bttspeed.bridge.speed.BidPolicy policy =
        MoneyProtos.bidPolicy(request.getPolicy(), tradable);
    if (torrent.isPresent()) {
      torrents.get(torrent.get()); // NOT_FOUND before anything changes
      speed.setBidPolicy(torrent.get(), policy);
    } else {
      speed.setDefaultBidPolicy(policy);
    }
    reply.onNext(SetBidPolicyResponse.getDefaultInstance());
    reply.onCompleted();
  }

  @Override
  public void setAsk(SetAskRequest request, StreamObserver<SetAskResponse> reply) {
    Asset asset = MoneyProtos.asset(request.getAsset(), tradable);
    int slots = request.getPaidSlots();
    if (slots > speed.maxPaidSlots()) {
      throw new InvalidArgumentException(
          "paid_slots must be between 0 (unchanged) and " + speed.maxPaidSlots());
    }
    io.bttspeed.tron.money.Amount price =
        request.getPriceBaseUnitsPerMib().isEmpty()
            ? null
            : MoneyProtos.positive(
                asset, "price_base_units_per_mib", request.getPriceBaseUnitsPerMib());
    if (slots > 0) {
      speed.setPaidSlots(slots);
    }
    if (price == null) {
      speed.clearAsk(asset);
    } else {
      speed.setAsk(price);
    }
    reply.onNext(SetAskResponse.getDefaultInstance());
    reply.onCompleted();
  }

  @Override
  public void getEarnings(GetEarningsRequest request, StreamObserver<GetEarningsResponse> reply) {
    Optional<InfoHash> torrent = SpeedProtos.optionalInfoHash(request.getInfoHash());
    Map<io.bttspeed.bridge.accounting.LedgerKey, io.bttspeed.bridge.accounting.Ledger> ledgers =
        torrent.map(speed::earnings).orElseGet(speed::earnings);
    GetEarningsResponse.Builder response = GetEarningsResponse.newBuilder();
    ledgers.forEach((key, ledger) -> response.addPeers(MoneyProtos.peerMoney(key, ledger)));
    response.addAllTotals(MoneyProtos.totals(ledgers));
    reply.onNext(response.build());
    reply.onCompleted();
  }

  @Override
  public void getSpending(GetSpendingRequest request, StreamObserver<GetSpendingResponse> reply) {
    Optional<InfoHash> torrent = SpeedProtos.optionalInfoHash(request.getInfoHash());
    Map<io.bttspeed.bridge.accounting.LedgerKey, io.bttspeed.bridge.accounting.Ledger> ledgers =
        torrent.map(speed::spending).orElseGet(speed::spending);
    GetSpendingResponse.Builder response = GetSpendingResponse.newBuilder();
    ledgers.forEach((key, ledger) -> response.addPeers(MoneyProtos.peerMoney(key, ledger)));
    response.addAllTotals(MoneyProtos.totals(ledgers));
    reply.onNext(response.build());
    reply.onCompleted();
  }
}
