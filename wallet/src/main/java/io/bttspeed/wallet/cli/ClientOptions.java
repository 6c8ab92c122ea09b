package io.bttspeed.wallet.cli;

import io.bttspeed.proto.channel.v1.ChannelServiceGrpc;
import io.bttspeed.proto.wallet.v1.WalletServiceGrpc;
import io.grpc.ChannelCredentials;
import io.grpc.ClientInterceptor;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Option;

/**
 * Where the server is, which token to present, and how to print answers; shared by every client
 * command.
 */
final class ClientOptions {

  @Option(
      names = "--server",
      defaultValue = "${env:BTTSPEED_SERVER:-127.0.0.1:50061}",
      description = "host:port (default: $BTTSPEED_SERVER, else 127.0.0.1:50061)")
  String server;

  @Option(
      names = "--token",
      defaultValue = "${env:BTTSPEED_TOKEN}",
      description = "bearer token (default: $BTTSPEED_TOKEN)")
  String token;

  @Option(names = "--ca-cert", description = "PEM CA certificate: use TLS and trust this CA")
  Path caCert;

  @Option(names = "--tls", description = "use TLS with the system's trusted CAs")
  boolean tls;

  @Option(
      names = "--json",
      description = "print each response as one line of JSON (proto field names)")
  boolean json;

  /** A channel and stubs carrying the token; close the channel when done. */
  record Client(
      ManagedChannel channel,
      WalletServiceGrpc.WalletServiceBlockingStub stub,
      ChannelServiceGrpc.ChannelServiceBlockingStub channels)
      implements AutoCloseable {
    @Override
    public void close() {
      channel.shutdownNow();
      try {
        channel.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  Client connect() {
    ChannelCredentials credentials = InsecureChannelCredentials.create();
    try {
      if (caCert != null) {
        credentials = TlsChannelCredentials.newBuilder().trustManager(caCert.toFile()).build();
      } else if (tls) {
        credentials = TlsChannelCredentials.create();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + caCert, e);
    }
    ManagedChannel channel = NettyChannelBuilder.forTarget(server, credentials).build();
    Metadata md = new Metadata();
    if (token != null && !token.isBlank()) {
      md.put(
          Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
          "Bearer " + token.strip());
    }
    ClientInterceptor token = MetadataUtils.newAttachHeadersInterceptor(md);
    return new Client(
        channel,
        WalletServiceGrpc.newBlockingStub(channel).withInterceptors(token),
        ChannelServiceGrpc.newBlockingStub(channel).withInterceptors(token));
  }
}
