package org.chtbackup.collector;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The collector: one per CHT host. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CollectorApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** The application reading {@code collector.yml}, so that several services can share one classpath in tests. */
    public static SpringApplication application() {
        SpringApplication app = new SpringApplication(CollectorApplication.class);
        app.setDefaultProperties(java.util.Map.of("spring.config.name", "collector"));
        return app;
    }
}
