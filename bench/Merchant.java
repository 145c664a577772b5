package bench;

import java.util.UUID;

/** A benchmark merchant with its users and SKUs. */
record Merchant(UUID id, UUID[] users, UUID[] skus) {}
