package io.bttspeed.bridge.cli;

import io.bttspeed.proto.speed.v1.SpeedServiceGrpc;
import io.grpc.ChannelCredentials;
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
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** How a client command reaches the daemon. */
final class ClientOptions {
  @Option(
      names = "--server",
      defaultValue = "127.0.0.1:50071",
      description = "daemon host:port (default ${DEFAULT-VALUE})")
  String server;

  @Option(
      names = "--token",
      defaultValue = "${env:BTTSPEED_TOKEN}",
      description = "bearer token (default: $BTTSPEED_TOKEN)")
  String token;

  @Option(names = "--ca-cert", description = "PEM CA certificate: use TLS and trust this CA")
  Path caCert;

  /** A channel and a stub carrying the token; close when done. */
  record Client(ManagedChannel channel, SpeedServiceGrpc.SpeedServiceBlockingStub stub)
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
    if (caCert != null) {
      try {
        credentials = TlsChannelCredentials.newBuilder().trustManager(caCert.toFile()).build();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + caCert, e);
      }
    }
    ManagedChannel channel = NettyChannelBuilder.forTarget(server, credentials).build();
    Metadata md = new Metadata();
    if (token != null && !token.isBlank()) {
      md.put(
          Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
          "Bearer " + token.strip());
    }
    return new Client(
        channel,
        SpeedServiceGrpc.newBlockingStub(channel)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md)));
  }

  /** The --server a failed command used, for its error message. */
  static String serverOf(CommandLine cmd) {
    CommandLine.Model.OptionSpec option = cmd.getCommandSpec().findOption("--server");
    return option == null ? "?" : String.valueOf((Object) option.getValue());
  }
}
