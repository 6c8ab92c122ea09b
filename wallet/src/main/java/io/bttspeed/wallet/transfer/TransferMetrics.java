package io.bttspeed.wallet.transfer;

import io.bttspeed.wallet.store.TransferStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** Transfers by the final status they reached in this process: confirmed, failed or expired. */
public final class TransferMetrics {

  private final Map<TransferStatus, Counter> finished = new EnumMap<>(TransferStatus.class);

  public TransferMetrics(MeterRegistry registry) {
    for (TransferStatus status : TransferStatus.values()) {
      if (status == TransferStatus.PENDING) {
        continue;
      }
      // Registered up front so that a status nothing has reached yet reads 0 rather than being
      // absent.
      finished.put(
          status,
          Counter.builder("bttspeed.wallet.transfers.finished")
              .description("transfers that reached a final status, by status")
              .tag("status", status.name().toLowerCase(Locale.ROOT))
              .register(registry));
    }
  }

  /** Meters on a registry that keeps nothing: for components built without metrics. */
  public static TransferMetrics none() {
    return new TransferMetrics(new CompositeMeterRegistry());
  }

  void finished(TransferStatus status) {
    Counter c = finished.get(status);
    if (c != null) {
      c.increment();
    }
  }
}
