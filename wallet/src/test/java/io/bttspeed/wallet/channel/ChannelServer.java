package io.bttspeed.wallet.channel;

import io.bttspeed.proto.channel.v1.ChannelServiceGrpc;
import io.bttspeed.wallet.api.ChannelGrpcService;
import io.bttspeed.wallet.api.ErrorInterceptor;
import io.bttspeed.wallet.store.Principal;
import io.bttspeed.wallet.store.PrincipalStore;
import io.bttspeed.wallet.store.Scope;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The ChannelService over real gRPC on loopback, behind the wallet's error interceptor and a
 * bearer-token check against the wallet's principal store, plus authenticated client stubs.
 */
final class ChannelServer implements AutoCloseable {

  private static final Context.Key<Principal> CALLER = Context.key("channel-test-caller");
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final Server server;
  private final ManagedChannel channel;
  private final PrincipalStore principals;

  ChannelServer(Channels channels, PrincipalStore principals) {
    this.principals = principals;
    ServerInterceptor auth =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            String value = headers.get(AUTHORIZATION);
            Optional<Principal> p =
                value == null
                    ? Optional.empty()
                    : principals.authenticate(value.substring("Bearer ".length()));
            if (p.isEmpty()) {
              call.close(Status.UNAUTHENTICATED, new Metadata());
              return new ServerCall.Listener<>() {};
            }
            return Contexts.interceptCall(
                Context.current().withValue(CALLER, p.get()), call, headers, next);
          }
        };
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(
                ServerInterceptors.intercept(
                    new ChannelGrpcService(channels, CALLER::get), new ErrorInterceptor(), auth))
            .build();
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
  }

  int port() {
    return server.getPort();
  }

  ChannelServiceGrpc.ChannelServiceBlockingStub client(String principal) {
    Metadata md = new Metadata();
    md.put(AUTHORIZATION, "Bearer " + principals.createToken(principal, Set.of(Scope.ADMIN)));
    return ChannelServiceGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md), EACH_CALL_60_S);
  }

  /**
   * A deadline per call: a stub's own withDeadlineAfter is one instant for every call made with it,
   * which a test class running longer than that (a loaded machine) runs into.
   */
  private static final ClientInterceptor EACH_CALL_60_S =
      new ClientInterceptor() {
        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(
            MethodDescriptor<Q, R> method, CallOptions options, io.grpc.Channel next) {
          return next.newCall(method, options.withDeadlineAfter(60, TimeUnit.SECONDS));
        }
      };

  /** A client without a deadline, for a benchmark: a deadline costs a timer task per call. */
  ChannelServiceGrpc.ChannelServiceBlockingStub clientWithoutDeadline(String principal) {
    Metadata md = new Metadata();
    md.put(AUTHORIZATION, "Bearer " + principals.createToken(principal, Set.of(Scope.ADMIN)));
    return ChannelServiceGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md));
  }

  /** An asynchronous client without a deadline, for streaming calls. */
  ChannelServiceGrpc.ChannelServiceStub asyncClient(String principal) {
    Metadata md = new Metadata();
    md.put(AUTHORIZATION, "Bearer " + principals.createToken(principal, Set.of(Scope.ADMIN)));
    return ChannelServiceGrpc.newStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md));
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
