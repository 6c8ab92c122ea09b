package io.bttspeed.wallet.store;

/** A transfer's outcome as the caller sees it; see DESIGN.md section 3. */
public enum TransferStatus {
  PENDING,
  CONFIRMED,
  FAILED,
  EXPIRED
}
