package uk.nhs.hps.teams;

import jakarta.inject.Singleton;
import uk.nhs.hps.conversation.FileDownloads;
import uk.nhs.hps.conversation.Turn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Downloads a file a user sent in personal chat. Teams gives the bot a short-lived, pre-authorised
 * download URL, so no token is sent with the request; size and time are bounded.
 */
@Singleton
class TeamsFileDownloads implements FileDownloads {

    private final HttpClient http;
    private final TeamsSettings settings;

    TeamsFileDownloads(TeamsSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public byte[] download(Turn.Attachment attachment, int maxBytes) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(attachment.downloadUrl()))
                .timeout(settings.readTimeout())
                .GET()
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException("The file could not be fetched from Teams (HTTP " + response.statusCode() + ")");
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buffer = new byte[16 * 1024];
                int read;
                while ((read = body.read(buffer)) != -1) {
                    if (out.size() + read > maxBytes) {
                        throw new FileDownloads.TooLarge(maxBytes);
                    }
                    out.write(buffer, 0, read);
                }
                return out.toByteArray();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while fetching the file", e);
        }
    }
}
