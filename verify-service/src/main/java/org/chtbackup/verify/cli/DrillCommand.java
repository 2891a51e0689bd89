package org.chtbackup.verify.cli;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code drill}: asks a running verify service to drill now and prints the result (exit 0 only on PASS). */
@Command(name = "drill", mixinStandardHelpOptions = true,
        description = "Run an on-demand restore drill on a running verify service and print its report.")
public final class DrillCommand implements Callable<Integer> {

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8084", description = "The verify service.")
    URI url;
    @Option(names = {"-d", "--deployment"}, required = true)
    String deployment;
    @Option(names = {"-l", "--location"}, required = true)
    String location;
    @Option(names = {"-s", "--snapshot"}, description = "Snapshot id; the newest in that location when left out.")
    String snapshot;
    @Spec
    CommandLine.Model.CommandSpec spec;

    public static int run(String... args) {
        return new CommandLine(new DrillCommand()).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        String query = "deployment=" + enc(deployment) + "&location=" + enc(location)
                + (snapshot == null ? "" : "&snapshot=" + enc(snapshot));
        String base = url.toString().endsWith("/") ? url.toString() : url + "/";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base + "drills?" + query)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        spec.commandLine().getOut().println(response.body());
        return response.statusCode() == 200 && response.body().contains("\"result\":\"PASS\"") ? 0 : 1;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
