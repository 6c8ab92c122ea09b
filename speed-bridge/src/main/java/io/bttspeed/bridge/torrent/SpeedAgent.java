package io.bttspeed.bridge.torrent;

import bt.protocol.Message;
import bt.protocol.extended.ExtendedHandshake;
import bt.torrent.annotation.Consumes;
import bt.torrent.annotation.Produces;
import bt.torrent.messaging.MessageContext;
import com.google.inject.Inject;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bt's side of {@code bt_speed}: learns from the extended handshake whether a peer speaks it, hands
 * received payloads to the {@link SpeedListener} and writes each link's queued messages when Bt
 * asks for output. Public only because Bt compiles its agents through a public method-handle
 * lookup.
 */
public final class SpeedAgent {
  private static final Logger LOG = LoggerFactory.getLogger(SpeedAgent.class);
  private final PeerLinks links;
  private final SpeedListener listener;

  @Inject
  SpeedAgent(PeerLinks links, SpeedListener listener) {
    this.links = links;
    this.listener = listener;
  }

  @Consumes
  public void consume(ExtendedHandshake handshake, MessageContext context) {
    PeerLink link = links.of(context.getConnectionKey(), context.getConnectionState());
    // The handshake's type map is additive (BEP 10): a later handshake never takes bt_speed away
    // here.
    if (!link.speaksSpeed()
        && handshake.getSupportedMessageTypes().contains(SpeedWireHandler.NAME)) {
      link.advertised();
      try {
        listener.connected(link);
      } catch (RuntimeException e) {
        LOG.warn("a speed listener failed on a new link", e);
      }
    }
  }

  @Consumes
  public void consume(SpeedWireMessage message, MessageContext context) {
    PeerLink link = links.of(context.getConnectionKey(), context.getConnectionState());
    link.countReceived(message.length());
    if (!link.speaksSpeed()) {
      return; // an ordinary peer for the whole connection, whatever it sends
    }
    try {
      listener.received(link, message.payload(), message.length());
    } catch (RuntimeException e) {
      LOG.warn("a speed listener failed on a message", e);
    }
  }

  @Produces
  public void produce(Consumer<Message> messages, MessageContext context) {
    PeerLink link = links.get(context.getConnectionKey());
    if (link == null) {
      links.of(context.getConnectionKey(), context.getConnectionState());
      return;
    }
    for (SpeedWireMessage next = link.nextOutgoing(); next != null; next = link.nextOutgoing()) {
      messages.accept(next);
    }
  }
}
