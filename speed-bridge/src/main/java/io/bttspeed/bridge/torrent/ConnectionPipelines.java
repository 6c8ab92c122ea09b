package io.bttspeed.bridge.torrent;

import bt.net.Peer;
import bt.net.buffer.IBufferManager;
import bt.net.pipeline.ChannelPipelineBuilder;
import bt.net.pipeline.ChannelPipelineFactory;
import bt.net.pipeline.IChannelPipelineFactory;
import com.google.inject.Inject;
import java.util.Optional;

/**
 * Bt's channel pipelines, each filing its received blocks in a {@link ReceivedBlocks.Filing} of its
 * own rather than in Bt's one registry for the runtime.
 */
final class ConnectionPipelines implements IChannelPipelineFactory {
  /** A pipeline's builder and the filing its pipeline will file received blocks in. */
  record Built(ChannelPipelineBuilder builder, ReceivedBlocks.Filing filing) {}

  private final IBufferManager buffers;

  /** The filing of the pipeline Bt last had built on this thread ({@link #buildPipeline}). */
  private final ThreadLocal<ReceivedBlocks.Filing> lastBuilt = new ThreadLocal<>();

  @Inject
  ConnectionPipelines(IBufferManager buffers) {
    this.buffers = buffers;
  }

  /** A pipeline with a new filing. */
  Built build(Peer peer) {
    ReceivedBlocks.Filing filing = new ReceivedBlocks.Filing();
    // Bt's factory holds its registry for every pipeline it builds, so one factory per pipeline.
    return new Built(new ChannelPipelineFactory(buffers, filing).buildPipeline(peer), filing);
  }

  /**
   * Bt's call, made inside its outgoing connection factory on the caller's thread: the filing is
   * kept for {@link #takeLastBuilt} there.
   */
  @Override
  public ChannelPipelineBuilder buildPipeline(Peer peer) {
    Built built = build(peer);
    lastBuilt.set(built.filing());
    return built.builder();
  }

  /**
   * The filing of the pipeline {@link #buildPipeline} last built on this thread, then forgotten.
   */
  Optional<ReceivedBlocks.Filing> takeLastBuilt() {
    ReceivedBlocks.Filing filing = lastBuilt.get();
    lastBuilt.remove();
    return Optional.ofNullable(filing);
  }
}
