package org.chtbackup.collector.snapshot;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /snapshots} starts a snapshot (202 + id); {@code GET /snapshots/{id}} shows its progress. */
@RestController
class SnapshotController {

    private final SnapshotTrigger trigger;

    SnapshotController(SnapshotTrigger trigger) {
        this.trigger = trigger;
    }

    /** {@code ?fullRead=true}: read every CouchDB file in full and compare with the append shortcut, now. */
    @PostMapping("/snapshots")
    ResponseEntity<Map<String, String>> start(@RequestParam(name = "fullRead", defaultValue = "false") boolean fullRead) {
        String id = trigger.start(fullRead);
        return ResponseEntity.accepted().body(Map.of("snapshotId", id, "status", "/snapshots/" + id));
    }

    @GetMapping("/snapshots/{id}")
    ResponseEntity<SnapshotTrigger.Status> status(@PathVariable("id") String id) {
        SnapshotTrigger.Status status = trigger.status(id);
        return status == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(status);
    }

    @ExceptionHandler(SnapshotInProgressException.class)
    ResponseEntity<Map<String, String>> busy(SnapshotInProgressException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
    }
}
