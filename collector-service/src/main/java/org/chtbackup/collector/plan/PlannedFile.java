package org.chtbackup.collector.plan;

import java.nio.file.Path;

import org.chtbackup.contracts.manifest.FileKind;
import org.chtbackup.contracts.manifest.Root;

/** One file to copy: where it is now, and its root and '/'-separated path in the manifest. */
public record PlannedFile(Root root, String path, FileKind kind, Path source) {
}
