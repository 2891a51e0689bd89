package org.chtbackup.storage;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The storage service: every object to every location. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StorageApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** The application reading {@code storage.yml}, so that several services can share one classpath in tests. */
    public static SpringApplication application() {
        SpringApplication app = new SpringApplication(StorageApplication.class);
        app.setDefaultProperties(java.util.Map.of("spring.config.name", "storage"));
        return app;
    }
}
