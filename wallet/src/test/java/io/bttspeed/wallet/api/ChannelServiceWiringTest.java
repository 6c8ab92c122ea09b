package io.bttspeed.wallet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bttspeed.proto.channel.v1.ChannelServiceGrpc;
import io.bttspeed.proto.channel.v1.ListChannelsRequest;
import io.bttspeed.proto.channel.v1.OpenChannelRequest;
import io.bttspeed.wallet.store.Scope;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wallet server also serves ChannelService, behind the same bearer tokens and scopes as
 * WalletService.
 */
class ChannelServiceWiringTest {
  @TempDir Path dir;

  @Test
  void channelServiceIsServedWithTheWalletsTokensAndScopes() {
    try (WalletFixture fx = new WalletFixture(dir)) {
      ChannelServiceGrpc.ChannelServiceBlockingStub anonymous =
          ChannelServiceGrpc.newBlockingStub(fx.channel);
      assertEquals(
          Status.Code.UNAUTHENTICATED,
          assertThrows(
                  StatusRuntimeException.class,
                  () -> anonymous.listChannels(ListChannelsRequest.getDefaultInstance()))
              .getStatus()
              .getCode());

      ChannelServiceGrpc.ChannelServiceBlockingStub reader = stub(fx, Scope.READ);
      assertEquals(
          0, reader.listChannels(ListChannelsRequest.getDefaultInstance()).getChannelsCount());
      StatusRuntimeException denied =
          assertThrows(
              StatusRuntimeException.class,
              () -> reader.openChannel(OpenChannelRequest.getDefaultInstance()));
      assertEquals(Status.Code.PERMISSION_DENIED, denied.getStatus().getCode());

      assertEquals(
          HealthCheckResponse.ServingStatus.SERVING,
          HealthGrpc.newBlockingStub(fx.channel)
              .check(
                  HealthCheckRequest.newBuilder()
                      .setService(ChannelServiceGrpc.SERVICE_NAME)
                      .build())
              .getStatus());
    }
  }

  private static ChannelServiceGrpc.ChannelServiceBlockingStub stub(WalletFixture fx, Scope scope) {
    Metadata md = new Metadata();
    md.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
        "Bearer " + fx.app.principals().createToken("channel-" + scope, Set.of(scope)));
    return ChannelServiceGrpc.newBlockingStub(fx.channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md));
  }
}
