package uk.nhs.hps.meeting;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * What the monthly sponsor meeting is for, as the nudge says it: data ({@code meeting/sponsor-meeting.yml}) quoting
 * 001's role of the sponsor, so the wording stays the scheme's and can be read and changed without code.
 */
@Singleton
class SponsorMeetingPurpose {

    @io.micronaut.serde.annotation.Serdeable
    record Source(String document, String file, String section, String passage) {
    }

    private final String text;
    private final Source source;

    @SuppressWarnings("unchecked")
    SponsorMeetingPurpose(@Value("${meeting.wording:meeting/sponsor-meeting.yml}") String resource) {
        try (InputStream in = SponsorMeetingPurpose.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No sponsor-meeting wording at classpath:" + resource);
            }
            Map<String, Object> purpose = (Map<String, Object>) ((Map<String, Object>)
                    new Yaml(new SafeConstructor(new LoaderOptions())).load(in)).get("purpose");
            Map<String, Object> s = (Map<String, Object>) purpose.get("source");
            text = String.valueOf(purpose.get("text"));
            source = new Source(String.valueOf(s.get("document")), String.valueOf(s.get("file")),
                    String.valueOf(s.get("section")), String.valueOf(s.get("passage")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalStateException("Sponsor-meeting wording " + resource + " needs purpose.text and purpose.source", e);
        }
    }

    String text() {
        return text;
    }

    Source source() {
        return source;
    }
}
