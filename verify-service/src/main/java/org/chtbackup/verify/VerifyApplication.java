package org.chtbackup.verify;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The verify service: restore drills and reports. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VerifyApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** The application reading {@code verify.yml}, so that several services can share one classpath in tests. */
    public static SpringApplication application() {
        SpringApplication app = new SpringApplication(VerifyApplication.class);
        app.setDefaultProperties(java.util.Map.of("spring.config.name", "verify"));
        return app;
    }
}
