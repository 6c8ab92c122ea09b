package io.bttspeed.bridge.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One scrape of the shared wallet service's Prometheus endpoint, read as a scraper reads it: the
 * vouchers it accepted ({@code bttspeed_wallet_vouchers_accepted_total}) and its AcceptVoucher
 * latency histogram ({@code bttspeed_wallet_vouchers_accept_seconds}). The benchmarks count nothing
 * themselves: these are the wallet's own figures.
 */
final class WalletScrape {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String ACCEPTED = "bttspeed_wallet_vouchers_accepted_total";
  private static final String ACCEPT_SECONDS = "bttspeed_wallet_vouchers_accept_seconds";

  private final String body;

  private WalletScrape(String body) {
    this.body = body;
  }

  /** GET /metrics on {@code port} (loopback). */
  static WalletScrape of(int port) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("the wallet's metrics answered " + r.statusCode());
      }
      return new WalletScrape(r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading the wallet's metrics", e);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the wallet's metrics", e);
    }
  }

  /** Vouchers the wallet acknowledged so far, over all its principals. */
  long vouchersAccepted() {
    double total = 0;
    for (String line : body.split("\n")) {
      if (line.startsWith(ACCEPTED)) {
        total += value(line);
      }
    }
    return (long) total; // a Prometheus counter of whole vouchers, not money
  }

  /**
   * The AcceptVoucher histogram as scraped, cumulative since the wallet started; empty from a
   * wallet that does not export it (one built before it did).
   */
  Optional<Latency> acceptLatency() {
    TreeMap<Double, Long> buckets = new TreeMap<>();
    double sum = 0;
    for (String line : body.split("\n")) {
      if (line.startsWith(ACCEPT_SECONDS + "_bucket{")) {
        int le = line.indexOf("le=\"") + 4;
        String bound = line.substring(le, line.indexOf('"', le));
        buckets.put(
            bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound),
            (long) value(line));
      } else if (line.startsWith(ACCEPT_SECONDS + "_sum")) {
        sum = value(line);
      }
    }
    return buckets.isEmpty() ? Optional.empty() : Optional.of(new Latency(buckets, sum));
  }

  private static double value(String line) {
    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }

  /**
   * AcceptVoucher calls by latency.
   *
   * @param buckets cumulative counts by upper bound, seconds ({@code +Inf} included)
   * @param sumSeconds their total time, seconds
   */
  record Latency(TreeMap<Double, Long> buckets, double sumSeconds) {
    long count() {
      return buckets.lastEntry().getValue();
    }

    /** The calls between {@code earlier} and this scrape. */
    Latency since(Latency earlier) {
      TreeMap<Double, Long> delta = new TreeMap<>();
      for (Map.Entry<Double, Long> b : buckets.entrySet()) {
        delta.put(b.getKey(), b.getValue() - earlier.buckets.getOrDefault(b.getKey(), 0L));
      }
      return new Latency(delta, sumSeconds - earlier.sumSeconds);
    }

    /**
     * The upper bound of the bucket that holds the {@code q} quantile, seconds: the quantile is at
     * most this (the histogram knows no finer); empty without calls.
     */
    Optional<Double> quantileAtMost(double q) {
      long n = count();
      if (n == 0) {
        return Optional.empty();
      }
      long rank = (long) Math.ceil(q * n);
      return buckets.entrySet().stream()
          .filter(b -> b.getValue() >= rank)
          .map(Map.Entry::getKey)
          .findFirst();
    }

    double meanSeconds() {
      return count() == 0 ? 0 : sumSeconds / count();
    }
  }
}
