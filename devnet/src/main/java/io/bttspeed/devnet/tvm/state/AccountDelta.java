package io.bttspeed.devnet.tvm.state;

import io.bttspeed.devnet.tvm.Address;
import io.bttspeed.devnet.tvm.word.Word;
import java.util.HashMap;
import java.util.Map;

/** What execution changed on one account so far; {@code null} fields mean "as in the backend". */
final class AccountDelta {
  Long balance;
  final Map<Long, Long> tokens = new HashMap<>();
  final Map<Word, Word> storage = new HashMap<>();
  byte[] code;
  Address creator;
  boolean createdAccount;
  boolean createdContract;
  boolean deleted;
}
