package io.bttspeed.wallet.api;

import io.bttspeed.proto.channel.v1.ChannelServiceGrpc;
import io.bttspeed.proto.wallet.v1.WalletServiceGrpc;
import io.bttspeed.wallet.error.PermissionDeniedException;
import io.bttspeed.wallet.error.UnauthenticatedException;
import io.bttspeed.wallet.error.WalletException;
import io.bttspeed.wallet.store.Principal;
import io.bttspeed.wallet.store.PrincipalStore;
import io.bttspeed.wallet.store.Scope;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates {@code authorization: Bearer <token>} on every WalletService call and checks the
 * scope the method needs; the principal travels in the gRPC {@link Context}. Health and reflection
 * stay open.
 */
public final class AuthInterceptor implements ServerInterceptor {

  static final Context.Key<Principal> PRINCIPAL = Context.key("bttspeed-principal");
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final String BEARER = "bearer ";

  private static final Map<String, Scope> REQUIRED =
      Map.ofEntries(
          Map.entry(WalletServiceGrpc.getCreateWalletMethod().getFullMethodName(), Scope.SPEND),
          Map.entry(WalletServiceGrpc.getImportWalletMethod().getFullMethodName(), Scope.SPEND),
          Map.entry(WalletServiceGrpc.getListWalletsMethod().getFullMethodName(), Scope.READ),
          Map.entry(WalletServiceGrpc.getGetWalletMethod().getFullMethodName(), Scope.READ),
          Map.entry(WalletServiceGrpc.getExportWalletMethod().getFullMethodName(), Scope.ADMIN),
          Map.entry(WalletServiceGrpc.getGetBalancesMethod().getFullMethodName(), Scope.READ),
          Map.entry(WalletServiceGrpc.getEstimateFeeMethod().getFullMethodName(), Scope.READ),
          Map.entry(WalletServiceGrpc.getSendMethod().getFullMethodName(), Scope.SPEND),
          Map.entry(WalletServiceGrpc.getGetTransferMethod().getFullMethodName(), Scope.READ),
          Map.entry(WalletServiceGrpc.getListTransfersMethod().getFullMethodName(), Scope.READ),
          Map.entry(
              WalletServiceGrpc.getSubscribeTransfersMethod().getFullMethodName(), Scope.READ),
          Map.entry(WalletServiceGrpc.getListIncomingMethod().getFullMethodName(), Scope.READ),
          Map.entry(WalletServiceGrpc.getSubscribeIncomingMethod().getFullMethodName(), Scope.READ),
          Map.entry(WalletServiceGrpc.getCreateTokenMethod().getFullMethodName(), Scope.ADMIN),
          Map.entry(WalletServiceGrpc.getListTokensMethod().getFullMethodName(), Scope.ADMIN),
          Map.entry(WalletServiceGrpc.getRevokeTokenMethod().getFullMethodName(), Scope.ADMIN),
          // Channel calls that move money or sign for it need spend; reading channels needs read.
          Map.entry(ChannelServiceGrpc.getOpenChannelMethod().getFullMethodName(), Scope.SPEND),
          Map.entry(ChannelServiceGrpc.getTopUpChannelMethod().getFullMethodName(), Scope.SPEND),
          Map.entry(ChannelServiceGrpc.getExtendChannelMethod().getFullMethodName(), Scope.SPEND),
          Map.entry(ChannelServiceGrpc.getPayMethod().getFullMethodName(), Scope.SPEND),
          Map.entry(ChannelServiceGrpc.getAcceptVoucherMethod().getFullMethodName(), Scope.SPEND),
          Map.entry(
              ChannelServiceGrpc.getAcceptVoucherStreamMethod().getFullMethodName(), Scope.SPEND),
          Map.entry(ChannelServiceGrpc.getSettleChannelMethod().getFullMethodName(), Scope.SPEND),
          Map.entry(ChannelServiceGrpc.getCloseChannelMethod().getFullMethodName(), Scope.SPEND),
          Map.entry(ChannelServiceGrpc.getReclaimChannelMethod().getFullMethodName(), Scope.SPEND),
          Map.entry(ChannelServiceGrpc.getGetChannelMethod().getFullMethodName(), Scope.READ),
          Map.entry(ChannelServiceGrpc.getListChannelsMethod().getFullMethodName(), Scope.READ),
          Map.entry(
              ChannelServiceGrpc.getEstimateChannelFeeMethod().getFullMethodName(), Scope.READ),
          Map.entry(
              ChannelServiceGrpc.getListChannelTransactionsMethod().getFullMethodName(),
              Scope.READ),
          Map.entry(ChannelServiceGrpc.getInspectChannelMethod().getFullMethodName(), Scope.READ),
          Map.entry(ChannelServiceGrpc.getGetChainInfoMethod().getFullMethodName(), Scope.READ),
          Map.entry(
              ChannelServiceGrpc.getSubscribeChannelEventsMethod().getFullMethodName(),
              Scope.READ));

