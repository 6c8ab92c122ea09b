package io.bttspeed.wallet.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.TextFormat;
import com.google.protobuf.util.JsonFormat;
import java.io.PrintWriter;

/**
 * Prints responses in protobuf text format, the same field names as the .proto; with {@code
 * --json}, as one line of proto3 JSON with those same field names and every field present (a zero
 * is printed, not left out), so a script reads one JSON object per response.
 */
final class Printer {

  private static final JsonFormat.Printer JSON =
      JsonFormat.printer()
          .preservingProtoFieldNames()
          .includingDefaultValueFields()
          .omittingInsignificantWhitespace();

  private Printer() {}

  static void print(PrintWriter out, MessageOrBuilder message) {
    out.print(TextFormat.printer().printToString(message));
    out.flush();
  }

  static void print(PrintWriter out, MessageOrBuilder message, boolean json) {
    if (!json) {
      print(out, message);
      return;
    }
    try {
      out.println(JSON.print(message));
    } catch (InvalidProtocolBufferException e) {
      // Only an Any with an unknown type fails; no response of ours carries one.
      throw new IllegalStateException(
          "cannot print " + message.getDescriptorForType().getFullName(), e);
    }
    out.flush();
  }
}
