package io.bttspeed.bridge.api;

import io.bttspeed.proto.speed.v1.SpeedServiceGrpc;
import io.bttspeed.wallet.api.AuthInterceptor;
import io.bttspeed.wallet.store.PrincipalStore;
import io.bttspeed.wallet.store.Scope;
import java.util.Map;
import java.util.Set;

/**
 * Bearer tokens with scopes on SpeedService: the wallet's own interceptor (one token check and one
 * message style for the project) with SpeedService's scopes; the tokens are the wallet's principals
 * (one token store for the daemon and its embedded wallet). Health and reflection stay open.
 */
final class SpeedAuthInterceptor {
  private static final Map<String, Scope> REQUIRED =
      Map.ofEntries(
          Map.entry(SpeedServiceGrpc.getAddTorrentMethod().getFullMethodName(), Scope.SPEND),
          Map.entry(SpeedServiceGrpc.getRemoveTorrentMethod().getFullMethodName(), Scope.SPEND),
          Map.entry(SpeedServiceGrpc.getPauseTorrentMethod().getFullMethodName(), Scope.SPEND),
          Map.entry(SpeedServiceGrpc.getResumeTorrentMethod().getFullMethodName(), Scope.SPEND),
          Map.entry(SpeedServiceGrpc.getSetLimitsMethod().getFullMethodName(), Scope.SPEND),
          // Bids spend the wallet's BTT and asks decide what peers pay: both need spend.
          Map.entry(SpeedServiceGrpc.getSetBidPolicyMethod().getFullMethodName(), Scope.SPEND),
          Map.entry(SpeedServiceGrpc.getSetAskMethod().getFullMethodName(), Scope.SPEND),
          Map.entry(SpeedServiceGrpc.getGetEarningsMethod().getFullMethodName(), Scope.READ),
          Map.entry(SpeedServiceGrpc.getGetSpendingMethod().getFullMethodName(), Scope.READ),
          Map.entry(SpeedServiceGrpc.getGetTorrentMethod().getFullMethodName(), Scope.READ),
          Map.entry(SpeedServiceGrpc.getListTorrentsMethod().getFullMethodName(), Scope.READ),
          Map.entry(SpeedServiceGrpc.getSubscribeTorrentMethod().getFullMethodName(), Scope.READ));

  private SpeedAuthInterceptor() {}

  static AuthInterceptor create(PrincipalStore principals) {
    return new AuthInterceptor(
        principals,
        REQUIRED,
        Set.of(SpeedServiceGrpc.SERVICE_NAME),
        "`speed-bridge token --name <you> --scopes read,spend`");
  }
}
