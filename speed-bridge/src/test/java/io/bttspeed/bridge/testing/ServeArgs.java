package io.bttspeed.bridge.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The arguments of {@code speed-bridge serve} for a daemon on loopback, as the tests run it. */
public final class ServeArgs {
  private ServeArgs() {}

  /**
   * {@code serve} with its data in {@code data}, its API on {@code apiPort} and its peers on
   * 127.0.0.1:{@code peerPort}, then {@code more}.
   */
  public static List<String> of(Path data, int apiPort, int peerPort, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "serve",
                "--data-dir",
                data.toString(),
                "--port",
                Integer.toString(apiPort),
                "--peer-address",
                "127.0.0.1",
                "--peer-port",
                Integer.toString(peerPort)));
    args.addAll(List.of(more));
    return args;
  }
}
