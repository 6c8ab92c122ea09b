package io.bttspeed.wallet.channel;

import io.bttspeed.proto.channel.v1.ChannelServiceGrpc;
import io.bttspeed.wallet.accounts.Balances;
import io.bttspeed.wallet.accounts.Wallets;
import io.bttspeed.wallet.api.PerCallDeadline;
import io.bttspeed.wallet.api.WalletServer;
import io.bttspeed.wallet.chain.TronGateway;
import io.bttspeed.wallet.incoming.Incoming;
import io.bttspeed.wallet.incoming.IncomingStore;
import io.bttspeed.wallet.store.Database;
import io.bttspeed.wallet.store.PrincipalStore;
import io.bttspeed.wallet.store.Scope;
import io.bttspeed.wallet.store.TransferStore;
import io.bttspeed.wallet.tokens.Tokens;
import io.bttspeed.wallet.transfer.FeeEstimator;
import io.bttspeed.wallet.transfer.Transfers;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The wallet's own {@link WalletServer} (its auth, error mapping and request bounds) on a loopback
 * port over the given channel subsystem, plus client stubs holding real bearer tokens with the
 * scope they ask for.
 */
final class ChannelServer implements AutoCloseable {

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final WalletServer server;
  private final ManagedChannel channel;
  private final PrincipalStore principals;

  ChannelServer(ChannelNet net) {
    this(net.db, net.principals, net.wallets, net.tron, net.channels, net.clock);
  }

  ChannelServer(
      Database db,
      PrincipalStore principals,
      Wallets wallets,
      TronGateway tron,
      Channels channels,
      Clock clock) {
    this.principals = principals;
    TransferStore transfers = new TransferStore(db);
    WalletServer.Services services =
        new WalletServer.Services(
            principals,
            wallets,
            new Balances(tron, List.of()),
            new Transfers(
                transfers, wallets, tron, new FeeEstimator(tron, 10, clock), Set.of(), clock),
            transfers,
            new Incoming(new IncomingStore(db), wallets),
            new Tokens(principals),
            Optional.of(channels));
    try {
      server =
          WalletServer.start(
              NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)), services);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  int port() {
    return server.port();
  }

  /** A client of {@code principal} with a spend token: every channel call needs at most spend. */
  ChannelServiceGrpc.ChannelServiceBlockingStub client(String principal) {
    return client(principal, Scope.SPEND);
  }

  ChannelServiceGrpc.ChannelServiceBlockingStub client(String principal, Scope scope) {
    return withToken(principals.createToken(principal, Set.of(scope)));
  }

  /** A client presenting {@code token} as it is, known to the wallet or not. */
  ChannelServiceGrpc.ChannelServiceBlockingStub withToken(String token) {
    return ChannelServiceGrpc.newBlockingStub(channel)
        .withInterceptors(bearer(token), new PerCallDeadline(Duration.ofSeconds(60)));
  }

  /** A client without a deadline, for a benchmark: a deadline costs a timer task per call. */
  ChannelServiceGrpc.ChannelServiceBlockingStub clientWithoutDeadline(String principal) {
    return ChannelServiceGrpc.newBlockingStub(channel)
        .withInterceptors(bearer(principals.createToken(principal, Set.of(Scope.SPEND))));
  }

  /** An asynchronous client without a deadline, for streaming calls. */
  ChannelServiceGrpc.ChannelServiceStub asyncClient(String principal) {
    return ChannelServiceGrpc.newStub(channel)
        .withInterceptors(bearer(principals.createToken(principal, Set.of(Scope.SPEND))));
  }

  private static io.grpc.ClientInterceptor bearer(String token) {
    Metadata md = new Metadata();
    md.put(AUTHORIZATION, "Bearer " + token);
    return MetadataUtils.newAttachHeadersInterceptor(md);
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.close();
  }
}
