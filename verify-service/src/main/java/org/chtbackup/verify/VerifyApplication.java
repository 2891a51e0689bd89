package org.chtbackup.verify;

import org.chtbackup.verify.cli.DrillCommand;
import org.chtbackup.verify.cli.RestoreTool;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The verify service: restore drills and reports; {@code restore ...} or {@code drill ...} first runs a tool. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VerifyApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("restore")) {
            System.exit(RestoreTool.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("drill")) {
            System.exit(DrillCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        application().run(args);
    }

    /** The application reading {@code verify.yml}, so that several services can share one classpath in tests. */
    public static SpringApplication application() {
        SpringApplication app = new SpringApplication(VerifyApplication.class);
        app.setDefaultProperties(java.util.Map.of("spring.config.name", "verify"));
        return app;
    }
}
