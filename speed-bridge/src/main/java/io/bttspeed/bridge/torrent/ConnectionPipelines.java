package io.bttspeed.bridge.torrent;

import bt.net.Peer;
import bt.net.buffer.IBufferManager;
import bt.net.pipeline.ChannelPipelineBuilder;
import bt.net.pipeline.ChannelPipelineFactory;
import bt.net.pipeline.IChannelPipelineFactory;
import com.google.inject.Inject;

/**
 * Bt's channel pipelines, each filing its received blocks in its own connection's filing of {@link
 * ReceivedBlocks} rather than in Bt's one registry for the runtime.
 */
final class ConnectionPipelines implements IChannelPipelineFactory {
  private final IBufferManager buffers;
  private final ReceivedBlocks blocks;

  @Inject
  ConnectionPipelines(IBufferManager buffers, ReceivedBlocks blocks) {
    this.buffers = buffers;
    this.blocks = blocks;
  }

  /** A pipeline with a new filing, which {@link ReceivedBlocks#lastBuilt} then returns. */
  @Override
  public ChannelPipelineBuilder buildPipeline(Peer peer) {
    // Bt's factory holds its registry for every pipeline it builds, so one factory per pipeline.
    return new ChannelPipelineFactory(buffers, blocks.newFiling()).buildPipeline(peer);
  }
}
