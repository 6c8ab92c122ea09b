package io.bttspeed.wallet.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.bttspeed.tron.supervision.Supervisor;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Prometheus scrape endpoint: {@code GET /metrics} on its own port, answered with the
 * registry's text format. It takes nothing from a client but a method and a path, so anything else
 * is refused before work: another path 404, another method 405, a query, a body or an overlong
 * target 400/413/414. Errors carry a one-line text, never a stack trace. The JDK's HTTP server is
 * enough: one path, no framework.
 */
public final class MetricsEndpoint implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);
  public static final String PATH = "/metrics";

  /** A scrape target is short; anything longer is not a Prometheus scraper. */
  static final int MAX_TARGET_CHARS = 256;

  /** Prometheus text format 0.0.4, what every scraper accepts. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final String THREAD = "metrics-http";

  private final HttpServer server;
  private final ExecutorService executor;

  private MetricsEndpoint(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Listens at {@code settings}; {@code beforeScrape} runs before each scrape on the endpoint's
   * thread, for meters read from a component's views rather than counted as things happen.
   */
  public static MetricsEndpoint start(
      MetricsSettings settings, PrometheusMeterRegistry registry, Runnable beforeScrape) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(settings.address(), settings.port()), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen for metrics on "
              + settings.address().getHostAddress()
              + ":"
              + settings.port(),
          e);
    }
    // One thread: scrapes are rare (every 15 s or so) and serialising them keeps a flood from using
    // more.
    ExecutorService executor =
        Executors.newSingleThreadExecutor(Supervisor.process().threads(THREAD));
    server.setExecutor(executor);
    server.createContext("/", exchange -> handle(exchange, registry, beforeScrape));
    server.start();
    LOG.info(
        "metrics on http://{}:{}{}",
        settings.address().getHostAddress(),
        server.getAddress().getPort(),
        PATH);
    return new MetricsEndpoint(server, executor);
  }

  private static void handle(
      HttpExchange exchange, PrometheusMeterRegistry registry, Runnable beforeScrape)
      throws IOException {
    try {
      String target = exchange.getRequestURI().toString();
      if (target.length() > MAX_TARGET_CHARS) {
        reply(exchange, 414, "request target longer than " + MAX_TARGET_CHARS + " characters");
        return;
      }
      if (!PATH.equals(exchange.getRequestURI().getRawPath())) {
        reply(exchange, 404, "not found; metrics are at " + PATH);
        return;
      }
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      if (!"GET".equals(exchange.getRequestMethod()) && !head) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        reply(exchange, 405, "only GET");
        return;
      }
      if (exchange.getRequestURI().getRawQuery() != null) {
        reply(exchange, 400, PATH + " takes no query");
        return;
      }
      if (hasBody(exchange)) {
        reply(exchange, 413, "a scrape has no body");
        return;
      }
      byte[] body;
      try {
        beforeScrape.run();
        body = registry.scrape().getBytes(StandardCharsets.UTF_8);
      } catch (RuntimeException e) {
        // Logged here with its trace; the scraper gets one line.
        LOG.warn("metrics scrape failed", e);
        reply(exchange, 500, "scrape failed");
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      if (head) {
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } finally {
      exchange.close();
    }
  }

  private static boolean hasBody(HttpExchange exchange) throws IOException {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (exchange.getRequestHeaders().containsKey("Transfer-Encoding")) {
      return true;
    }
    if (length != null && !length.strip().equals("0")) {
      return true;
    }
    try (InputStream in = exchange.getRequestBody()) {
      return in.read() != -1;
    }
  }

  private static void reply(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** The port listened on (the chosen one when 0 was asked). */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
