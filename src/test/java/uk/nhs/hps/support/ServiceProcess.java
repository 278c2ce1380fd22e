package uk.nhs.hps.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged service ({@code target/hps-companion-*.jar}, built by {@code ./mvnw package}) running in its
 * own JVM, configured by system properties, on a random port read from its startup log. {@link #kill()}
 * sends SIGKILL: no shutdown hook, no pool close, no last flush.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Pattern RUNNING = Pattern.compile("Server Running: http://[^:]+:(\\d+)");

    private final Process process;
    private final Path log;
    private final String baseUrl;

    private ServiceProcess(Process process, Path log, String baseUrl) {
        this.process = process;
        this.log = log;
        this.baseUrl = baseUrl;
    }

    /** Starts the jar and waits until it serves HTTP (health UP), or fails with the end of its log. */
    public static ServiceProcess start(Map<String, String> properties, Duration timeout) {
        // quick start over peak speed: these runs are seconds long
        return start(properties, timeout, List.of("-XX:TieredStopAtLevel=1", "-Xmx512m"));
    }

    /** As {@link #start(Map, Duration)}, with these JVM options instead of the quick-start ones. */
    public static ServiceProcess start(Map<String, String> properties, Duration timeout, List<String> jvmOptions) {
        try {
            Path log = Files.createTempFile("hps-service", ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.add("-Dmicronaut.server.port=-1");
            properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.add("-jar");
            command.add(jar().toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("The service exited with " + process.exitValue() + ":\n" + tail(log));
                }
                Matcher running = RUNNING.matcher(Files.readString(log, StandardCharsets.UTF_8));
                if (running.find()) {
                    ServiceProcess service = new ServiceProcess(process, log, "http://127.0.0.1:" + running.group(1));
                    service.awaitHealthy(deadline);
                    return service;
                }
                TimeUnit.MILLISECONDS.sleep(100); // waiting on another process's log: nothing to be woken by
            }
            process.destroyForcibly();
            throw new IllegalStateException("The service did not start within " + timeout + ":\n" + tail(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The jar {@code package} built; the shade plugin keeps the thin one as original-*.jar. */
    public static Path jar() throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "hps-companion-*.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        }
        throw new IllegalStateException("No target/hps-companion-*.jar: run ./mvnw package (or verify) first");
    }

    public String baseUrl() {
        return baseUrl;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL (destroyForcibly on Linux), then waits until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The service survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM: the service shuts down as it would in production (JFR recordings are written, pools closed). */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String logTail() {
        return tail(log);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private void awaitHealthy(long deadline) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the port is bound a moment before the first request is served
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IllegalStateException("The service never reported healthy:\n" + tail(log));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
