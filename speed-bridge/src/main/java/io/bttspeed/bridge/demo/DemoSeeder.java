package io.bttspeed.bridge.demo;

import io.bttspeed.proto.speed.v1.AddTorrentRequest;
import io.bttspeed.proto.speed.v1.AddTorrentResponse;
import io.bttspeed.proto.speed.v1.GetTorrentRequest;
import io.bttspeed.proto.speed.v1.SetAskRequest;
import io.bttspeed.proto.speed.v1.SetLimitsRequest;
import io.bttspeed.proto.speed.v1.SpeedServiceGrpc;
import io.bttspeed.proto.speed.v1.TorrentState;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.function.Function;

/** The demo's seeder made ready: its ask, the generated file it seeds, and its upload cap. */
final class DemoSeeder {
  private final SpeedServiceGrpc.SpeedServiceBlockingStub seeder;
  private final DemoParameters parameters;
  private final Path shareDir;
  private final PrintStream out;
  private final Function<BigInteger, String> btt;

  /**
   * @param shareDir where the shared file is generated
   * @param btt shows an amount of TRC-20 BTT base units to people
   */
  DemoSeeder(
      SpeedServiceGrpc.SpeedServiceBlockingStub seeder,
      DemoParameters parameters,
      Path shareDir,
      PrintStream out,
      Function<BigInteger, String> btt) {
    this.seeder = seeder;
    this.parameters = parameters;
    this.shareDir = shareDir;
    this.out = out;
    this.btt = btt;
  }

  /**
   * Sets the ask, generates and seeds the file, then caps the upload: capping after the seeder has
   * verified its data keeps the cap from slowing that check.
   */
  AddTorrentResponse seed() {
    seeder.setAsk(
        SetAskRequest.newBuilder()
            .setAsset(DemoScenario.THIS_CHAINS_BTT)
            .setPriceBaseUnitsPerMib(parameters.askPerMib().toString())
            .setPaidSlots(parameters.paidSlots())
            .build());
    Path content = generate(shareDir.resolve("speed-demo.bin"));
    AddTorrentResponse seeded =
        seeder.addTorrent(AddTorrentRequest.newBuilder().setSeedPath(content.toString()).build());
    String infoHash = seeded.getTorrent().getInfoHash();
    Deadline.poll(
        Duration.ofSeconds(120),
        "the seeder to verify its data",
        () ->
            seeder
                    .getTorrent(GetTorrentRequest.newBuilder().setInfoHash(infoHash).build())
                    .getTorrent()
                    .getState()
                == TorrentState.TORRENT_STATE_SEEDING);
    seeder.setLimits(
        SetLimitsRequest.newBuilder()
            .setUploadCapBytesPerSecond(parameters.capBytesPerSecond())
            .build());
    out.printf(
        "seeding %s (%d bytes), upload capped at %d bytes/s, %d paid slots at %s per MiB%n",
        content.getFileName(),
        parameters.sizeBytes(),
        parameters.capBytesPerSecond(),
        parameters.paidSlots(),
        btt.apply(parameters.askPerMib()));
    return seeded;
  }

  /** A file of pseudo-random bytes (fixed seed: the same size gives the same torrent). */
  private Path generate(Path file) {
    Random random = new Random(14);
    byte[] chunk = new byte[1 << 16];
    try {
      Files.createDirectories(file.getParent());
      try (var stream = Files.newOutputStream(file)) {
        for (long left = parameters.sizeBytes(); left > 0; left -= chunk.length) {
          random.nextBytes(chunk);
          stream.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
