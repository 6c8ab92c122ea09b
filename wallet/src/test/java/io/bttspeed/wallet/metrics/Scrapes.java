package io.bttspeed.wallet.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads a Prometheus endpoint over HTTP on loopback as a scraper would, and picks samples out of
 * the text.
 */
public final class Scrapes {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Scrapes() {}

  public static HttpResponse<String> get(int port, String target) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + target))
              .timeout(Duration.ofSeconds(20))
              .GET()
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("scrape of port " + port + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** GET /metrics, which must answer 200. */
  public static String scrape(int port) {
    HttpResponse<String> r = get(port, MetricsEndpoint.PATH);
    if (r.statusCode() != 200) {
      throw new AssertionError("scrape answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  /**
   * Writes raw bytes to the port and returns whatever comes back until the server closes or 10 s
   * pass; empty when the server cut the connection without an answer (a reset while the request was
   * still being sent).
   */
  public static String raw(int port, byte[] request) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      s.setSoTimeout(10_000);
      try {
        OutputStream out = s.getOutputStream();
        out.write(request);
        out.flush();
        s.shutdownOutput();
        InputStream in = s.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      } catch (SocketException reset) {
        return "";
      }
    }
  }

  /**
   * The value of the sample named {@code name} whose labels include every one of {@code labels}
   * (each written {@code key="value"}), if the scrape has one.
   */
  public static Optional<Double> sample(String scrape, String name, String... labels) {
    Predicate<String> matches =
        line -> {
          if (line.startsWith("#")) {
            return false;
          }
          String series = line.substring(0, line.lastIndexOf(' '));
          String metric = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
          return metric.equals(name) && Arrays.stream(labels).allMatch(series::contains);
        };
    return scrape
        .lines()
        .filter(l -> !l.isBlank())
        .filter(matches)
        .findFirst()
        .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)));
  }
}
