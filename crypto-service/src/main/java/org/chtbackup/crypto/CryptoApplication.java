package org.chtbackup.crypto;

import org.chtbackup.crypto.keys.KeyTool;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The crypto service; {@code keys ...} as first argument runs the key tool instead. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CryptoApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("keys")) {
            System.exit(KeyTool.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        application().run(args);
    }

    /** The application reading {@code crypto.yml}, so that several services can share one classpath in tests. */
    public static SpringApplication application() {
        SpringApplication app = new SpringApplication(CryptoApplication.class);
        app.setDefaultProperties(java.util.Map.of("spring.config.name", "crypto"));
        return app;
    }
}
