package io.bttspeed.wallet.channel;

import io.bttspeed.proto.channel.v1.ChannelServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link ChannelNodeMain} in its own JVM, so a test can kill it (SIGKILL) mid-call and start it
 * again.
 */
final class ChannelNodeProcess implements AutoCloseable {

  private final Process process;
  private final ManagedChannel channel;
  final String token;
  final String walletId;

  private ChannelNodeProcess(Process process, int port, String token, String walletId) {
    this.process = process;
    this.token = token;
    this.walletId = walletId;
    this.channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }

  static ChannelNodeProcess start(
      ChannelNet net, String jdbcUrl, String privateKeyHex, String principal, Path log)
      throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            List.of(
                javaBin,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                ChannelNodeMain.class.getName(),
                jdbcUrl,
                net.devnet.target(),
                Long.toString(net.devnet.chainId()),
                net.devnet.speedChannelsAddress(),
                net.devnet.bttTokenAddress(),
                net.devnet.speedChannelsTrc10Address(),
                privateKeyHex,
                principal));
    pb.redirectErrorStream(true);
    Process process = pb.start();
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    CompletableFuture<String[]> ready = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  Files.writeString(
                      log,
                      line + "\n",
                      StandardCharsets.UTF_8,
                      StandardOpenOption.CREATE,
                      StandardOpenOption.APPEND);
                  if (line.startsWith("READY ")) {
                    ready.complete(line.split(" "));
                  }
                }
              } catch (IOException e) {
                ready.completeExceptionally(e);
              }
              ready.completeExceptionally(
                  new IllegalStateException("node exited before READY; see " + log));
            },
            "channel-node-output");
    reader.setDaemon(true);
    reader.start();
    try {
      String[] r = ready.get(60, TimeUnit.SECONDS);
      return new ChannelNodeProcess(process, Integer.parseInt(r[1]), r[2], r[3]);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException("channel node did not start; see " + log, e);
    }
  }

  ChannelServiceGrpc.ChannelServiceBlockingStub client() {
    Metadata md = new Metadata();
    md.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return ChannelServiceGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md));
  }

  /** Kills the JVM without shutdown hooks, as a power cut or an OOM kill would. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() {
    channel.shutdownNow();
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