  /** The services behind bearer tokens; health and reflection are not among them. */
  private static final Set<String> PROTECTED_SERVICES =
      Set.of(WalletServiceGrpc.SERVICE_NAME, ChannelServiceGrpc.SERVICE_NAME);

  private static final String CREATE_A_TOKEN =
      "`wallet token create --name <you> --scopes read,spend`";

  private final PrincipalStore principals;
  private final Map<String, Scope> required;
  private final Set<String> protectedServices;
  private final String createAToken;

  /** The wallet's services with the wallet's scopes. */
  public AuthInterceptor(PrincipalStore principals) {
    this(principals, REQUIRED, PROTECTED_SERVICES, CREATE_A_TOKEN);
  }

  /**
   * Bearer tokens on other services with the same principals (the speed-bridge's SpeedService).
   *
   * @param required the scope each method needs; a method not listed needs admin
   * @param protectedServices the services behind tokens; every other service (health, reflection)
   *     stays open
   * @param createAToken the command that makes a token, for the UNAUTHENTICATED message
   */
  public AuthInterceptor(
      PrincipalStore principals,
      Map<String, Scope> required,
      Set<String> protectedServices,
      String createAToken) {
    this.principals = principals;
    this.required = Map.copyOf(required);
    this.protectedServices = Set.copyOf(protectedServices);
    this.createAToken = createAToken;
  }

  static Principal principal() {
    return PRINCIPAL.get();
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    if (!protectedServices.contains(call.getMethodDescriptor().getServiceName())) {
      return next.startCall(call, headers);
    }
    Scope required = this.required.get(method);
    Optional<Principal> principal = token(headers).flatMap(principals::authenticate);
    if (principal.isEmpty()) {
      return refuse(
          call,
          new UnauthenticatedException(
              "missing or unknown bearer token: send metadata 'authorization: Bearer <token>'; create a token"
                  + " with "
                  + createAToken));
    }
    if (required == null || !principal.get().has(required)) {
      String name = required == null ? "admin" : required.name().toLowerCase(Locale.ROOT);
      return refuse(
          call,
          new PermissionDeniedException(
              "this token lacks the '"
                  + name
                  + "' scope that "
                  + call.getMethodDescriptor().getBareMethodName()
                  + " needs; use a token created with --scopes "
                  + name));
    }
    Context context = Context.current().withValue(PRINCIPAL, principal.get());
    return Contexts.interceptCall(context, call, headers, next);
  }

  private static Optional<String> token(Metadata headers) {
    String value = headers.get(AUTHORIZATION);
    if (value == null || !value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    String token = value.substring(BEARER.length()).strip();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }

  /**
   * Closes the call through the one error mapping rather than throwing: an interceptor listed
   * outside the error interceptor (the speed-bridge's order) would otherwise let the refusal reach
   * the client as UNKNOWN.
   */
  private static <ReqT, RespT> ServerCall.Listener<ReqT> refuse(
      ServerCall<ReqT, RespT> call, WalletException e) {
    ErrorInterceptor.close(call, e);
    return new ServerCall.Listener<>() {};
  }
}
