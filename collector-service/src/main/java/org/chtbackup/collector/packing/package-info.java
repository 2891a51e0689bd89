/**
 * Packs the new chunks of a snapshot: each chunk is compressed into its own zstd frame and appended to the pack
 * being filled; a full pack (several MiB) is handed to the part sink as one sealed Kafka record and becomes one
 * stored object. Knows nothing of files, dedup or Kafka: it returns where each chunk landed, and the snapshot keeps
 * those locations for its manifest.
 */
package org.chtbackup.collector.packing;
