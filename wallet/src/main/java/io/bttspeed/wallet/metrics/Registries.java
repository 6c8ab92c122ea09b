package io.bttspeed.wallet.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;

/**
 * The registry a component's meters go to: a Prometheus one when its endpoint is configured, else
 * one that keeps nothing, so the measured code is the same either way and costs next to nothing
 * with metrics off. Each component (wallet, daemon) makes its own and passes it down through
 * constructors: no global registry.
 */
public final class Registries {

  private Registries() {}

  /**
   * A Prometheus registry with the JVM's heap, threads, CPU and file descriptors, what a soak run
   * watches for growth.
   */
  public static PrometheusMeterRegistry prometheus() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    // No JvmGcMetrics: it holds a GC listener until closed, one more thing to stop per component.
    return registry;
  }

  /** Prometheus when {@code settings} is present, else a registry that records nothing. */
  public static MeterRegistry forSettings(Optional<MetricsSettings> settings) {
    return settings.isPresent() ? prometheus() : new CompositeMeterRegistry();
  }
}
