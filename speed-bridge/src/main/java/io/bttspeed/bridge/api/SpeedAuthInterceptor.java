package io.bttspeed.bridge.api;

import io.bttspeed.proto.speed.v1.SpeedServiceGrpc;
import io.bttspeed.wallet.store.Principal;
import io.bttspeed.wallet.store.PrincipalStore;
import io.bttspeed.wallet.store.Scope;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Bearer tokens with scopes on SpeedService, as on the wallet's services: the tokens are the wallet's principals
 * (one token store for the daemon and its embedded wallet). Health and reflection stay open.
 */
final class SpeedAuthInterceptor implements ServerInterceptor {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final String BEARER = "bearer ";

  private static final Map<String, Scope> REQUIRED = Map.ofEntries(
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

  private final PrincipalStore principals;

  SpeedAuthInterceptor(PrincipalStore principals) {
    this.principals = principals;
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    if (!SpeedServiceGrpc.SERVICE_NAME.equals(call.getMethodDescriptor().getServiceName())) {
      return next.startCall(call, headers);
    }
    Optional<Principal> principal = token(headers).flatMap(principals::authenticate);
    if (principal.isEmpty()) {
      return reject(call, Status.UNAUTHENTICATED.withDescription("missing or unknown bearer token: send metadata"
          + " 'authorization: Bearer <token>'; create one with `speed-bridge token --name <you> --scopes read,spend`"));
    }
    Scope required = REQUIRED.getOrDefault(call.getMethodDescriptor().getFullMethodName(), Scope.ADMIN);
    if (!principal.get().has(required)) {
      String name = required.name().toLowerCase(Locale.ROOT);
      return reject(call, Status.PERMISSION_DENIED.withDescription("this token lacks the '" + name + "' scope that "
          + call.getMethodDescriptor().getBareMethodName() + " needs"));
    }
    return next.startCall(call, headers);
  }

  private static Optional<String> token(Metadata headers) {
    String value = headers.get(AUTHORIZATION);
    if (value == null || !value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    String token = value.substring(BEARER.length()).strip();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }

  private static <ReqT, RespT> ServerCall.Listener<ReqT> reject(ServerCall<ReqT, RespT> call, Status status) {
    call.close(status, new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
