package org.chtbackup.collector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.chtbackup.collector.schedule.SnapshotCommand;
import org.chtbackup.collector.snapshot.SnapshotTrigger;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The collector: one per CHT host. {@code java -jar collector.jar} runs the service (schedule, HTTP trigger,
 * acknowledgements); {@code java -jar collector.jar snapshot --once} takes one snapshot and exits with its status.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CollectorApplication {

    public static void main(String[] args) {
        if (SnapshotCommand.requested(args)) {
            System.exit(snapshotOnce(args));
        }
        application().run(args);
    }

    /** The application reading {@code collector.yml}, so that several services can share one classpath in tests. */
    public static SpringApplication application() {
        SpringApplication app = new SpringApplication(CollectorApplication.class);
        app.setDefaultProperties(java.util.Map.of("spring.config.name", "collector"));
        return app;
    }

    /** The CLI: one snapshot, no web server and no schedule; returns the exit status of {@link SnapshotCommand}. */
    public static int snapshotOnce(String[] args) {
        String usage = SnapshotCommand.usageError(args);
        if (usage != null) {
            System.err.println(usage);
            return SnapshotCommand.USAGE;
        }
        SpringApplication app = application();
        app.setWebApplicationType(WebApplicationType.NONE);
        List<String> springArgs = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
        springArgs.remove("--once");
        springArgs.add("--collector.schedule=");
        try (ConfigurableApplicationContext context = app.run(springArgs.toArray(String[]::new))) {
            int status = SnapshotCommand.run(context.getBean(SnapshotTrigger.class), System.out);
            return SpringApplication.exit(context, () -> status);
        }
    }
}
