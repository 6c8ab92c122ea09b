package io.bttspeed.wallet.cli;

import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.TextFormat;
import java.io.PrintWriter;

/** Prints responses in protobuf text format, the same field names as the .proto. */
final class Printer {

  private Printer() {}

  static void print(PrintWriter out, MessageOrBuilder message) {
    out.print(TextFormat.printer().printToString(message));
    out.flush();
  }
}
