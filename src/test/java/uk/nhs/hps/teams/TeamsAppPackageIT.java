package uk.nhs.hps.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs in verify, after package: the zip Teams is given holds the filled manifest and both icons at its
 * root, and nothing else.
 */
class TeamsAppPackageIT {

    static final Path ZIP = Path.of("target", "hps-companion-teams-app.zip");

    @Test
    void zipHoldsFilledManifestAndIconsAtItsRoot() throws IOException {
        assertThat(ZIP).as("made by ./mvnw package").exists();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(entry)) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
        }

        assertThat(entries).containsOnlyKeys("manifest.json", "color.png", "outline.png");
        assertThat(entries.get("color.png")).isEqualTo(Files.readAllBytes(Path.of("bot-manifest", "color.png")));
        assertThat(entries.get("outline.png")).isEqualTo(Files.readAllBytes(Path.of("bot-manifest", "outline.png")));

        String manifestText = new String(entries.get("manifest.json"), StandardCharsets.UTF_8);
        assertThat(manifestText).doesNotContain("${");
        JsonNode manifest = new ObjectMapper().readTree(manifestText);
        assertThat(manifest.get("id").asText()).matches(TeamsAppPackageTest.GUID);
        assertThat(manifest.at("/bots/0/botId").asText()).isEqualTo(manifest.get("id").asText());
        assertThat(manifest.at("/icons/color").asText()).isEqualTo("color.png");
        assertThat(manifest.at("/icons/outline").asText()).isEqualTo("outline.png");
        assertThat(manifest.at("/staticTabs/0/contentUrl").asText()).endsWith("/console/tab");
        assertThat(manifest.at("/webApplicationInfo/id").asText()).matches(TeamsAppPackageTest.GUID);
    }
}
