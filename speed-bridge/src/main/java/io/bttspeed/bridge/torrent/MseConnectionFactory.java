package io.bttspeed.bridge.torrent;

import bt.metainfo.TorrentId;
import bt.net.ConnectionResult;
import bt.net.DataReceiver;
import bt.net.IConnectionHandlerFactory;
import bt.net.IPeerConnectionFactory;
import bt.net.Peer;
import bt.net.buffer.BorrowedBuffer;
import bt.net.buffer.IBufferManager;
import bt.net.crypto.CipherBufferMutator;
import bt.net.pipeline.ChannelPipeline;
import bt.net.pipeline.ChannelPipelineBuilder;
import bt.net.pipeline.SocketChannelHandler;
import bt.protocol.Message;
import bt.protocol.handler.MessageHandler;
import bt.torrent.TorrentDescriptor;
import bt.torrent.TorrentRegistry;
import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.mse.MseResponder;
import io.bttspeed.bridge.mse.Negotiated;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Peer connections, plaintext out and plaintext or encrypted in.
 *
 * <p>Outgoing connections are Bt's, with its MSE switched off: a plain BitTorrent handshake, which
 * every client accepts (Transmission 3.00 refuses Bt's MSE handshake). Bt cannot be told to keep
 * that and still accept MSE: its one switch turns MSE off both ways, and with MSE on it opens every
 * outgoing connection with a key exchange; its incoming MSE also decrypts the bytes that follow the
 * handshake twice, so a libtorrent peer's first message (sent as the initial payload) arrives as
 * garbage.
 *
 * <p>Incoming connections are ours: {@link MseResponder} tells a plain handshake from MSE and
 * answers MSE, then the connection is built as Bt builds it, with the RC4 streams in its pipeline
 * when the peer chose RC4. A peer that fails the handshake is closed with one debug line.
 */
final class MseConnectionFactory implements IPeerConnectionFactory {
  private static final Logger LOG = LoggerFactory.getLogger(MseConnectionFactory.class);

  private final IPeerConnectionFactory outgoing;
  private final MseResponder responder;
  private final TorrentRegistry torrents;
  private final ConnectionPipelines pipelines;
  private final MessageHandler<Message> protocol;
  private final IBufferManager buffers;
  private final DataReceiver receiver;
  private final IConnectionHandlerFactory handshakes;
  private final ReceivedBlocks blocks;

  MseConnectionFactory(
      IPeerConnectionFactory outgoing,
      MseResponder responder,
      TorrentRegistry torrents,
      ConnectionPipelines pipelines,
      MessageHandler<Message> protocol,
      IBufferManager buffers,
      DataReceiver receiver,
      IConnectionHandlerFactory handshakes,
      ReceivedBlocks blocks) {
    this.outgoing = outgoing;
    this.responder = responder;
    this.torrents = torrents;
    this.pipelines = pipelines;
    this.protocol = protocol;
    this.buffers = buffers;
    this.receiver = receiver;
    this.handshakes = handshakes;
    this.blocks = blocks;
  }

  @Override
  public ConnectionResult createOutgoingConnection(Peer peer, TorrentId torrentId) {
    // Bt builds the connection's pipeline in this call, on this thread: its filing is the one
    // built last.
    pipelines.takeLastBuilt();
    ConnectionResult result = outgoing.createOutgoingConnection(peer, torrentId);
    Optional<ReceivedBlocks.Filing> filing = pipelines.takeLastBuilt();
    if (result.isSuccess()) {
      filing.ifPresent(f -> blocks.register(result.getConnection(), f));
    }
    return result;
  }

  @Override
  public ConnectionResult createIncomingConnection(Peer peer, SocketChannel channel) {
    Negotiated negotiated;
    try {
      negotiated = responder.negotiate(channel, this::served);
    } catch (IOException e) {
      LOG.debug("incoming connection from {} dropped: {}", peer, e.getMessage());
      closeQuietly(channel);
      return ConnectionResult.failure("encryption handshake failed");
    }
    return connect(peer, channel, negotiated);
  }

  /** Torrents an MSE peer may ask for: those Bt would accept a plain handshake for. */
  private Collection<InfoHash> served() {
    List<InfoHash> out = new ArrayList<>();
    for (TorrentId id : torrents.getTorrentIds()) {
      // Bt accepts a torrent without a descriptor yet (its metadata is still being fetched).
      if (torrents.getDescriptor(id).map(TorrentDescriptor::isActive).orElse(true)) {
        out.add(InfoHash.of(id.getBytes()));
      }
    }
    return out;
  }

  private ConnectionResult connect(Peer peer, SocketChannel channel, Negotiated negotiated) {
    BorrowedBuffer<ByteBuffer> in = buffers.borrowByteBuffer();
    BorrowedBuffer<ByteBuffer> out = buffers.borrowByteBuffer();
    try {
      // What came with the handshake is the pipeline's first input; it decodes it on creation.
      ByteBuffer inbound = in.lockAndGet();
      try {
        inbound.put(negotiated.leftover());
      } finally {
        in.unlock();
      }
      ConnectionPipelines.Built built = pipelines.build(peer);
      ChannelPipelineBuilder builder = built.builder();
      builder.channel(channel).protocol(protocol).inboundBuffer(in).outboundBuffer(out);
      negotiated
          .ciphers()
          .ifPresent(
              c ->
                  builder
                      .decoders(new CipherBufferMutator(c.inbound()))
                      .encoders(new CipherBufferMutator(c.outbound())));
      ChannelPipeline pipeline = builder.build();
      SocketChannelHandler handler =
          new SocketChannelHandler(channel, in, out, pipeline::bindHandler, receiver);
      handler.register();
      // Unlike Bt, no listeners for the torrent's start and stop: Bt never removes them (two per
      // connection, for the life of the runtime), and Teardowns closes a stopped torrent's
      // connections, so there is nothing to pause.
      int port = ((InetSocketAddress) channel.getRemoteAddress()).getPort();
      AcceptedPeerConnection connection = new AcceptedPeerConnection(peer, port, handler);
      blocks.register(connection, built.filing());
      if (!handshakes.getIncomingHandler().handleConnection(connection)) {
        connection.closeQuietly();
        LOG.debug(
            "incoming {} connection from {} dropped: no BitTorrent handshake for a served torrent",
            negotiated.kind(),
            peer);
        return ConnectionResult.failure("BitTorrent handshake failed");
      }
      LOG.debug("incoming {} connection from {}", negotiated.kind(), peer);
      return ConnectionResult.success(connection);
    } catch (IOException | RuntimeException e) {
      // A peer that sends garbage after a good handshake fails in the pipeline: one line, no trace.
      LOG.debug("incoming connection from {} dropped: {}", peer, e.toString());
      closeQuietly(channel);
      in.release();
      out.release();
      return ConnectionResult.failure("connection failed");
    }
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("closing a dropped peer's socket failed", e);
    }
  }
}
