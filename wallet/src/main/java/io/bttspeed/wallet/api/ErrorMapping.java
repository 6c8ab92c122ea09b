package io.bttspeed.wallet.api;

import io.bttspeed.tron.MalformedValueException;
import io.bttspeed.wallet.channel.ChannelException;
import io.bttspeed.wallet.error.AlreadyExistsException;
import io.bttspeed.wallet.error.FailedPreconditionException;
import io.bttspeed.wallet.error.InsufficientFundsException;
import io.bttspeed.wallet.error.InvalidArgumentException;
import io.bttspeed.wallet.error.NodeUnavailableException;
import io.bttspeed.wallet.error.NotFoundException;
import io.bttspeed.wallet.error.PermissionDeniedException;
import io.bttspeed.wallet.error.ResourceExhaustedException;
import io.bttspeed.wallet.error.UnauthenticatedException;
import io.bttspeed.wallet.error.WalletException;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place domain errors become gRPC statuses, chosen by the rule in grpc-java's {@code
 * Status}: the caller's fault and fixable by changing the request is INVALID_ARGUMENT; fixable by
 * changing state (funds) is FAILED_PRECONDITION; worth retrying as-is is UNAVAILABLE. Anything else
 * is INTERNAL with a generic message; its cause goes to the log only.
 */
final class ErrorMapping {

  /** Trailer carrying the shortfall of an insufficient-funds error, in the asset's base units. */
  static final Metadata.Key<String> SHORTFALL =
      Metadata.Key.of("bttspeed-shortfall-base-units", Metadata.ASCII_STRING_MARSHALLER);

  /**
   * The longest status description sent. Descriptions travel in an HTTP/2 header (8 KiB by
   * default); a longer one reached the client as PROTOCOL_ERROR instead of the error. Messages echo
   * input only through {@link io.bttspeed.tron.Echo}, so this is the last line of defence.
   */
  static final int MAX_DESCRIPTION = 1_024;

  /**
   * Trailer naming the {@link ChannelException.Reason} of a refusal the channel's state caused, so
   * a client (the Speed daemon answering a peer with a reject code) decides on a name, not on the
   * message's words.
   */
  static final Metadata.Key<String> CHANNEL_REASON =
      Metadata.Key.of("bttspeed-channel-reason", Metadata.ASCII_STRING_MARSHALLER);

  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

  /** While the node is down every call says so: one line per this interval, with the count. */
  private static final long UNAVAILABLE_LOG_INTERVAL_MS = 10_000;

  private static final AtomicLong unavailableLoggedAtMs = new AtomicLong();
  private static final AtomicLong unavailableUnlogged = new AtomicLong();

  private ErrorMapping() {}

  /**
   * Logs that the node did not answer, without the stack trace (a known condition, not a bug) and
   * at most once per interval: a node's restart would otherwise write a line for every voucher.
   */
  private static void nodeUnavailable(WalletException e) {
    long now = System.currentTimeMillis();
    long last = unavailableLoggedAtMs.get();
    if (now - last < UNAVAILABLE_LOG_INTERVAL_MS
        || !unavailableLoggedAtMs.compareAndSet(last, now)) {
      unavailableUnlogged.incrementAndGet();
      return;
    }
    long more = unavailableUnlogged.getAndSet(0);
    LOG.info(
        "node unavailable: {}{}",
        e.getMessage(),
        more == 0 ? "" : " (and " + more + " calls since the last line)");
  }

  private static Status.Code code(WalletException e) {
    if (e instanceof InvalidArgumentException) {
      return Status.Code.INVALID_ARGUMENT;
    } else if (e instanceof NotFoundException) {
      return Status.Code.NOT_FOUND;
    } else if (e instanceof FailedPreconditionException) {
      return Status.Code.FAILED_PRECONDITION;
    } else if (e instanceof PermissionDeniedException) {
      return Status.Code.PERMISSION_DENIED;
    } else if (e instanceof UnauthenticatedException) {
      return Status.Code.UNAUTHENTICATED;
    } else if (e instanceof AlreadyExistsException) {
      return Status.Code.ALREADY_EXISTS;
    } else if (e instanceof NodeUnavailableException) {
      return Status.Code.UNAVAILABLE;
    } else if (e instanceof ResourceExhaustedException) {
      return Status.Code.RESOURCE_EXHAUSTED;
    }
    throw new IllegalStateException("unmapped domain error " + e.getClass().getName(), e);
  }

  static StatusRuntimeException toStatus(Throwable t) {
    if (t instanceof StatusRuntimeException sre) {
      String description = sre.getStatus().getDescription();
      return description == null || description.length() <= MAX_DESCRIPTION
          ? sre
          : sre.getStatus()
              .withDescription(capped(description))
              .asRuntimeException(sre.getTrailers());
    }
    if (t instanceof WalletException e) {
      Status.Code code = code(e);
      if (code == Status.Code.UNAVAILABLE) {
        nodeUnavailable(e);
      }
      Metadata trailers = new Metadata();
      if (e instanceof InsufficientFundsException funds) {
        trailers.put(SHORTFALL, funds.shortfall().toString());
      }
      if (e instanceof ChannelException channel) {
        trailers.put(CHANNEL_REASON, channel.reason().name());
      }
      return Status.fromCode(code)
          .withDescription(capped(e.getMessage()))
          .asRuntimeException(trailers);
    }
    if (t instanceof MalformedValueException e) {
      // tron-core's malformed address, amount or asset: the caller's input, like
      // InvalidArgumentException.
      return Status.INVALID_ARGUMENT
          .withDescription(capped(e.getMessage()))
          .asRuntimeException(new Metadata());
    }
    LOG.error("internal error", t);
    return Status.INTERNAL
        .withDescription("internal error; the server log has the details")
        .asRuntimeException();
  }

  private static String capped(String description) {
    return description == null || description.length() <= MAX_DESCRIPTION
        ? description
        : description.substring(0, MAX_DESCRIPTION) + "…";
  }
}
