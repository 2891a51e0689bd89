package org.chtbackup.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A one-node KRaft broker whose client listener requires SASL_SSL: TLS with a certificate made here by the JDK's
 * keytool (trusted as a PEM file), then SASL/PLAIN with a user per role. The controller listener stays local.
 */
final class SaslSslBroker implements KafkaProvider {

    static final String ADMIN = "admin";
    static final String SERVICE = "cht-backup";

    private final KafkaClusterTestKit cluster;
    private final Path trust;
    private final Map<String, String> passwords = new LinkedHashMap<>();

    SaslSslBroker(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path keystore = dir.resolve("broker.p12");
        trust = dir.resolve("broker.pem");
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "keystore-pw", "-keypass", "keystore-pw");
        keytool("-exportcert", "-rfc", "-alias", "broker", "-keystore", keystore.toString(), "-storepass",
                "keystore-pw", "-file", trust.toString());
        passwords.put(ADMIN, "admin-" + Long.toHexString(System.nanoTime()));
        passwords.put(SERVICE, "service-" + Long.toHexString(System.nanoTime()));
        StringBuilder users = new StringBuilder();
        passwords.forEach((user, password) -> users.append(" user_").append(user).append("=\"").append(password)
                .append('"'));
        String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + ADMIN
                + "\" password=\"" + passwords.get(ADMIN) + "\"" + users + ";";
        TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
                .setNumControllerNodes(1).setBrokerListenerName(new ListenerName("EXTERNAL"))
                .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT).build();
        // The test kit makes SASL_PLAINTEXT listeners only; mapping its listener to SASL_SSL adds the TLS.
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("listener.security.protocol.map", "EXTERNAL:SASL_SSL,CONTROLLER:PLAINTEXT")
                // the test kit turns an authorizer on: the controller's own local listener and the admin are trusted
                .setConfigProp("super.users", "User:ANONYMOUS;User:" + ADMIN + ";User:" + SERVICE)
                .setConfigProp("sasl.enabled.mechanisms", "PLAIN")
                .setConfigProp("sasl.mechanism.inter.broker.protocol", "PLAIN")
                .setConfigProp("listener.name.external.plain.sasl.jaas.config", jaas)
                .setConfigProp("ssl.keystore.type", "PKCS12")
                .setConfigProp("ssl.keystore.location", keystore.toString())
                .setConfigProp("ssl.keystore.password", "keystore-pw")
                .setConfigProp("ssl.key.password", "keystore-pw")
                .setConfigProp("ssl.truststore.type", "PEM")
                .setConfigProp("ssl.truststore.location", trust.toString())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("message.max.bytes", "16777216")
                .setConfigProp("replica.fetch.max.bytes", "16777216")
                .setConfigProp("num.partitions", "8");
        cluster = builder.build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public String kind() {
        return "embedded KRaft requiring SASL_SSL";
    }

    /** The services connect as the {@value #SERVICE} user. */
    @Override
    public Map<String, Object> clientSettings() {
        return client(SERVICE);
    }

    @Override
    public List<String> springSettings() {
        return springSettings(SERVICE);
    }

    /** Client settings of {@code user}, as Kafka client properties. */
    Map<String, Object> client(String user, String password) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("security.protocol", "SASL_SSL");
        config.put("ssl.truststore.type", "PEM");
        config.put("ssl.truststore.location", trust.toString());
        config.put("sasl.mechanism", "PLAIN");
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + user + "\" password=\"" + password + "\";");
        return config;
    }

    Map<String, Object> client(String user) {
        return client(user, passwords.get(user));
    }

    /** The same for a Spring service: {@code spring.kafka.*} keys, which the binder and every raw client read. */
    List<String> springSettings(String user) {
        List<String> settings = new ArrayList<>();
        settings.add("spring.kafka.security.protocol=SASL_SSL");
        settings.add("spring.kafka.properties.ssl.truststore.type=PEM");
        settings.add("spring.kafka.properties.ssl.truststore.location=" + trust);
        settings.add("spring.kafka.properties.sasl.mechanism=PLAIN");
        settings.add("spring.kafka.properties.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule"
                + " required username=\"" + user + "\" password=\"" + passwords.get(user) + "\";");
        return settings;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + args[0] + " failed: " + out);
        }
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the SASL_SSL broker failed", e);
        }
    }
}
