package io.bttspeed.bridge.wallet;

import io.bttspeed.bridge.wallet.ChannelWalletException.Reason;
import io.bttspeed.proto.channel.v1.AcceptVoucherRequest;
import io.bttspeed.proto.channel.v1.AcceptVoucherStreamResponse;
import io.bttspeed.proto.channel.v1.ChannelServiceGrpc;
import io.bttspeed.proto.channel.v1.Voucher;
import io.bttspeed.tron.money.Amount;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One long-lived AcceptVoucherStream to the wallet, shared by every voucher this daemon accepts:
 * the wallet answers in order, so the answer with sequence n completes the n-th voucher sent on the
 * stream. A stream that drops fails the vouchers it had not answered (UNAVAILABLE: the wallet may
 * or may not have stored them, and sending one again is harmless, a replay changes nothing) and the
 * next voucher opens a new one. A voucher not answered within the deadline cancels the stream, for
 * a wallet that stopped answering is not worth waiting on; one timer per stream (on the JDK's
 * shared delayer) watches the oldest unanswered voucher, not one per voucher.
 */
final class VoucherStream implements AutoCloseable {

  /** A voucher sent and not answered yet, with its position on the stream and when it was sent. */
  private record Pending(
      long sequence, SignedVoucher voucher, CompletableFuture<Amount> answer, long sentAtNanos) {}

  private final ChannelServiceGrpc.ChannelServiceStub stub;
  private final String walletId;
  private final Duration deadline;

  /** Guards everything below: sends and answers of one stream happen in its order. */
  private final Object lock = new Object();

  private Session session;
  private boolean closed;

  VoucherStream(ChannelServiceGrpc.ChannelServiceStub stub, String walletId, Duration deadline) {
    this.stub = stub;
    this.walletId = walletId;
    this.deadline = deadline;
  }

  CompletableFuture<Amount> accept(SignedVoucher voucher) {
    CompletableFuture<Amount> answer = new CompletableFuture<>();
    Session s;
    boolean arm = false;
    RuntimeException sendFailure = null;
    synchronized (lock) {
      if (closed) {
        answer.completeExceptionally(
            new ChannelWalletException(Reason.UNAVAILABLE, "the wallet connection is closed"));
        return answer;
      }
      if (session == null) {
        session = new Session();
      }
      s = session;
      s.pending.add(new Pending(s.sent++, voucher, answer, System.nanoTime()));
      if (!s.watchArmed) {
        s.watchArmed = true;
        arm = true;
      }
      try {
        s.requests.onNext(
            AcceptVoucherRequest.newBuilder()
                .setWalletId(walletId)
                .setVoucher(
                    Voucher.newBuilder()
                        .setChannelId(voucher.channel().hex())
                        .setHubAddress(voucher.hub().base58())
                        .setCumulativeBaseUnits(voucher.cumulative().units().toString())
                        .setSignatureHex(HexFormat.of().formatHex(voucher.signature())))
                .build());
      } catch (RuntimeException e) {
        sendFailure = e;
      }
    }
    if (sendFailure != null) {
      s.cancel("the voucher stream to the wallet failed: " + sendFailure);
    } else if (arm) {
      s.watch(deadline.toNanos());
    }
    return answer;
  }

  @Override
  public void close() {
    Session s;
    synchronized (lock) {
      closed = true;
      s = session;
    }
    if (s != null) {
      s.cancel("the wallet connection is closing");
    }
  }

  /** One call of AcceptVoucherStream and the vouchers sent on it. */
  private final class Session
      implements ClientResponseObserver<AcceptVoucherRequest, AcceptVoucherStreamResponse> {
    final ArrayDeque<Pending> pending = new ArrayDeque<>();
    final ClientCallStreamObserver<AcceptVoucherRequest> requests;
    long sent;

    /**
     * Whether a check of the oldest unanswered voucher's age is scheduled; one at a time per
     * stream.
     */
    boolean watchArmed;

    Session() {
      this.requests =
          (ClientCallStreamObserver<AcceptVoucherRequest>) stub.acceptVoucherStream(this);
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<AcceptVoucherRequest> call) {}

    @Override
    public void onNext(AcceptVoucherStreamResponse answer) {
      Pending p;
      synchronized (lock) {
        p = pending.peek();
        if (p == null || p.sequence() != answer.getSequence()) {
          // The wallet answered out of order: nothing on this stream can be trusted to match any
          // more.
          p = null;
        } else {
          pending.poll();
        }
      }
      if (p == null) {
        cancel("the wallet answered sequence " + answer.getSequence() + " out of order");
        return;
      }
      String what = "voucher on channel " + p.voucher().channel();
      if (answer.hasAccepted()) {
        p.answer()
            .complete(
                new Amount(
                    p.voucher().cumulative().asset(),
                    new BigInteger(answer.getAccepted().getAcceptedCumulativeBaseUnits())));
      } else {
        p.answer().completeExceptionally(WalletStatus.of(what, answer.getRefused()));
      }
    }

    @Override
    public void onError(Throwable t) {
      fail("the voucher stream to the wallet ended: " + Status.fromThrowable(t));
    }

    @Override
    public void onCompleted() {
      fail("the wallet closed the voucher stream");
    }

    /**
     * Checks, after {@code delayNanos}, that the oldest unanswered voucher is not older than the
     * deadline.
     */
    void watch(long delayNanos) {
      CompletableFuture.delayedExecutor(delayNanos, TimeUnit.NANOSECONDS).execute(this::check);
    }

    private void check() {
      String overdue = null;
      long next = -1;
      synchronized (lock) {
        watchArmed = false;
        Pending oldest = pending.peek();
        if (oldest == null || session != this) {
          return;
        }
        long age = System.nanoTime() - oldest.sentAtNanos();
        if (age >= deadline.toNanos()) {
          overdue =
              "voucher on channel "
                  + oldest.voucher().channel()
                  + " not answered within "
                  + deadline;
        } else {
          watchArmed = true;
          next = deadline.toNanos() - age;
        }
      }
      if (overdue != null) {
        cancel(overdue);
      } else {
        watch(next);
      }
    }

    /**
     * Ends this stream (no voucher is sent on it after {@link #fail} let go of it), failing what it
     * left.
     */
    void cancel(String why) {
      fail(why);
      requests.cancel(why, null);
    }

    /** Fails what this stream left unanswered; the next voucher opens a new stream. */
    private void fail(String why) {
      ArrayDeque<Pending> unanswered;
      synchronized (lock) {
        if (session == this) {
          session = null;
        }
        unanswered = new ArrayDeque<>(pending);
        pending.clear();
      }
      ChannelWalletException e = new ChannelWalletException(Reason.UNAVAILABLE, why);
      unanswered.forEach(p -> p.answer().completeExceptionally(e));
    }
  }
}
