/**
 * Keeps one misbehaving location from stalling the others: each location is wrapped in its own retry, circuit
 * breaker and bulkhead. What to do with an object that still could not be stored is left to {@code writing}.
 */
package org.chtbackup.storage.resilience;
