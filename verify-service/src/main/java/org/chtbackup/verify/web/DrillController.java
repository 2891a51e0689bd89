package org.chtbackup.verify.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutionException;

import org.chtbackup.verify.VerifyProperties;
import org.chtbackup.verify.queue.DrillQueue;
import org.chtbackup.verify.queue.DrillRequest;
import org.chtbackup.verify.report.FleetSummary;
import org.chtbackup.verify.schedule.DrillScheduler;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /drills?deployment=&location=[&snapshot=]} queues a drill (behind those already queued) and answers
 * its result once it has run; {@code GET /drills} lists the drills queued or running; {@code GET /fleet} and {@code /fleet.json} the fleet summary; {@code GET
 * /reports/{deployment}/{drillId}} a drill's HTML report.
 */
@RestController
class DrillController {

    private final DrillScheduler scheduler;
    private final DrillQueue queue;
    private final FleetSummary fleet;
    private final Path reportDir;
    private final Clock clock;

    DrillController(DrillScheduler scheduler, DrillQueue queue, FleetSummary fleet, VerifyProperties props,
                    Clock clock) {
        this.scheduler = scheduler;
        this.queue = queue;
        this.fleet = fleet;
        this.reportDir = props.reportDir();
        this.clock = clock;
    }

    @PostMapping("/drills")
    ResponseEntity<?> drill(@RequestParam String deployment, @RequestParam String location,
                            @RequestParam(required = false) String snapshot) throws InterruptedException {
        try {
            return scheduler.submit(deployment, location, snapshot).get()
                    .<ResponseEntity<?>>map(ResponseEntity::ok)
                    .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(
                            "no snapshot " + (snapshot == null ? "" : snapshot + " ") + "of " + deployment
                                    + " in location '" + location + "'\n"));
        } catch (ExecutionException e) {
            return ResponseEntity.badRequest().body(e.getCause().getMessage() + "\n");
        }
    }

    @GetMapping(value = "/drills", produces = MediaType.APPLICATION_JSON_VALUE)
    List<DrillRequest> queued() {
        return queue.queued();
    }

    @GetMapping(value = "/fleet", produces = MediaType.TEXT_HTML_VALUE)
    String fleetPage(@RequestParam(name = "show", defaultValue = "all") String show) {
        return fleet.html(clock.instant(), show.equals("attention"));
    }

    @GetMapping(value = "/fleet.json", produces = MediaType.APPLICATION_JSON_VALUE)
    List<FleetSummary.DeploymentLine> fleetJson() {
        return fleet.lines(clock.instant());
    }

    @GetMapping(value = "/reports/{deployment}/{drillId}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> report(@PathVariable String deployment, @PathVariable String drillId) throws Exception {
        if (!deployment.matches("[a-z0-9-]{1,63}") || !drillId.matches("[A-Za-z0-9-]{1,80}")) {
            return ResponseEntity.badRequest().body("bad deployment or drill id\n");
        }
        Path file = reportDir.resolve(deployment).resolve(drillId + ".html");
        return Files.isRegularFile(file) ? ResponseEntity.ok(Files.readString(file))
                : ResponseEntity.notFound().build();
    }
}
