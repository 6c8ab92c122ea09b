package io.bttspeed.wallet.channel;

import io.bttspeed.proto.channel.v1.AcceptVoucherRequest;
import io.bttspeed.proto.channel.v1.AcceptVoucherStreamResponse;
import io.bttspeed.proto.channel.v1.ChannelServiceGrpc;
import io.bttspeed.proto.channel.v1.Voucher;
import io.bttspeed.wallet.id.WalletId;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends vouchers over one AcceptVoucherStream call with at most {@code window} unanswered, as a
 * payee's client forwarding vouchers from its peers would, and collects the answers in order.
 */
final class VoucherStream {

  private VoucherStream() {}

  static List<AcceptVoucherStreamResponse> acceptAll(
      ChannelServiceGrpc.ChannelServiceStub client,
      WalletId payeeWalletId,
      List<Voucher> vouchers,
      int window)
      throws InterruptedException {
    Semaphore unanswered = new Semaphore(window);
    List<AcceptVoucherStreamResponse> answers = new ArrayList<>(vouchers.size());
    CompletableFuture<Void> done = new CompletableFuture<>();
    ClientCallStreamObserver<AcceptVoucherRequest>[] requests = newArray();
    client.acceptVoucherStream(
        new ClientResponseObserver<AcceptVoucherRequest, AcceptVoucherStreamResponse>() {
          @Override
          public void beforeStart(ClientCallStreamObserver<AcceptVoucherRequest> stream) {
            requests[0] = stream;
          }

          @Override
          public void onNext(AcceptVoucherStreamResponse answer) {
            synchronized (answers) {
              answers.add(answer);
            }
            unanswered.release();
          }

          @Override
          public void onError(Throwable t) {
            done.completeExceptionally(t);
          }

          @Override
          public void onCompleted() {
            done.complete(null);
          }
        });
    for (Voucher v : vouchers) {
      if (!unanswered.tryAcquire(30, TimeUnit.SECONDS)) {
        throw new AssertionError("no answer within 30 s");
      }
      requests[0].onNext(
          AcceptVoucherRequest.newBuilder()
              .setWalletId(payeeWalletId.toString())
              .setVoucher(v)
              .build());
    }
    requests[0].onCompleted();
    try {
      done.get(Duration.ofSeconds(60).toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("the stream failed or did not finish", e);
    }
    synchronized (answers) {
      return List.copyOf(answers);
    }
  }

  @SuppressWarnings("unchecked")
  private static ClientCallStreamObserver<AcceptVoucherRequest>[] newArray() {
    return new ClientCallStreamObserver[1];
  }
}
